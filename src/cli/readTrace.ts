// Read a saved trace and load the model it was made on, for `replay` and `trace`. ADAPTER.
// Every problem (unreadable or oversized file, bad trace, model that no longer loads) is a
// diagnostic naming the file; the trace's own shape is traceSchema.ts's.

import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import { parseOverrides } from '../core/overrides.js';
import type { TraceFile } from '../core/trace/trace.js';
import { loadForRun, type LoadedRun } from './loadForRun.js';
import { parseTrace } from './traceSchema.js';

export function readTrace(file: string, cwd: string): { trace?: TraceFile; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    const full = resolve(cwd, file);
    const size = statSync(full).size;
    // Checked before reading: a 1.5M-action trace took minutes and gigabytes to fail.
    if (size > LIMITS.traceBytes) {
      return {
        diagnostics: [
          diag('error', 'RC204', `trace is ${size} bytes, more than the limit of ${LIMITS.traceBytes}`, { file, hint: 'a counterexample trace is a few kilobytes; is this the right file?' }),
        ],
      };
    }
    text = readFileSync(full, 'utf8');
  } catch (e) {
    return { diagnostics: [diag('error', 'RC201', `cannot read trace: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { file })] };
  }
  const parsed = parseTrace(text, file);
  if (!parsed.trace) return parsed;
  // The overrides are command-line text saved verbatim: check them here so their problems name
  // the trace file rather than a --bounds the user never typed.
  const over = parseOverrides({ bounds: parsed.trace.options.bounds, sets: parsed.trace.options.sets });
  if (over.diagnostics.length) {
    const line = lineOf(text, '"options"');
    return { diagnostics: over.diagnostics.map((d) => diag('error', 'RC231', `"options": ${d.message}`, { file, line, hint: d.hint })) };
  }
  return parsed;
}

/** The model a trace names (its source folder with its overrides and mutant). */
export function loadTraceModel(t: TraceFile, cwd: string): LoadedRun {
  return loadForRun(t.source, { bounds: t.options.bounds, set: t.options.sets, mutant: t.options.mutant ?? undefined }, cwd);
}

function lineOf(text: string, needle: string): number | undefined {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}
