import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../../src/config/buildScenario.js';
import { readModel } from '../../../src/cli/readModel.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { compileTopology } from '../../../src/core/world/topology.js';
import { folderFiles, stripSources } from './modelFiles.js';

const seedFiles = () => folderFiles('models/seed-lab');
const withYaml = (yaml: string) => [...seedFiles().filter((f) => f.path !== 'scenario.yaml'), { path: 'scenario.yaml', text: yaml }];
const at = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const HOSTS = `hosts:
  - name: vm1
    ip: 192.168.1.10
    mac: 0050.5600.0010
    at: dcedge-1 GigabitEthernet2
    moves: [dcedge-2 GigabitEthernet2]
`;

describe('buildScenario', () => {
  it('should build exactly SEED_LAB from models/seed-lab', () => {
    const r = buildScenario({ dir: 'models/seed-lab', files: seedFiles() });
    expect(r.diagnostics).toEqual([]);
    expect(stripSources(r.scenario)).toStrictEqual(stripSources(SEED_LAB));
  });

  it('should keep where facts came from', () => {
    const r = buildScenario({ dir: 'models/seed-lab', files: seedFiles() });
    const d1 = r.scenario?.routers.find((x) => x.name === 'dcedge-1');
    expect(d1?.mapServers[0].source).toEqual({ file: 'models/seed-lab/dcedge-1.cfg', line: 35 });
    expect(r.scenario?.hosts[0].source).toEqual({ file: 'models/seed-lab/scenario.yaml', line: 7 });
    expect(r.sources.routers['dcedge-1'].lines.router.usePetr).toBe(32);
  });

  it('should load every model folder without an error', () => {
    for (const m of readdirSync('models', { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      const r = readModel(`models/${m}`, process.cwd());
      expect(
        r.diagnostics.filter((d) => d.severity === 'error'),
        m,
      ).toEqual([]);
      expect(r.scenario?.name, m).toBe(m);
    }
  });

  it('should report YAML type errors, unknown keys and unknown routers together, with lines', () => {
    const yaml = `name: broken
hosts:
  - name: vm1
    ip: 192.168.1.10
    mac: 0050.5600.0010
    at: dcedge-9 GigabitEthernet2
    moves: [dcedge-2 GigabitEthernet7]
  - name: web2
    ip: 192.168.1.20
    mac: 0050.5600.0020
    at: dcedge-1 GigabitEthernet2
    colour: blue
clients: [{ name: client, ip: 149.149.149.2, via: edge }]
traffic: [[client, vm9]]
bounds: { moves: two }
`;
    const r = buildScenario({ dir: 'm', files: withYaml(yaml) });
    expect(r.scenario).toBeUndefined();
    expect(r.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([
      ['RC222', 'm/scenario.yaml', at(yaml, 'colour')],
      ['RC221', 'm/scenario.yaml', at(yaml, 'bounds')],
      ['RC301', 'm/scenario.yaml', at(yaml, 'dcedge-9')],
      ['RC302', 'm/scenario.yaml', at(yaml, 'GigabitEthernet7')],
      ['RC301', 'm/scenario.yaml', at(yaml, 'via: edge')],
      ['RC305', 'm/scenario.yaml', at(yaml, 'vm9')],
    ]);
    expect(r.diagnostics.every((d) => d.severity === 'error' && d.hint)).toBe(true);
  });

  it('should report a host outside its attached subnet, duplicates and a gateway outside the subnet', () => {
    const yaml = `${HOSTS}  - name: vm1
    ip: 10.9.9.9
    mac: 0050.5600.0011
    at: dcedge-1 GigabitEthernet2
  - name: web3
    ip: 192.168.1.30
    mac: 0050.5600.0010
    at: dcedge-1 GigabitEthernet2
    gateway: 192.168.2.1
`;
    const r = buildScenario({ files: withYaml(yaml) });
    expect(r.diagnostics.map((d) => d.code)).toEqual(['RC304', 'RC303', 'RC304']);
    expect(r.diagnostics[0].message).toContain('10.9.9.9 is outside the subnet of dcedge-1 GigabitEthernet2 (192.168.1.0/24)');
  });

  it('should add one segment per interface that matters, after the explicit ones', () => {
    const yaml = `${HOSTS}segments:
  - name: lab
    interfaces: [dcedge-1 GigabitEthernet2]
    isolated: true
`;
    const r = buildScenario({ files: withYaml(yaml) });
    expect(r.scenario?.segments).toEqual([
      { name: 'lab', interfaces: [{ router: 'dcedge-1', iface: 'GigabitEthernet2' }], isolated: true },
      { name: 'dcedge-2 GigabitEthernet2', interfaces: [{ router: 'dcedge-2', iface: 'GigabitEthernet2' }], isolated: false },
    ]);
  });

  it('should reject an interface placed in two segments', () => {
    const yaml = `segments:
  - { name: a, interfaces: [dcedge-1 GigabitEthernet2] }
  - { name: b, interfaces: [dcedge-1 GigabitEthernet2, dcedge-2 GigabitEthernet2] }
`;
    expect(buildScenario({ files: withYaml(yaml) }).diagnostics.map((d) => [d.code, d.line])).toEqual([['RC307', 3]]);
  });

  it('should default the gateway to the HSRP virtual IP and the interface to the only mobility one', () => {
    const r = readModel('models/extended-subnet', process.cwd());
    expect(r.scenario?.hosts[0]).toMatchObject({ gateway: '10.10.100.1', prefixLength: 24 });
    const b = buildScenario({ files: withYaml(HOSTS.replace('at: dcedge-1 GigabitEthernet2', 'at: dcedge-1')) });
    expect(b.scenario?.hosts[0].at).toEqual({ router: 'dcedge-1', iface: 'GigabitEthernet2' });
  });

  it('should report a missing scenario, globs that match nothing and duplicate hostnames', () => {
    expect(buildScenario({ dir: 'x', files: [] }).diagnostics.map((d) => d.code)).toEqual(['RC202']);
    const noCfg = buildScenario({ files: [{ path: 'scenario.yaml', text: 'routers: ["configs/*.cfg"]\n' }, ...seedFiles().slice(0, 1)] });
    expect(noCfg.diagnostics.map((d) => [d.code, d.line])).toEqual([['RC203', 1]]);
    const twin = buildScenario({ files: [...withYaml('name: t\n'), { path: 'zz.cfg', text: 'hostname core\n' }] });
    expect(twin.diagnostics.map((d) => [d.code, d.file, d.line])).toEqual([['RC303', 'zz.cfg', 1]]);
  });

  it('should merge timers and bounds over the defaults', () => {
    const r = buildScenario({ files: withYaml('timers: { hostArpReachable: 5 }\nbounds: { timerExpiries: 0, maxLatency: unlimited }\n') });
    expect(r.scenario?.timers.hostArpReachable).toBe(5);
    expect(r.scenario?.timers.msExpiry).toBe(180);
    expect(r.scenario?.bounds).toMatchObject({ timerExpiries: 0, maxLatency: Infinity, moves: 2 });
    expect(r.scenario?.registration).toBe('last-writer');
  });

  it('should keep two VRFs that reuse one prefix apart: two dynamic-EIDs per edge, hosts in their own instance-id', () => {
    const dir = 'test/fixtures/config/two-vrfs-same-prefix';
    const r = buildScenario({ dir, files: folderFiles(dir) });
    expect(r.diagnostics).toEqual([]);
    const edge1 = r.scenario?.routers.find((x) => x.name === 'edge-1');
    expect(edge1?.dynamicEids.map((d) => [d.name, d.prefix, d.instanceId])).toEqual([
      ['pool-10_1_1_0', '10.1.1.0/24', 4097],
      ['pool-10_1_1_0', '10.1.1.0/24', 4098],
    ]);
    expect(r.scenario?.hosts.map((h) => [h.name, h.ip, h.instanceId])).toEqual([
      ['red-vm', '10.1.1.10', 4097],
      ['blue-vm', '10.1.1.10', 4098],
      ['red-db', '10.1.1.20', 4097],
      ['blue-db', '10.1.1.20', 4098],
    ]);
    const cp = r.scenario?.routers.find((x) => x.name === 'cp');
    expect(cp?.sites[0].prefixes.map((p) => [p.instanceId, p.prefix])).toEqual([
      [4097, '10.1.1.0/24'],
      [4098, '10.1.1.0/24'],
    ]);
    expect(cp?.staticMapCache).toEqual([
      { prefix: '10.1.1.0/24', action: 'map-request', instanceId: 4097 },
      { prefix: '10.1.1.0/24', action: 'map-request', instanceId: 4098 },
    ]);
    // The world attaches each VLAN to the dynamic-EID of its own VRF's instance-id.
    const topo = compileTopology(r.scenario!);
    expect(
      topo.routers
        .get('edge-2')
        ?.ifaces.filter((i) => i.mobility.length > 0)
        .map((i) => [i.name, i.mobility.map((m) => m.dyn.instanceId)]),
    ).toEqual([
      ['Vlan101', [4097]],
      ['Vlan102', [4098]],
    ]);
  });

  it('should give a client the instance-id of the PITR interface on its subnet', () => {
    const dir = 'test/fixtures/config/two-vrfs-same-prefix';
    const files = folderFiles(dir).map((f) =>
      f.path === 'cp.cfg'
        ? { ...f, text: f.text.replace('interface LISP0\n', 'interface GigabitEthernet3\n vrf forwarding BLUE\n ip address 198.51.100.1 255.255.255.0\n!\ninterface LISP0\n') }
        : f.path === 'scenario.yaml'
          ? { ...f, text: `${f.text}clients: [{ name: outside, ip: 198.51.100.7, via: cp }, { name: lost, ip: 203.0.113.9, via: cp }]\n` }
          : f,
    );
    const r = buildScenario({ dir, files });
    expect(r.scenario?.clients.map((c) => [c.name, c.instanceId])).toEqual([
      ['outside', 4098],
      ['lost', undefined],
    ]);
    expect(r.diagnostics.map((d) => [d.severity, d.code])).toEqual([['warning', 'RC217']]);
    expect(r.diagnostics[0].message).toContain('cp has 2 EID tables');
  });
});
