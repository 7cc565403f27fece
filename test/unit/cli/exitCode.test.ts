import { describe, expect, it } from 'vitest';
import { exitCode } from '../../../src/cli/checkCommand.js';
import { EXIT, worseExit } from '../../../src/cli/fail.js';
import type { PropertyReport } from '../../../src/core/check/check.js';

const p = (id: string, verdict: PropertyReport['verdict'], vacuous = false) => ({ id, verdict, vacuous }) as PropertyReport;

describe('exitCode', () => {
  it('should be 0 only when every property is decided and holds (a vacuous hold included)', () => {
    expect(exitCode([p('a', 'holds'), p('b', 'holds', true)])).toBe(0);
    expect(exitCode([p('a', 'holds'), p('b', 'unknown')])).toBe(4);
    expect(exitCode([p('a', 'violated'), p('b', 'unknown')])).toBe(1);
  });

  it('should compare decided verdicts with --expect and leave undecided ones at 4', () => {
    const expect_ = { a: 'violated', b: 'vacuous' };
    expect(exitCode([p('a', 'violated'), p('b', 'holds', true)], expect_)).toBe(0);
    expect(exitCode([p('a', 'violated'), p('b', 'holds')], expect_)).toBe(1);
    expect(exitCode([p('a', 'unknown'), p('b', 'holds', true)], expect_)).toBe(4);
    expect(exitCode([p('a', 'unknown'), p('b', 'violated')], expect_)).toBe(1);
  });
});

describe('worseExit', () => {
  it('should rank internal > input > violated > unknown > ok', () => {
    const order = [EXIT.ok, EXIT.unknown, EXIT.violated, EXIT.input, EXIT.internal];
    for (let i = 0; i < order.length; i++) for (let j = 0; j < order.length; j++) expect(worseExit(order[i], order[j])).toBe(order[Math.max(i, j)]);
  });
});
