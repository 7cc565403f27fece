// SPIN beside roamcheck: when `spin` and `gcc` are on PATH, build the Promela model of the seed
// lab (bench/spin/s1.pml, see bench/spin/README.md) and run pan over its full state space, so the
// bench can print SPIN's states/s next to roamcheck's exhaustive states/s measured in the same
// run. NOT PURE: child processes, a temporary folder, wall-clock time.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

/** The seed lab with 2 moves and 1 loss, as the anchor's full-state-space rows (`pan -A`). */
export const SPIN_DEFINES = ['-DMAXMOVES=2', '-DMAXLOSS=1', '-DV_SEED'];
const CFLAGS = ['-O2', '-DSAFETY', '-DMEMLIM=16384'];
const PANFLAGS = ['-m10000', '-w22', '-n', '-A'];

export interface SpinResult {
  version: string;
  defines: string[];
  states: number;
  transitions: number;
  stateVectorBytes: number;
  /** pan's "actual memory usage for states", bytes. */
  stateMemoryBytes: number;
  /** Wall time of each pan run, ms (process start and the 32 MB hash table included). */
  wallMs: number[];
  /** pan's own elapsed time of each run, s (10 ms resolution). */
  panSeconds: number[];
}

/** Why SPIN cannot run here, or undefined when it can. */
export function spinMissing(): string | undefined {
  for (const [cmd, arg] of [
    ['spin', '-V'],
    ['gcc', '--version'],
  ]) {
    const r = spawnSync(cmd, [arg], { encoding: 'utf8' });
    if (r.error || r.status !== 0) return `${cmd} not found on PATH`;
  }
  return undefined;
}

/** bench/spin/s1.pml in the source tree (this file runs from dist/bench/). */
function modelFile(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench/spin/s1.pml: no package.json above the bench'); // the bench runs inside the repository
    dir = up;
  }
  return join(dir, 'bench', 'spin', 's1.pml');
}

function run(cmd: string, args: string[], cwd: string): string {
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.error || r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed: ${r.error?.message ?? (r.stderr || r.stdout)}`);
  return r.stdout + r.stderr;
}

const num = (text: string, re: RegExp): number => {
  const m = re.exec(text);
  return m ? Number(m[1]) : NaN;
};

/** Compile once, run pan `rounds` times; throws if a step fails (the caller reports it in one line). */
export function runSpin(rounds: number): SpinResult {
  const dir = mkdtempSync(join(tmpdir(), 'roamcheck-spin-'));
  try {
    copyFileSync(modelFile(), join(dir, 's1.pml'));
    const version = run('spin', ['-V'], dir).trim();
    run('spin', ['-a', ...SPIN_DEFINES, 's1.pml'], dir);
    run('gcc', [...CFLAGS, '-o', 'pan', 'pan.c'], dir);
    const wallMs: number[] = [];
    const panSeconds: number[] = [];
    let log = '';
    for (let i = 0; i < rounds; i++) {
      const t0 = performance.now();
      log = run(join(dir, 'pan'), PANFLAGS, dir);
      wallMs.push(performance.now() - t0);
      panSeconds.push(num(log, /pan: elapsed time ([\d.]+)/));
    }
    return {
      version,
      defines: SPIN_DEFINES,
      states: num(log, /(\d+) states, stored/),
      transitions: num(log, /(\d+) transitions \(= stored\+matched\)/),
      stateVectorBytes: num(log, /State-vector (\d+) byte/),
      stateMemoryBytes: num(log, /([\d.]+)\s+actual memory usage for states/) * 1024 * 1024,
      wallMs,
      panSeconds,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The copied model's first line, to show where it came from. */
export function spinModelHeader(): string {
  return (
    readFileSync(modelFile(), 'utf8')
      .split('\n')[1]
      ?.replace(/^\s*\*\s*/, '') ?? ''
  );
}
