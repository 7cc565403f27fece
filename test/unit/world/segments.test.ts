import { describe, expect, it } from 'vitest';
import { parseScriptOp, type ScriptOp } from '../../../src/core/explore/script.js';
import { simulate } from '../../../src/core/explore/simulate.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel } from '../../../src/core/world/model.js';

/** The seed lab with dcedge-1's server segment made private-VLAN (isolated host ports). */
function isolated(localProxyArp: boolean): Scenario {
  return {
    ...SEED_LAB,
    routers: SEED_LAB.routers.map((r) => (r.name !== 'dcedge-1' ? r : { ...r, interfaces: r.interfaces.map((i) => (i.name === 'GigabitEthernet2' ? { ...i, localProxyArp } : i)) })),
    segments: SEED_LAB.segments.map((s) => (s.name === 'dcedge-1 GigabitEthernet2' ? { ...s, isolated: true } : s)),
  };
}

function run(s: Scenario, script: string[]) {
  const model = createModel(s);
  const ops = script.map((t) => parseScriptOp(model, t) as ScriptOp);
  const obs = simulate(model, ops).steps.flatMap((st) => st.obs);
  return { fates: obs.filter((o) => o.kind === 'fate'), logs: obs.flatMap((o) => (o.kind === 'log' ? [`${o.node}: ${o.text}`] : [])) };
}

describe('L2 segments', () => {
  it('should let two hosts on one ordinary segment reach each other directly', () => {
    const { fates, logs } = run(SEED_LAB, ['send web2 vm1']);
    expect(fates.map((f) => f.kind === 'fate' && f.fate)).toEqual(['delivered']);
    expect(logs.some((l) => l.includes('proxy ARP'))).toBe(false);
  });

  it('should keep hosts on an isolated segment apart at L2: with ip local-proxy-arp the router answers and relays', () => {
    // DESIGN.md §5 isolated: private-VLAN host ports, only the router answers ARP.
    const { fates, logs } = run(isolated(true), ['send web2 vm1']);
    expect(logs).toContain('dcedge-1: GigabitEthernet2: proxy ARP reply for 192.168.1.10 with 0000.0d0e.010c');
    expect(fates.at(-1)).toMatchObject({ fate: 'delivered', at: 'vm1' });
  });

  it('should leave a host unreachable on an isolated segment without local proxy ARP', () => {
    const { fates } = run(isolated(false), ['send web2 vm1', 'wait 5']);
    expect(fates.at(-1)).toMatchObject({ fate: 'dropped', reason: 'no-mac-on-segment' });
  });
});
