import { describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from './cliHarness.js';

// `check --coverage`: what the exploration exercised, in text and in the JSON report.
describe('roamcheck check --coverage', () => {
  const common = ['-p', 'intra-subnet-reachability', '-p', 'registration-authenticated', '-n', '200', '--bounds', 'moves=1,losses=0'];

  it('should list, per machine, the transitions the bounds never exercised', async () => {
    const r = await runMain(['check', ...common, '--coverage', '--trace-dir', tempDir()], ROOT);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^coverage /m);
    expect(r.out).toMatch(/^ {2}dynEid +\d\/4 +\d+\/26$/m);
    expect(r.out).toMatch(/^ {4}never taken:\n {6}\S+ --\S+--> \S+/m);
    // losses=0: no message is ever lost.
    expect(r.out).toMatch(/^ {2}never explored: .*msg\.drop/m);
    expect(r.out).toMatch(/^ {2}budgets, most used in one run \/ bound: moves 1\/1, losses 0\/0/m);
    expect(r.out).toMatch(/^ {4}registration-authenticated: judged in [\d,]+ steps$/m);
  });

  it('should add "coverage" to the JSON report, the same with worker threads', async () => {
    const one = await runMain(['check', ...common, '--coverage', '--json', '--trace-dir', tempDir()], ROOT);
    const report = JSON.parse(one.out);
    expect(report.coverage.machines.map((m: { machine: string }) => m.machine)).toEqual(['dynEid', 'mapServer', 'mapCache', 'arpCache (host)', 'arpCache (router)']);
    expect(report.coverage.machines[0].transitions.unreached.length).toBeGreaterThan(0);
    expect(report.coverage.messages.find((m: { type: string }) => m.type === 'map-register').delivered).toBeGreaterThan(0);
    const two = JSON.parse((await runMain(['check', ...common, '--coverage', '--json', '--workers', '2', '--trace-dir', tempDir()], ROOT)).out);
    expect(two.coverage).toEqual(report.coverage);
    const plain = JSON.parse((await runMain(['check', ...common, '--json', '--trace-dir', tempDir()], ROOT)).out);
    expect(plain.coverage).toBeUndefined();
  }, 120_000);
});
