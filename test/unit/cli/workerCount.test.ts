// How many worker threads `check` starts: --workers as given, else every core (a real process),
// and for exhaustive search no more exhaustive heap budgets than the machine's memory holds.

import { describe, expect, it } from 'vitest';
import { workerCount } from '../../../src/cli/workerCount.js';

const GiB = 2 ** 30;
const machine = { cores: 8, budgetBytes: 3 * GiB, totalMemoryBytes: 64 * GiB };

describe('workerCount', () => {
  it('should default to the cores given', () => {
    expect(workerCount({ ...machine, asked: undefined, exhaustive: false })).toBe(8);
    expect(workerCount({ ...machine, cores: 2, asked: undefined, exhaustive: false })).toBe(2);
    expect(workerCount({ ...machine, cores: 1, asked: undefined, exhaustive: true })).toBe(1);
  });

  it('should take --workers as given, one included', () => {
    expect(workerCount({ ...machine, asked: 1, exhaustive: false })).toBe(1);
    expect(workerCount({ ...machine, asked: 3, exhaustive: true, totalMemoryBytes: 4 * GiB })).toBe(3);
  });

  it('should start no more exhaustive searches by default than their budgets fit in memory', () => {
    expect(workerCount({ ...machine, asked: undefined, exhaustive: true, totalMemoryBytes: 10 * GiB })).toBe(3);
    expect(workerCount({ ...machine, asked: undefined, exhaustive: true, totalMemoryBytes: 2 * GiB })).toBe(1);
    expect(workerCount({ ...machine, asked: undefined, exhaustive: false, totalMemoryBytes: 2 * GiB })).toBe(8);
  });
});
