// One exhaustive property, 1 worker against 2 (the search split over both threads,
// cli/splitUnit.ts), rounds alternated, wall and CPU time of the process (every thread), with
// the machine's load average and what it gave 2 threads of a plain CPU loop, which bound what 2
// threads can show on a shared machine. NOT PURE (threads, timing).
// Usage: node dist/bench/splitOne.js [rounds=3] [depth=10] [property=no-blackhole-after-smr]

import { loadavg } from 'node:os';
import { median } from './figures.js';
import { spinThreadsMs } from './parallelCapacity.js';
import { workerCheckMs } from './sections.js';

const [rounds = 3, depth = 10] = process.argv.slice(2, 4).map(Number);
const property = process.argv[4] ?? 'no-blackhole-after-smr';
const rows: { one: number; two: number; oneCpu: number; twoCpu: number; capacity: number; load: number }[] = [];
for (let r = 0; r < rounds; r++) {
  const capacity = (2 * (await spinThreadsMs(1))) / (await spinThreadsMs(2));
  const one = await workerCheckMs(1, 'exhaustive', { runs: 0, depth, property });
  const two = await workerCheckMs(2, 'exhaustive', { runs: 0, depth, property });
  rows.push({ one: one.ms, two: two.ms, oneCpu: one.cpuMs, twoCpu: two.cpuMs, capacity, load: loadavg()[0] });
  console.log(JSON.stringify(rows[r], (_, v) => (typeof v === 'number' ? Math.round(v * 100) / 100 : v)));
}
const m = (f: (x: (typeof rows)[number]) => number) => Math.round(median(rows.map(f)) * 100) / 100;
console.log(
  JSON.stringify({
    property,
    depth,
    rounds,
    wallMs1: m((x) => x.one),
    wallMs2: m((x) => x.two),
    speedup: m((x) => x.one / x.two),
    cpuMs1: m((x) => x.oneCpu),
    cpuMs2: m((x) => x.twoCpu),
    cpuRatio: m((x) => x.twoCpu / x.oneCpu),
    capacity2Threads: m((x) => x.capacity),
    loadAverage1min: m((x) => x.load),
  }),
);
