// `roamcheck diagram machines|topology [MODEL] [-o DIR] [--format mermaid|svg]`: documentation
// diagrams as Mermaid text or SVG pictures (laid out by Graphviz, render/diagramSvg.ts). ADAPTER.
// Without -o they go to stdout; with -o each goes to its own file, never over an existing one
// unless --force.

import { join, resolve } from 'node:path';
import { diag } from '../core/diagnostic.js';
import { machineCatalog } from '../core/machines/catalog.js';
import { machineMermaid, topologyMermaid } from '../render/diagramMermaid.js';
import { machineSvg, topologySvg } from '../render/diagramSvg.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { readModel } from './readModel.js';
import { checkFolder, checkOutput, makeFolder, outputError, safeFileName, writeOutput } from './safeWrite.js';

export const DIAGRAM_FORMATS = ['mermaid', 'svg'] as const;
export type DiagramFormat = (typeof DIAGRAM_FORMATS)[number];

export interface DiagramOptions {
  output?: string;
  force?: boolean;
  /** `mermaid` (default) or `svg`. */
  format?: string;
}

export async function diagramCommand(kind: string, model: string | undefined, opts: DiagramOptions, io: Io): Promise<number> {
  const format = opts.format ?? 'mermaid';
  if (!(DIAGRAM_FORMATS as readonly string[]).includes(format)) {
    return fail([diag('error', 'RC117', `diagram: unknown format "${format}"`, { hint: `formats: ${DIAGRAM_FORMATS.join(', ')}` })], io);
  }
  const svg = format === 'svg';
  let files: { name: string; text: string | Promise<string> }[];
  if (kind === 'machines') {
    files = machineCatalog().map((m) => {
      const title = `${m.name}: ${m.about}`;
      return svg ? { name: `${m.name}.svg`, text: machineSvg(m.machine, title) } : { name: `${m.name}.mmd`, text: machineMermaid(m.machine, title) };
    });
  } else if (kind === 'topology') {
    const read = readModel(model, io.cwd);
    if (!read.scenario) return fail(read.diagnostics, io);
    const name = `${safeFileName(read.scenario.name)}-topology`;
    files = [svg ? { name: `${name}.svg`, text: topologySvg(read.scenario) } : { name: `${name}.mmd`, text: topologyMermaid(read.scenario) }];
  } else {
    return fail([diag('error', 'RC112', `diagram: unknown kind "${kind}"`, { hint: 'kinds: machines, topology' })], io);
  }
  const texts = await Promise.all(files.map((f) => f.text));
  if (!opts.output) {
    // Several SVG documents on one stream would not be one well-formed document.
    if (svg && texts.length > 1) return fail([diag('error', 'RC118', `diagram ${kind} --format svg draws ${texts.length} pictures, one file each`, { hint: 'add -o DIR' })], io);
    io.out(texts.join('\n'));
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
  for (const [i, f] of files.entries()) {
    try {
      writeOutput(join(dir, f.name), texts[i], !!opts.force);
    } catch (e) {
      return fail([outputError(e, join(out, f.name))], io);
    }
  }
  io.out(files.map((f) => `wrote ${join(out, f.name)}\n`).join(''));
  return 0;
}
