import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machineCatalog } from '../../src/core/machines/catalog.js';
import { ROOT, runMain, tempDir } from './cliHarness.js';

describe('roamcheck diagram', () => {
  it('should draw every state and every transition of every machine', async () => {
    const r = await runMain(['diagram', 'machines'], ROOT);
    expect(r.code).toBe(0);
    for (const { name, machine } of machineCatalog()) {
      expect(r.out).toContain(`title: "${name}: `);
      for (const state of Object.keys(machine.root.states)) expect(r.out).toMatch(new RegExp(`^  (\\[\\*\\]|${state}) --> |--> ${state}:`, 'm'));
    }
    expect(r.out).toContain('registered --> away: notify.receive');
    expect(r.out).toContain('cached --> refreshing: smr.receive');
  });

  it('should draw the seed lab topology: roles, RLOCs, segments, hosts and where they may move', async () => {
    const r = await runMain(['diagram', 'topology'], ROOT);
    expect(r.code).toBe(0);
    // Generated ids (r routers, s segments, h hosts), names only as labels.
    expect(r.out).toContain('r0["core<br/>MS/MR/PITR/PETR<br/>RLOC 10.0.3.1"]');
    expect(r.out).toContain('s1(["dcedge-2 GigabitEthernet2"])');
    expect(r.out).toContain('h0[/"vm1<br/>192.168.1.10"/]');
    expect(r.out).toContain('h0 -. may move .-> s1');
    expect(r.out).toContain('r0 === r1');
  });

  it('should write one file per diagram with -o, and not overwrite without --force', async () => {
    const dir = tempDir();
    expect((await runMain(['diagram', 'machines', '-o', dir], ROOT)).code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['arpCacheMachine.mmd', 'dynEidMachine.mmd', 'mapCacheMachine.mmd', 'mapServerMachine.mmd']);
    writeFileSync(join(dir, 'dynEidMachine.mmd'), 'mine');
    const again = await runMain(['diagram', 'machines', '-o', dir], ROOT);
    expect(again.code).toBe(2);
    expect(readFileSync(join(dir, 'dynEidMachine.mmd'), 'utf8')).toBe('mine');
  });

  it('should reject an unknown kind with exit 2', async () => {
    const r = await runMain(['diagram', 'flowers'], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC112/);
  });
});
