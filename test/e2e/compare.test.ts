// Issue 10: "does my change fix it, and does it break something else?" from one command.

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ROOT, runMain, tempDir } from './cliHarness.js';
import { compareReports } from '../../src/core/check/compare.js';
import type { CheckReport, PropertyReport } from '../../src/core/check/check.js';

interface Doc {
  comparison: { before: string; after: string; rows: { id: string; before: string; after: string; change: string }[] };
  after: { properties: { id: string; verdict: string }[] };
}

describe('check --compare / --against', () => {
  it('should report single-authoritative-rloc fixed by registration=timestamped on the seed lab, and nothing newly broken', async () => {
    const r = await runMain(['check', 'models/seed-lab', '--compare', 'registration=timestamped', '-n', '2000', '--json', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.comparison.after).toBe('seed-lab + registration=timestamped');
    expect(doc.comparison.rows.find((x) => x.id === 'single-authoritative-rloc')).toEqual({ id: 'single-authoritative-rloc', before: 'violated', after: 'holds', change: 'fixed' });
    expect(doc.comparison.rows.filter((x) => x.change === 'broken')).toEqual([]);
  }, 180_000);

  it('should exit 1 and show the counterexample when the variant breaks a property the original held', async () => {
    // A small budget for the search for a shorter story: the default's takes tens of seconds on this 25-step one.
    const r = await runMain(
      [
        'check',
        'models/seed-lab-fixed',
        '--compare',
        'nbr-proxy-reply=off',
        '--compare',
        'proxy-arp=off',
        '-p',
        'intra-subnet-reachability-eventual',
        '-n',
        '2000',
        '--shortest-budget',
        '1000',
        '--trace-dir',
        tempDir(),
      ],
      ROOT,
    );
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/intra-subnet-reachability-eventual\s+holds\s+violated\s+broken/);
    expect(r.out).toMatch(/newly broken in seed-lab-fixed \+ nbr-proxy-reply=off proxy-arp=off:/);
    expect(r.out).toMatch(/VIOLATED intra-subnet-reachability-eventual/);
  }, 180_000);

  it('should compare two model folders with --against', async () => {
    const r = await runMain(['check', 'models/seed-lab', '--against', join('models', 'seed-lab-fixed'), '-p', 'intra-subnet-reachability', '-n', '200', '--json', '--trace-dir', tempDir()], ROOT);
    const doc = JSON.parse(r.out) as Doc;
    expect(doc.comparison).toMatchObject({ before: 'seed-lab', after: 'seed-lab-fixed' });
    expect(doc.comparison.rows).toEqual([{ id: 'intra-subnet-reachability', before: 'violated', after: 'violated', change: 'unchanged' }]);
    expect(r.code).toBe(0);
  }, 120_000);

  it('should reject a malformed --compare with RC119 and exit 2', async () => {
    for (const bad of [
      ['--compare', 'nonsense'],
      ['--compare', 'nbr-proxy-reply=maybe'],
      ['--compare', 'registration=timestamped', '--against', 'models/seed-lab'],
    ]) {
      const r = await runMain(['check', ...bad, '-n', '10'], ROOT);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.err).toMatch(/RC1(19|03)/);
    }
  });
});

describe('compareReports', () => {
  const rep = (verdicts: [string, PropertyReport['verdict'], boolean][]): CheckReport =>
    ({ properties: verdicts.map(([id, verdict, vacuous]) => ({ id, verdict, vacuous })) }) as unknown as CheckReport;

  it('should classify fixed, broken, unchanged and otherwise changed verdicts', () => {
    const before = rep([
      ['a', 'violated', false],
      ['b', 'holds', false],
      ['c', 'holds', true],
      ['d', 'violated', false],
      ['e', 'holds', false],
    ]);
    const after = rep([
      ['a', 'holds', false],
      ['b', 'violated', false],
      ['c', 'violated', false],
      ['d', 'violated', false],
      ['e', 'holds', true],
    ]);
    expect(compareReports(before, after).map((r) => `${r.id} ${r.change}`)).toEqual(['a fixed', 'b broken', 'c broken', 'd unchanged', 'e changed']);
  });
});
