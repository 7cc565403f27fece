import { describe, expect, it } from 'vitest';
import { startWorld } from '../../../src/core/explore/runSchedule.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { countdown, eidText, type Snapshot, type StateRow } from '../../../src/core/trace/snapshot.js';
import { diffSnapshots } from '../../../src/core/trace/snapshotDiff.js';
import { snapshotSteps } from '../../../src/core/trace/snapshotSteps.js';
import type { Action } from '../../../src/core/world/action.js';
import { createModel } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { Msg } from '../../../src/core/world/world.js';
import { changeText } from '../../../src/render/traceDiff.js';

const model = createModel(SEED_LAB);

/** vm1 moves to dcedge-2 and talks to web2; then deliver, in this order, the first message each predicate picks. */
function story(...picks: ((m: Msg) => boolean)[]): Action[] {
  const actions: Action[] = [
    { type: 'host.move', host: 'vm1', to: 'dcedge-2 GigabitEthernet2' },
    { type: 'host.send', src: 'vm1', dst: 'web2' },
  ];
  let w = startWorld(model);
  for (const a of actions) w = step(model, w, a).world;
  for (const p of picks) {
    const m = w.msgs.find(p);
    if (!m) throw new Error(`no such message in flight: ${w.msgs.map((x) => x.type).join(', ')}`);
    const a: Action = { type: 'msg.deliver', id: m.id };
    actions.push(a);
    w = step(model, w, a).world;
  }
  return actions;
}

const register = (m: Msg) => m.type === 'map-register' && m.src === '10.0.2.2';
const request = (m: Msg) => m.type === 'map-request';
const reply = (m: Msg) => m.type === 'map-reply';

describe('snapshotSteps', () => {
  it("should report the MS registration changing when dcedge-2's Map-Register is delivered", () => {
    const { initial, steps } = snapshotSteps(model, story(register));
    expect(initial.rows.find((r) => r.table === 'ms' && r.key === '192.168.1.10/32')?.value).toBe('10.0.1.2');
    expect(steps[2].changes.map(changeText)).toEqual(['core MS 192.168.1.10/32: 10.0.1.2 -> 10.0.2.2']);
    expect(steps[2].handled?.text).toMatch(/^Map-Register 10\.0\.2\.2 -> 10\.0\.3\.1/);
    expect(steps[2].sent.map((m) => m.text)).toEqual([
      'Map-Notify 10.0.3.1 -> 10.0.2.2 for 192.168.1.10/32, RLOC 10.0.2.2',
      'Map-Notify (unsolicited) 10.0.3.1 -> 10.0.1.2 for 192.168.1.10/32, RLOC 10.0.2.2',
    ]);
    expect(steps[2].gone).toEqual([]);
  });

  it("should report new dynamic-EIDs, map-cache entries with their expiry, and the packet's fate", () => {
    const { steps } = snapshotSteps(model, story(request, request, reply));
    const send = steps[1];
    expect(send.changes.map(changeText)).toEqual([
      'dcedge-2 dynamic-EID 192.168.1.10: -> registering',
      'dcedge-2 map-cache 192.168.1.20/32: -> resolving',
      'vm1 ARP 192.168.1.20: -> reachable 0000.0d0e.010c',
    ]);
    expect(send.fates).toEqual([{ packet: 'vm1 -> web2', fate: 'dropped', reason: 'resolving', at: 'dcedge-2' }]);
    expect(send.packets).toEqual([{ id: 1, src: 'vm1', dst: 'web2', hops: ['vm1', 'dcedge-2'], fate: 'dropped', reason: 'resolving' }]);
    expect(steps.at(-1)!.changes.map(changeText)).toEqual(['dcedge-2 map-cache 192.168.1.20/32: resolving -> 10.0.1.2, expires 24:00:00']);
  });

  it('should follow a packet from the client through the PITR to the ETR and the host, each hop once', () => {
    let w = startWorld(model);
    const actions: Action[] = [];
    const run = (a: Action) => {
      actions.push(a);
      w = step(model, w, a).world;
    };
    run({ type: 'host.send', src: 'client', dst: 'vm1' });
    while (w.msgs.length) run({ type: 'msg.deliver', id: w.msgs[0].id });
    run({ type: 'host.send', src: 'client', dst: 'vm1' });
    while (w.msgs.length) run({ type: 'msg.deliver', id: w.msgs[0].id });
    const { steps } = snapshotSteps(model, actions);
    expect(steps[0].packets.map((p) => p.hops)).toEqual([['client', 'core']]);
    const last = steps.filter((s) => s.packets.length).at(-1)!.packets[0];
    expect(last).toMatchObject({ src: 'client', dst: 'vm1', hops: ['client', 'core', 'dcedge-1', 'vm1'], fate: 'delivered' });
  });

  it('should be deterministic', () => {
    const actions = story(register, request);
    expect(JSON.stringify(snapshotSteps(model, actions))).toBe(JSON.stringify(snapshotSteps(model, actions)));
  });
});

const row = (table: StateRow['table'], node: string, key: string, state: string, value: string, sig = value): StateRow => ({ table, node, key, state, value, sig });
const snap = (rows: StateRow[], t = 0): Snapshot => ({ t, rows, msgs: [], timers: [] });

describe('diffSnapshots', () => {
  it('should show an ARP entry whose MAC stays the same by its new state only', () => {
    const d = diffSnapshots(snap([row('arp', 'web2', '192.168.1.10', 'reachable', 'reachable 0050.5600.0010')]), snap([row('arp', 'web2', '192.168.1.10', 'stale', 'stale 0050.5600.0010')]));
    expect(d.changes.map(changeText)).toEqual(['web2 ARP 192.168.1.10: reachable 0050.5600.0010 -> stale']);
  });

  it('should not count a countdown as a change, and should show a removed entry as (none)', () => {
    const a = snap([row('mc', 'core', '192.168.1.10/32', 'cached', '10.0.2.2, expires 24:00:00', '10.0.2.2@86400000'), row('ms', 'core', '192.168.1.10/32', 'registered', '10.0.1.2')]);
    const b = snap([row('mc', 'core', '192.168.1.10/32', 'cached', '10.0.2.2, expires 23:59:00', '10.0.2.2@86400000')], 60);
    expect(diffSnapshots(a, b).changes.map(changeText)).toEqual(['core MS 192.168.1.10/32: 10.0.1.2 -> (none)']);
  });
});

describe('snapshot words', () => {
  it('should print EIDs outside instance-id 0 with their instance-id, and expiry as hh:mm:ss', () => {
    expect(eidText('192.168.1.10')).toBe('192.168.1.10');
    expect(eidText('[5]10.1.1.1')).toBe('[5] 10.1.1.1');
    expect(countdown(86_400_000, 0)).toBe('24:00:00');
    expect(countdown(900_000, 1_000)).toBe('00:14:59');
  });
});
