// Read a saved trace and load the model it was made on, for `replay` and `trace`. ADAPTER.
// Every problem (unreadable file, bad trace, model that no longer loads) is a diagnostic.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { parseTrace, type TraceFile } from '../core/trace/trace.js';
import { loadForRun, type LoadedRun } from './loadForRun.js';

export function readTrace(file: string, cwd: string): { trace?: TraceFile; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8');
  } catch (e) {
    return { diagnostics: [diag('error', 'RC201', `cannot read trace: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file })] };
  }
  return parseTrace(text, file);
}

/** The model a trace names (its source folder with its overrides and mutant). */
export function loadTraceModel(t: TraceFile, cwd: string): LoadedRun {
  return loadForRun(t.source, { bounds: t.options.bounds, set: t.options.sets, mutant: t.options.mutant ?? undefined }, cwd);
}
