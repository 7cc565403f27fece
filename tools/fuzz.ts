// `npm run fuzz -- --runs N [--seed S]`: the CLI fuzz suite's long run (test/fuzz/cliFuzz.ts).
// Runs N generated cases; each contract failure is shrunk and printed (argv and files), then the
// run goes on with the next seed until N cases have run. Prints progress and the final figures:
// cases run, contract failures, wall time, exit codes seen.

import fc from 'fast-check';
import { caseArb, describeCase, prepareCorpus, runCase, type FuzzCase } from '../test/fuzz/cliFuzz.js';

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(name);
  if (i < 0) return dflt;
  const n = Number(process.argv[i + 1]);
  if (!Number.isSafeInteger(n) || n < 0) {
    console.error(`fuzz: ${name} takes a whole number, got "${process.argv[i + 1]}"`);
    process.exit(2);
  }
  return n;
}

const total = arg('--runs', 1000);
const firstSeed = arg('--seed', Date.now() % 2 ** 31);
const maxFailures = arg('--max-failures', 10);
const t0 = performance.now();
const corpus = await prepareCorpus();
let cases = 0;
const codes = new Map<number, number>();
const failures: { seed: number; text: string }[] = [];
let seed = firstSeed;
let lastReport = 0;

console.log(`fuzz: ${total} cases, seed ${firstSeed}`);
while (cases < total && failures.length < maxFailures) {
  const before = cases;
  const details = await fc.check(
    fc.asyncProperty(caseArb, async (c) => {
      cases++;
      const o = await runCase(c, corpus);
      codes.set(o.result.code, (codes.get(o.result.code) ?? 0) + 1);
      const now = performance.now();
      if (now - lastReport > 5000) {
        lastReport = now;
        console.log(`  ${cases} cases, ${failures.length} failures, ${((now - t0) / 1000).toFixed(0)} s`);
      }
      if (o.violation) throw new Error(o.violation);
    }),
    { numRuns: total - before, seed },
  );
  if (!details.failed) break;
  const text = `${describeCase(details.counterexample![0] as FuzzCase)}\ncontract broken: ${(details.errorInstance as Error).message}`;
  failures.push({ seed, text });
  console.log(`\nFAILURE ${failures.length} (seed ${seed}, shrunk ${details.numShrinks} times):\n${text}\n`);
  // Shrinking ran cases too; the next seed goes on with what is left.
  seed = (seed + 1) % 2 ** 31;
}

const wall = (performance.now() - t0) / 1000;
console.log(`\nfuzz: ${cases} cases run (shrinking included), ${failures.length} contract failures, ${wall.toFixed(1)} s wall time, seeds ${firstSeed}..${seed}`);
console.log(
  `exit codes seen: ${[...codes]
    .sort((a, b) => a[0] - b[0])
    .map(([c, n]) => `${c}: ${n}`)
    .join(', ')}`,
);
process.exit(failures.length ? 1 : 0);
