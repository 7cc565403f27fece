// The bench's figure records (`npm run bench -- --json`): medians, baselines and ratios as data.
// No timing here: speed is measured by the bench itself, never in tests.

import { describe, expect, it } from 'vitest';
import { figure, figuresTable, median } from '../../../bench/figures.js';

describe('figure', () => {
  it('should give the medians of both sides and their ratio', () => {
    const f = figure('world-steps-per-second', 'steps/s', [300, 100, 200], { name: 'xstate-transition', samples: [50, 40, 60, 45] }, 'seed lab');
    expect(f).toEqual({
      name: 'world-steps-per-second',
      value: 200,
      unit: 'steps/s',
      baseline: 'xstate-transition',
      baselineValue: 47.5,
      ratio: 4.211,
      rounds: 3,
      samples: [300, 100, 200],
      baselineSamples: [50, 40, 60, 45],
      note: 'seed lab',
    });
  });

  it('should leave baseline and ratio null without a baseline', () => {
    const f = figure('exhaustive-bytes-per-state', 'bytes', [382.4567]);
    expect(f).toMatchObject({ value: 382.457, baseline: null, baselineValue: null, ratio: null, baselineSamples: null });
    expect(f).not.toHaveProperty('note');
  });

  it('should survive a JSON round trip unchanged', () => {
    const f = figure('x', 'ms', [1, 2], { name: 'y', samples: [4] });
    expect(JSON.parse(JSON.stringify(f))).toEqual(f);
  });
});

describe('median', () => {
  it('should take the middle value, or the mean of the two middle ones', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });
});

describe('figuresTable', () => {
  it('should print one row per figure with its ratio', () => {
    const text = figuresTable([figure('world-steps-per-second', 'steps/s', [200_000], { name: 'xstate-transition', samples: [40_000] }), figure('exhaustive-bytes-per-state', 'bytes', [382])]);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toMatch(/world-steps-per-second\s+200,000\s+steps\/s\s+xstate-transition\s+40,000\s+5\.00x/);
    expect(text).toMatch(/exhaustive-bytes-per-state\s+382\s+bytes\s+-\s+-\s+-/);
  });
});
