// One subnet behind several xTRs (anycast gateway, fabric edges: PROTOCOL.md §1.6, §2.1, §2.8)
// and several EID tables (instance-ids) that reuse one prefix (RFC 9300 §3, PROTOCOL.md §5.1).
// The fixture test/fixtures/world/anycast-fabric is hand-written: two edges share 10.1.1.0/24 with
// one SVI address and MAC and `ip local-proxy-arp`; a border is MS/MR/PxTR.

import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readModel } from '../../../src/cli/readModel.js';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { check } from '../../../src/core/check/check.js';
import { parseScriptOp, type ScriptOp } from '../../../src/core/explore/script.js';
import { simulate } from '../../../src/core/explore/simulate.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import type { RouterSpec, Scenario } from '../../../src/core/scenario.js';
import { createModel } from '../../../src/core/world/model.js';
import { msId } from '../../../src/core/world/dataplane.js';

const FABRIC = fileURLToPath(new URL('../../fixtures/world/anycast-fabric', import.meta.url));

function fabric(): Scenario {
  const r = readModel(FABRIC, process.cwd());
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.scenario!;
}

function run(s: Scenario, script: string[]) {
  const model = createModel(s);
  const ops = script.map((t) => parseScriptOp(model, t) as ScriptOp);
  const res = simulate(model, ops);
  const obs = res.steps.flatMap((st) => st.obs);
  return {
    world: res.world,
    fates: obs.flatMap((o) => (o.kind === 'fate' ? [`${o.pkt.src}->${o.pkt.dst} ${o.fate}${o.reason ? ` ${o.reason}` : ''} at ${o.at}`] : [])),
    logs: obs.flatMap((o) => (o.kind === 'log' ? [`${o.node}: ${o.text}`] : [])),
  };
}

const property = (id: string) => BUILTIN_PROPERTIES.find((p) => p.id === id)!;

describe('one subnet behind several xTRs', () => {
  it('should mark the fabric subnet as shared and the seed lab subnets as not', () => {
    const topo = createModel(fabric()).topo;
    expect(
      topo.routers
        .get('edge1')!
        .ifaces.find((i) => i.name === 'Vlan1021')!
        .sharedSubnets.map((p) => p.text),
    ).toEqual(['10.1.1.0/24']);
    const seed = createModel(SEED_LAB).topo;
    for (const r of seed.routers.values()) for (const i of r.ifaces) expect(i.sharedSubnets).toEqual([]);
  });

  it('should answer ARP for a neighbour behind another edge, resolve it through the mapping system and encapsulate', () => {
    const { fates, logs } = run(fabric(), ['send h1 h2', 'send h1 h2']);
    // local-proxy-arp on the anycast SVI (PROTOCOL.md §2.8): the edge answers for the remote EID.
    expect(logs).toContain('edge1: Vlan1021: proxy ARP reply for 10.1.1.20 with 0000.0c9f.f45c');
    // Not ARPed for on edge1's own port: the send-map-request entry sends it to the map-resolver.
    expect(logs.some((l) => l.startsWith('edge1: Vlan1021: ARP who-has 10.1.1.20'))).toBe(false);
    expect(logs).toContain('border: Map-Request for 10.1.1.20 (nonce 1) forwarded to ETR 10.255.1.2');
    expect(fates).toEqual(['h1->h2 dropped resolving at edge1', 'h1->h2 delivered at h2']);
  });

  it('should hold intra-subnet reachability and a single RLOC with no move (the network works on real gear)', () => {
    const model = createModel({ ...fabric(), bounds: { ...fabric().bounds, moves: 0, losses: 0 } });
    const r = check(model, [property('intra-subnet-reachability'), property('single-authoritative-rloc')], { mode: 'random', runs: 300, seed: 1, maxSteps: 40, depth: 0, maxStates: 0 });
    expect(r.properties.map((p) => `${p.id} ${p.verdict}`)).toEqual(['intra-subnet-reachability holds', 'single-authoritative-rloc holds']);
  });
});

/** The fabric with a second VN: RED (instance-id 4097) and BLUE (4098) both use 10.1.1.0/24. */
function twoVrfs(): Scenario {
  const s = fabric();
  const routers: RouterSpec[] = s.routers.map((r) => {
    if (r.name === 'border') {
      const site = r.sites[0];
      return {
        ...r,
        sites: [{ ...site, prefixes: [4097, 4098].map((iid) => ({ ...site.prefixes[0], instanceId: iid })) }],
        staticMapCache: [4097, 4098].map((iid) => ({ ...r.staticMapCache[0], instanceId: iid })),
      };
    }
    const svi = r.interfaces.find((i) => i.name === 'Vlan1021')!;
    const dyn = r.dynamicEids[0];
    return {
      ...r,
      eidTables: [
        { instanceId: 4097, vrf: 'RED' },
        { instanceId: 4098, vrf: 'BLUE' },
      ],
      interfaces: [...r.interfaces.filter((i) => i !== svi), { ...svi, vrf: 'RED' }, { ...svi, name: 'Vlan1022', vrf: 'BLUE' }],
      dynamicEids: [
        { ...dyn, instanceId: 4097 },
        { ...dyn, instanceId: 4098 },
      ],
    };
  });
  const [h1, h2] = s.hosts;
  const hosts = [
    { ...h1, instanceId: 4097 },
    { ...h2, instanceId: 4097 },
    { ...h1, name: 'b1', mac: '0050.5600.0210', instanceId: 4098, at: { ...h1.at, iface: 'Vlan1022' }, moves: [] },
    { ...h2, name: 'b2', mac: '0050.5600.0220', instanceId: 4098, at: { ...h2.at, iface: 'Vlan1022' }, moves: [] },
  ];
  const segments = [...s.segments, ...['edge1', 'edge2'].map((r) => ({ name: `${r} Vlan1022`, interfaces: [{ router: r, iface: 'Vlan1022' }], isolated: false }))];
  return {
    ...s,
    routers,
    hosts,
    segments,
    traffic: [
      ['h1', 'h2'],
      ['h2', 'h1'],
      ['b1', 'b2'],
      ['b2', 'b1'],
    ],
  };
}

