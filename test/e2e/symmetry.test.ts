// `check --exhaustive --symmetry`: on models/twin-vms, the verdicts and counterexample lengths of
// the search without it in fewer states, the group's order in the report, a reproduce line that
// searches with it again; on the seed lab, no reduction (order 1); misuse is invalid input.

import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, reproduceArgv, ROOT, runMain, tempDir } from './cliHarness.js';

afterAll(() => removeTempDirs());

const SCOPE = ['--bounds', 'moves=1,sends=2,timerExpiries=0,losses=0,duplicates=0,reboots=0,garps=0,spoofs=0', '--depth', '40'];

interface Doc {
  properties: { id: string; verdict: string; distinctStates: number; symmetryOrder?: number; vacuous: boolean; counterexample: { length: number; reproduce: string } | null }[];
}

describe('check --exhaustive --symmetry', () => {
  it('should give the verdicts and counterexample lengths of the search without it, in fewer states, on models/twin-vms', async () => {
    const base = ['check', 'models/twin-vms', '--exhaustive', ...SCOPE, '-p', 'single-authoritative-rloc', '-p', 'intra-subnet-reachability', '--json', '--workers', '1'];
    const full = await runMain([...base, '--trace-dir', tempDir()], ROOT);
    const sym = await runMain([...base, '--symmetry', '--trace-dir', tempDir()], ROOT);
    expect(sym.code).toBe(full.code);
    const a = JSON.parse(full.out) as Doc;
    const b = JSON.parse(sym.out) as Doc;
    const same = (d: Doc) => d.properties.map((p) => [p.id, p.verdict, p.vacuous, p.counterexample?.length ?? null]);
    expect(same(b)).toEqual(same(a));
    for (const [i, p] of b.properties.entries()) {
      expect(a.properties[i]).not.toHaveProperty('symmetryOrder');
      expect(p.symmetryOrder).toBe(2);
      expect(p.distinctStates).toBeLessThan(a.properties[i].distinctStates);
    }
    const ce = b.properties.find((p) => p.id === 'intra-subnet-reachability')!.counterexample!;
    expect(ce.reproduce).toContain('--symmetry');
    const again = await runMain([...reproduceArgv(ce.reproduce), '--json', '--trace-dir', tempDir()], ROOT);
    expect((JSON.parse(again.out) as Doc).properties[0].counterexample!.length).toBe(ce.length);
  });

  it('should say so in the text report, and reduce nothing on the seed lab', async () => {
    const r = await runMain(['check', '--exhaustive', ...SCOPE, '-p', 'no-blackhole-after-smr', '--symmetry', '--workers', '1', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/symmetry reduction: none \(no interchangeable hosts in this model, or the property is not symmetric\)/);
  });

  it('should refuse --symmetry without --exhaustive, and with --por (exit 2, a diagnostic, nothing checked)', async () => {
    const alone = await runMain(['check', '--symmetry', '-n', '10'], ROOT);
    expect(alone.code).toBe(2);
    expect(alone.err).toMatch(/RC120: --symmetry reduces an exhaustive search: it needs --exhaustive/);
    expect(alone.out).toBe('');
    const both = await runMain(['check', '--exhaustive', '--symmetry', '--por'], ROOT);
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/RC120: --symmetry and --por are not combined/);
    expect(both.out).toBe('');
  });
});
