// Benchmark: world steps per second on the seed lab, cached machine runners against the baseline
// that steps every machine through XState's transition() (DESIGN.md §2, Performance).
// NOT PURE: timing, memory and stdout; it lives outside src/core. `npm run bench`
// (options: --seconds S per measurement, default 3; --rounds N, default 5).

import { performance } from 'node:perf_hooks';
import { SEED_LAB } from '../src/core/seedLab.js';
import { enabledActions } from '../src/core/world/enabled.js';
import { initialWorld } from '../src/core/world/initial.js';
import { createModel, type Model } from '../src/core/world/model.js';
import { step } from '../src/core/world/step.js';
import { exhaustiveRates, mutantTimes, widened } from './sections.js';

const WALK_STEPS = 60;
const SEED = 1;

/** mulberry32: a small deterministic PRNG, so both sides step exactly the same walks. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Measurement {
  steps: number;
  walks: number;
  ms: number;
  stepsPerSecond: number;
  heapUsed: number;
}

/** Random walks of WALK_STEPS from the initial world, for about `budgetMs`; the same walks every call. */
function measure(model: Model, budgetMs: number): Measurement {
  const rnd = mulberry32(SEED);
  const start = initialWorld(model); // immutable: every walk restarts from it
  let steps = 0;
  let walks = 0;
  const t0 = performance.now();
  let ms = 0;
  do {
    let world = start;
    for (let i = 0; i < WALK_STEPS; i++) {
      const acts = enabledActions(model, world);
      if (acts.length === 0) throw new Error('no enabled action: the seed lab always has traffic to send');
      world = step(model, world, acts[Math.floor(rnd() * acts.length)]).world;
      steps++;
    }
    walks++;
    ms = performance.now() - t0;
  } while (ms < budgetMs);
  return { steps, walks, ms, stepsPerSecond: (steps / ms) * 1000, heapUsed: process.memoryUsage().heapUsed };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const fmtMiB = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MiB`;
const fmtPct = (n: number) => `${(n * 100).toFixed(2)} %`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (cells: string[]) => cells.map((x, c) => (c === 0 ? x.padEnd(widths[c]) : x.padStart(widths[c]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function main(): void {
  const seconds = option('seconds', 3);
  const rounds = option('rounds', 5);
  const cached = createModel(SEED_LAB, { cached: true });
  const baseline = createModel(SEED_LAB, { cached: false });
  console.log(`roamcheck bench: seed lab, random walks of ${WALK_STEPS} steps (mulberry32 seed ${SEED}), ${rounds} rounds x ${seconds} s each side, alternating`);
  console.log(`node ${process.version}\n`);

  const rows: string[][] = [];
  const c: Measurement[] = [];
  const b: Measurement[] = [];
  for (let r = 1; r <= rounds; r++) {
    c.push(measure(cached, seconds * 1000));
    b.push(measure(baseline, seconds * 1000));
    const [x, y] = [c[r - 1], b[r - 1]];
    rows.push([`round ${r}`, fmtInt(x.stepsPerSecond), fmtMiB(x.heapUsed), fmtInt(y.stepsPerSecond), fmtMiB(y.heapUsed), `${(x.stepsPerSecond / y.stepsPerSecond).toFixed(1)}x`]);
  }
  const mc = median(c.map((m) => m.stepsPerSecond));
  const mb = median(b.map((m) => m.stepsPerSecond));
  rows.push(['median', fmtInt(mc), fmtMiB(median(c.map((m) => m.heapUsed))), fmtInt(mb), fmtMiB(median(b.map((m) => m.heapUsed))), `${(mc / mb).toFixed(1)}x`]);
  console.log(table(['', 'cached steps/s', 'heap after', 'baseline steps/s', 'heap after', 'cached/baseline'], rows));

  const runners = Object.entries(cached.runners);
  const lookups = (x: { hits: number; misses: number }) => x.hits + x.misses;
  const total = runners.reduce((acc, [, x]) => ({ hits: acc.hits + x.hits, misses: acc.misses + x.misses }), { hits: 0, misses: 0 });
  const cacheRows = [...runners, ['all', total] as const].map(([name, x]) => [
    name,
    fmtInt(lookups(x)),
    fmtInt(x.hits),
    fmtInt(x.misses),
    lookups(x) ? fmtPct(x.hits / lookups(x)) : '-',
  ]);
  console.log(`\nrunner caches of the cached model (all rounds; ${fmtInt(c.reduce((n, m) => n + m.steps, 0))} world steps):`);
  console.log(table(['runner', 'lookups', 'hits', 'misses', 'hit rate'], cacheRows));

  // Growth with network size: more servers on the seed lab, against the seed lab itself, same run.
  const sizes = [0, 2, 6];
  const growth = sizes.map((extra) => {
    const model = createModel(widened(extra));
    const ms = [1, 2, 3].map(() => measure(model, Math.max(1000, (seconds * 1000) / 3)));
    return { extra, hosts: 2 + extra, sps: median(ms.map((m) => m.stepsPerSecond)), heap: median(ms.map((m) => m.heapUsed)) };
  });
  console.log(`\ngrowth with network size (cached; 3 rounds each, medians; baseline = the seed lab's 2 hosts):`);
  console.log(table(['hosts', 'steps/s', 'heap after', 'vs baseline'], growth.map((g) => [String(g.hosts), fmtInt(g.sps), fmtMiB(g.heap), `${(g.sps / growth[0].sps).toFixed(2)}x`])));

  // Exhaustive search: distinct states per second, cached against the XState baseline.
  const ex = exhaustiveRates(3);
  console.log(`\nexhaustive search, F2 scope, no-blackhole-after-smr (${fmtInt(ex.states)} states, 3 rounds each side, medians):`);
  console.log(table(['', 'states/s'], [['cached', fmtInt(median(ex.cached))], ['baseline', fmtInt(median(ex.baseline))], ['ratio', `${(median(ex.cached) / median(ex.baseline)).toFixed(1)}x`]]));

  // Time to the first counterexample per mutant (timestamped seed lab, seed 1, random mode).
  const zoo = mutantTimes();
  console.log('\ntime to first counterexample, per mutant (random mode, seed 1, including shrinking):');
  console.log(table(['mutant', 'ms', 'runs', 'shrunk length'], zoo.map((z) => [z.id, fmtInt(z.ms), fmtInt(z.runs), z.length === null ? 'not found' : String(z.length)])));
  console.log(`\nheap used at the end: ${fmtMiB(process.memoryUsage().heapUsed)}`);
}

main();
