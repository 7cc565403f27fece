// `roamcheck model [MODEL] [--json]`: print what roamcheck understood of the configs and the
// scenario (DESIGN.md §6), so users can confirm the parse. ADAPTER. Exit 0, or 2 when the model
// cannot be loaded; diagnostics go to stderr so stdout stays the model.

import { renderModelText } from '../render/modelText.js';
import type { Io } from './io.js';
import { diagnosticLine } from './fail.js';
import { readModel } from './readModel.js';

export async function modelCommand(model: string | undefined, opts: { json?: boolean }, io: Io): Promise<number> {
  try {
    const read = readModel(model, io.cwd);
    for (const d of read.diagnostics) io.err(diagnosticLine(d) + '\n');
    if (!read.scenario) return 2;
    if (opts.json) {
      // JSON has no Infinity: unlimited bounds are written as "unlimited", as scenario.yaml accepts.
      io.out(JSON.stringify(read.scenario, (_k, v) => (v === Infinity ? 'unlimited' : v), 2) + '\n');
    } else {
      const bold = io.color ? (t: string) => `\u001b[1m${t}\u001b[22m` : undefined;
      io.out(renderModelText(read.scenario, bold ? { heading: bold } : {}));
    }
    return 0;
  } catch (e) {
    io.err(`roamcheck model: internal error: ${(e as Error).message}\n(this is a bug in roamcheck; please report it with the model)\n`);
    return 3;
  }
}
