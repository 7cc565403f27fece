// `roamcheck diagram machines|topology [MODEL] [-o DIR]`: documentation diagrams as Mermaid.
// ADAPTER. Without -o they go to stdout; with -o each goes to its own file, never over an
// existing one unless --force.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { diag } from '../core/diagnostic.js';
import { machineCatalog } from '../core/machines/catalog.js';
import { machineMermaid, topologyMermaid } from '../render/diagramMermaid.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { readModel } from './readModel.js';

export async function diagramCommand(kind: string, model: string | undefined, opts: { output?: string; force?: boolean }, io: Io): Promise<number> {
  let files: { name: string; text: string }[];
  if (kind === 'machines') {
    files = machineCatalog().map((m) => ({ name: `${m.name}.mmd`, text: machineMermaid(m.machine, `${m.name}: ${m.about}`) }));
  } else if (kind === 'topology') {
    const read = readModel(model, io.cwd);
    if (!read.scenario) return fail(read.diagnostics, io);
    files = [{ name: `${read.scenario.name}-topology.mmd`, text: topologyMermaid(read.scenario) }];
  } else {
    return fail([diag('error', 'RC112', `diagram: unknown kind "${kind}"`, { hint: 'kinds: machines, topology' })], io);
  }
  if (!opts.output) {
    io.out(files.map((f) => f.text).join('\n'));
    return 0;
  }
  const out = opts.output;
  const dir = resolve(io.cwd, out);
  const clash = files.filter((f) => existsSync(join(dir, f.name)));
  if (clash.length && !opts.force) {
    return fail(clash.map((f) => diag('error', 'RC236', `${join(out, f.name)} exists; not overwritten`, { file: join(out, f.name), hint: 'choose another -o, or add --force' })), io);
  }
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  io.out(files.map((f) => `wrote ${join(out, f.name)}\n`).join(''));
  return 0;
}
