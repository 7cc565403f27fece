// The CLI fuzz suite's small fixed-seed run (issue 8): 200 generated command lines and files, each
// run in-process in its own temp folder, must keep the contract of test/fuzz/cliFuzz.ts (exit codes
// 0/1/2/4, no stack traces, exit 2 with every error diagnostic, no write outside the requested
// folder). The long run is `npm run fuzz -- --runs N [--seed S]` (tools/fuzz.ts).

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../e2e/cliHarness.js';
import { cliContract, describeCase, prepareCorpus, type Corpus, type FuzzCase } from './cliFuzz.js';

let corpus: Corpus;

beforeAll(async () => {
  ensureBuilt(); // --workers cases run dist/src/cli/checkWorker.js
  corpus = await prepareCorpus();
});

describe('the command line under fuzzing', () => {
  it('should keep the contract on 200 generated command lines and files (seed 8)', async () => {
    const details = await fc.check(cliContract(corpus), { numRuns: 200, seed: 8 });

    const shown = details.counterexample ? describeCase(details.counterexample[0] as FuzzCase) : '';
    expect(details.failed ? `${shown}\n${String(details.errorInstance)}` : 'kept').toBe('kept');
  });
});
