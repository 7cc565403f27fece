// Instructions per unit of work, counted by valgrind (cachegrind, no cache simulation) when it is
// installed: the seed lab's bare walk per world step, and its F2 exhaustive search per state.
// Why: on this shared machine wall and CPU time of one build move by 10-30 % from run to run, so
// a change worth 2-5 % cannot be told from noise by timing, while instruction counts of a run
// under `node --single-threaded --predictable` (no compiler or collector threads, a fixed hash
// seed) repeat to about 0.1 % in one process and 1 % across runs (issue 9). They count work, not
// time: cache misses and memory stalls do not show, so they complement the timed figures.
// NOT PURE: child processes under valgrind (about 4 minutes in all).

import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `I refs:` total of cachegrind's summary (stderr), or undefined when there is none. */
export function parseInstructionRefs(text: string): number | undefined {
  const m = /I\s+refs:\s+([\d,]+)/.exec(text);
  return m ? Number(m[1].replace(/,/g, '')) : undefined;
}

/** Why the count cannot run here, or undefined when it can. */
export function valgrindMissing(): string | undefined {
  const r = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  return r.error || r.status !== 0 ? 'valgrind not found on PATH' : undefined;
}

/** The workloads of instructionWorkload.ts. */
export type Workload = 'walk' | 'walk-generated' | 'check' | 'search';

export interface InstructionCount {
  /** Instructions of the short and the long run; their difference is the steady state's. */
  short: number;
  long: number;
  /** What each workload reported: steps, or states and transitions. */
  shortWork: Record<string, number>;
  longWork: Record<string, number>;
}

function counted(kind: Workload, size: number): { refs: number; work: Record<string, number> } {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'instructionWorkload.js');
  const r = spawnSync('valgrind', ['--tool=cachegrind', '--cache-sim=no', '--cachegrind-out-file=/dev/null', process.execPath, '--single-threaded', '--predictable', script, kind, String(size)], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  const refs = parseInstructionRefs(r.stderr ?? '');
  if (r.error || r.status !== 0 || refs === undefined) throw new Error(`valgrind ${kind} ${size} failed: ${r.error?.message ?? r.stderr}`);
  return { refs, work: JSON.parse(r.stdout) };
}

/**
 * Instructions of `kind` (walk: world steps; search: depth) at a short and a long size. The
 * difference is what the extra work cost once start-up and most of the JIT's warm-up are behind:
 * on the seed lab's walk the first 60,000 steps cost 48,000 instructions each, the next 120,000
 * 13,400 (compiling is counted too, in this one thread).
 */
export function instructionCount(kind: Workload, short: number, long: number): InstructionCount {
  const a = counted(kind, short);
  const b = counted(kind, long);
  return { short: a.refs, long: b.refs, shortWork: a.work, longWork: b.work };
}