describe('two VRFs reusing one prefix', () => {
  it('should keep one registration per (instance-id, EID) at the MS', () => {
    const model = createModel(twoVrfs());
    const { world } = run(twoVrfs(), []);
    for (const eid of ['[4097]10.1.1.10', '[4098]10.1.1.10', '[4097]10.1.1.20', '[4098]10.1.1.20']) {
      expect(world.actors.get(msId('border', eid))?.v, eid).toBe('registered');
    }
    expect(model.topo.endpointByEid.get('[4098]10.1.1.10')).toBe('b1');
    expect(model.topo.endpointByEid.get('[4097]10.1.1.10')).toBe('h1');
  });

  it('should deliver each VN its own traffic, resolved in its own table', () => {
    const { fates, logs } = run(twoVrfs(), ['send b1 b2', 'send b1 b2', 'send h1 h2', 'send h1 h2']);
    expect(fates).toEqual(['b1->b2 dropped resolving at edge1', 'b1->b2 delivered at b2', 'h1->h2 dropped resolving at edge1', 'h1->h2 delivered at h2']);
    expect(logs).toContain('border: Map-Request for [4098]10.1.1.20 (nonce 1) forwarded to ETR 10.255.1.2');
  });

  it('should refuse a registration in an instance-id the MS site does not list, leaving the other VN registered', () => {
    const s = twoVrfs();
    const only4097: Scenario = {
      ...s,
      routers: s.routers.map((r) => (r.name === 'border' ? { ...r, sites: [{ ...r.sites[0], prefixes: r.sites[0].prefixes.filter((p) => p.instanceId === 4097) }] } : r)),
    };
    const { world } = run(only4097, []);
    expect(world.actors.get(msId('border', '[4097]10.1.1.10'))?.v).toBe('registered');
    expect(world.actors.get(msId('border', '[4098]10.1.1.10'))).toBeUndefined();
  });

  it('should judge both VNs: intra-subnet reachability and a single RLOC hold with no move, and a move in RED keeps BLUE apart', () => {
    const base = twoVrfs();
    const still = createModel({ ...base, bounds: { ...base.bounds, moves: 0, losses: 0 } });
    const r0 = check(still, [property('intra-subnet-reachability'), property('single-authoritative-rloc')], { mode: 'random', runs: 300, seed: 1, maxSteps: 40, depth: 0, maxStates: 0 });
    expect(r0.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
    const moving = createModel({ ...base, registration: 'timestamped', bounds: { ...base.bounds, moves: 1, losses: 0 } });
    const r1 = check(moving, [property('single-authoritative-rloc'), property('eventual-reachability')], { mode: 'random', runs: 500, seed: 1, maxSteps: 40, depth: 0, maxStates: 0 });
    expect(r1.properties.map((p) => `${p.id} ${p.verdict}`)).toEqual(['single-authoritative-rloc holds', 'eventual-reachability holds']);
  });
});

describe('a host that starts outside its home subnet', () => {
  // The seed lab with web2 already at dcedge-2 (across subnets) when the run starts.
  const awayStart: Scenario = {
    ...SEED_LAB,
    hosts: SEED_LAB.hosts.map((h) => (h.name === 'web2' ? { ...h, at: { router: 'dcedge-2', iface: 'GigabitEthernet2' } } : h)),
  };

  it('should start with an away entry at its home xTR (it moved there before the run, PROTOCOL.md §2.6)', () => {
    const { world } = run(awayStart, []);
    expect(world.actors.get('dyn|dcedge-1|192.168.1.20')?.v).toBe('away');
    expect(world.actors.get('dyn|dcedge-2|192.168.1.20')?.v).toBe('registered');
    expect(run(SEED_LAB, []).world.actors.get('dyn|dcedge-1|192.168.1.20')?.v).toBe('registered');
  });

  it('should let a home-subnet neighbour reach it through the proxy reply and LISP', () => {
    const { fates, logs } = run(awayStart, ['send vm1 web2', 'send vm1 web2']);
    expect(logs).toContain('dcedge-1: GigabitEthernet2: proxy ARP reply for 192.168.1.20 with 0000.0d0e.010c');
    expect(fates.at(-1)).toBe('vm1->web2 delivered at web2');
  });
});
