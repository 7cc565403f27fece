import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fixture, modelDir, removeTempDirs, ROOT, runMain, tempDir } from './cliHarness.js';

// Issue 7: moves as users plan them, through the real CLI. A model folder is the seed lab's
// configs with vm1 at dcedge-1 and vm2 at dcedge-2, each allowed on the other site.
const PROPS = fixture('user-properties', 'moves.js');

function model(moves: (to: string) => string, extra = ''): string {
  const dir = tempDir('roamcheck-moves-');
  for (const f of readdirSync(modelDir('seed-lab')).filter((f) => f.endsWith('.cfg'))) copyFileSync(join(modelDir('seed-lab'), f), join(dir, f));
  writeFileSync(
    join(dir, 'scenario.yaml'),
    `name: two-vms
hosts:
  - { name: vm1, ip: 192.168.1.10, mac: 0050.5600.0010, at: dcedge-1 GigabitEthernet2, moves: ${moves('dcedge-2 GigabitEthernet2')} }
  - { name: vm2, ip: 192.168.2.10, mac: 0050.5600.0030, at: dcedge-2 GigabitEthernet2, moves: ${moves('dcedge-1 GigabitEthernet2')} }
clients: [{ name: client, ip: 149.149.149.2, via: core }]
traffic: [[client, vm1], [client, vm2], [vm1, vm2]]
${extra}`,
  );
  return dir;
}
const once = (to: string) => `{ to: [${to}], max: 1 }`;
const unlimited = (to: string) => `[${to}]`;
const SWAP = 'together:\n  - { vm1: dcedge-2 GigabitEthernet2, vm2: dcedge-1 GigabitEthernet2 }\n';
const SMALL = ['--bounds', 'moves=4,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=1'];

interface Report {
  properties: { id: string; verdict: string; counterexample?: { trace: string; steps: { action: string; text: string }[] } }[];
  stats: { distinctStates: number | null };
}
async function check(dir: string, args: string[]): Promise<{ code: number; report: Report }> {
  const r = await runMain(['check', dir, '--properties', PROPS, '--json', '--trace-dir', tempDir(), ...args], ROOT);
  return { code: r.code, report: JSON.parse(r.out) as Report };
}

afterAll(removeTempDirs);

describe('per-host move budgets (hosts[].moves.max)', () => {
  it('should never move a host with max 1 twice, in the whole bounded state space', async () => {
    const { code, report } = await check(model(once), ['-p', 'no-second-move', '--exhaustive', '--depth', '8', ...SMALL]);
    expect(report.properties[0].verdict).toBe('holds');
    expect(report.stats.distinctStates).toBeGreaterThan(10);
    expect(code).toBe(0);
  }, 120_000);

  it('should let a host with the list form go A -> B -> A (the shortest counterexample)', async () => {
    const { code, report } = await check(model(unlimited), ['-p', 'no-second-move', '--exhaustive', '--depth', '8', ...SMALL]);
    const steps = report.properties[0].counterexample!.steps;
    expect(code).toBe(1);
    expect(steps.map((s) => s.action)).toEqual(['host.move', 'host.move']);
    expect(steps[0].text.split(' ')[1]).toBe(steps[1].text.split(' ')[1]);
  }, 120_000);

  it('should show both hosts moving once each in a random counterexample', async () => {
    const { code, report } = await check(model(once), ['-p', 'never-swapped', '-n', '300', '--seed', '1', '--bounds', 'moves=4']);
    const moves = report.properties[0].counterexample!.steps.filter((s) => s.action === 'host.move').map((s) => s.text);
    expect(code).toBe(1);
    expect(moves).toHaveLength(2);
    expect(moves.map((t) => t.split(' ')[1]).sort()).toEqual(['vm1', 'vm2']);
  }, 120_000);
});

describe('simultaneous moves (together)', () => {
  it('should swap two VMs in one step, say both moves, and replay the trace', async () => {
    const { code, report } = await check(model(once, SWAP), ['-p', 'never-swapped', '--exhaustive', '--depth', '3', ...SMALL]);
    const cx = report.properties[0].counterexample!;
    expect(code).toBe(1);
    expect(cx.steps.map((s) => [s.action, s.text])).toEqual([['hosts.move', 'vMotion at the same time: vm1 to dcedge-2 GigabitEthernet2 and vm2 to dcedge-1 GigabitEthernet2']]);
    // replay judges built-in properties only: re-run the saved actions without one.
    const trace = JSON.parse(readFileSync(cx.trace, 'utf8')) as Record<string, unknown>;
    const file = join(tempDir(), 'swap.json');
    writeFileSync(file, JSON.stringify({ ...trace, property: null, verdict: null }));
    const replay = await runMain(['replay', file], ROOT);
    expect(replay.err).toBe('');
    expect(replay.out).toMatch(/1\. \[t=0s\] vMotion at the same time: vm1 to dcedge-2 GigabitEthernet2 and vm2 to dcedge-1 GigabitEthernet2\n.*vm1: vMotion .*\n.*\n.*vm2: vMotion/);
    expect(replay.code).toBe(0);
  }, 120_000);

  it('should reject a group naming an unknown host with exit 2 and a located diagnostic', async () => {
    const dir = model(once, 'together:\n  - { vm1: dcedge-2 GigabitEthernet2, vm3: dcedge-1 GigabitEthernet2 }\n');
    const r = await runMain(['check', dir], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/scenario\.yaml:8.*RC305.*names no host "vm3"/);
  });
});

describe('roamcheck model', () => {
  it('should show per-host budgets, groups and settleBeforeMove as understood', async () => {
    const r = await runMain(['model', model(once, `${SWAP}bounds: { settleBeforeMove: true }\n`)], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/vm1 .* dcedge-2 GigabitEthernet2 \(max 1\)/);
    expect(r.out).toMatch(/together +vm1 -> dcedge-2 GigabitEthernet2 \+ vm2 -> dcedge-1 GigabitEthernet2/);
    expect(r.out).toMatch(/bounds .* settleBeforeMove/);
  });
});

describe('settle before the next move (bounds.settleBeforeMove)', () => {
  it('should start moves only on a quiet control plane with --bounds settleBeforeMove=true', async () => {
    const args = ['-p', 'moves-start-settled', '--exhaustive', '--depth', '8', '--bounds', 'moves=2,losses=0,sends=1,garps=0,spoofs=0,timerExpiries=0'];
    const free = await check(model(unlimited), args);
    const settled = await check(model(unlimited), [...args, '--bounds', 'settleBeforeMove=true']);
    expect(free.report.properties[0].verdict).toBe('violated');
    expect(settled.report.properties[0].verdict).toBe('holds');
    expect(settled.code).toBe(0);
  }, 120_000);
});
