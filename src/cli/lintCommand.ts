// `roamcheck lint [MODEL...]`: load each model and print loader diagnostics plus static lint
// findings (DESIGN.md §6). ADAPTER. Exit 0 no error or warning, 1 findings, 2 a model could not
// be loaded; internal errors are reported as one line (exit 3), never a stack trace.

import type { Diagnostic } from '../core/diagnostic.js';
import { lintScenario } from '../config/lint.js';
import type { Io } from './io.js';
import { diagnosticLine } from './fail.js';
import { readModel } from './readModel.js';

export async function lintCommand(models: string[], opts: { json?: boolean }, io: Io): Promise<number> {
  try {
    const all: Diagnostic[] = [];
    let unloadable = false;
    for (const model of models.length > 0 ? models : [undefined]) {
      const read = readModel(model, io.cwd);
      all.push(...read.diagnostics);
      if (!read.scenario) unloadable = true;
      else all.push(...lintScenario(read.scenario, read.sources));
    }
    if (opts.json) {
      const diagnostics = all.map((d) => ({
        severity: d.severity,
        code: d.code,
        file: d.file ?? null,
        line: d.line ?? null,
        message: d.message,
        hint: d.hint ?? null,
      }));
      io.out(JSON.stringify({ diagnostics }, null, 2) + '\n');
    } else {
      for (const d of all) io.out(diagnosticLine(d) + '\n');
      const n = (s: Diagnostic['severity']) => all.filter((d) => d.severity === s).length;
      const plural = (k: number, w: string) => `${k} ${w}${k === 1 ? '' : 's'}`;
      io.out(`${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${n('info')} info\n`);
    }
    if (unloadable) return 2;
    return all.some((d) => d.severity !== 'info') ? 1 : 0;
  } catch (e) {
    io.err(`roamcheck lint: internal error: ${(e as Error).message}\n(this is a bug in roamcheck; please report it with the model)\n`);
    return 3;
  }
}
