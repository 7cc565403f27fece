// `roamcheck diagram machines|topology [MODEL] [-o DIR]`: documentation diagrams as Mermaid.
// ADAPTER. Without -o they go to stdout; with -o each goes to its own file, never over an
// existing one unless --force.

import { join, resolve } from 'node:path';
import { diag } from '../core/diagnostic.js';
import { machineCatalog } from '../core/machines/catalog.js';
import { machineMermaid, topologyMermaid } from '../render/diagramMermaid.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { readModel } from './readModel.js';
import { checkFolder, checkOutput, makeFolder, outputError, safeFileName, writeOutput } from './safeWrite.js';

export async function diagramCommand(kind: string, model: string | undefined, opts: { output?: string; force?: boolean }, io: Io): Promise<number> {
  let files: { name: string; text: string }[];
  if (kind === 'machines') {
    files = machineCatalog().map((m) => ({ name: `${m.name}.mmd`, text: machineMermaid(m.machine, `${m.name}: ${m.about}`) }));
  } else if (kind === 'topology') {
    const read = readModel(model, io.cwd);
    if (!read.scenario) return fail(read.diagnostics, io);
    files = [{ name: `${safeFileName(read.scenario.name)}-topology.mmd`, text: topologyMermaid(read.scenario) }];
  } else {
    return fail([diag('error', 'RC112', `diagram: unknown kind "${kind}"`, { hint: 'kinds: machines, topology' })], io);
  }
  if (!opts.output) {
    io.out(files.map((f) => f.text).join('\n'));
    return 0;
  }
  const out = opts.output;
  const dir = resolve(io.cwd, out);
  // Every problem before anything is written: the folder, then each file (safeWrite.ts).
  const badDir = checkFolder(dir, out, 'RC236', '-o');
  if (badDir) return fail([badDir], io);
  try {
    makeFolder(dir);
  } catch (e) {
    return fail([outputError(e, out)], io);
  }
  const bad = files.map((f) => checkOutput(join(dir, f.name), join(out, f.name), !!opts.force)).filter((x) => x !== null);
  if (bad.length) return fail(bad, io);
  for (const f of files) {
    try {
      writeOutput(join(dir, f.name), f.text, !!opts.force);
    } catch (e) {
      return fail([outputError(e, join(out, f.name))], io);
    }
  }
  io.out(files.map((f) => `wrote ${join(out, f.name)}\n`).join(''));
  return 0;
}
