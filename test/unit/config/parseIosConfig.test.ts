import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIosConfig } from '../../../src/config/parseIosConfig.js';
import { decodeType7 } from '../../../src/config/decodeType7.js';
import { burntInMac, interfaceDynamicEids } from '../../../src/core/scenario.js';

const seed = (name: string) => readFileSync(`models/seed-lab/${name}.cfg`, 'utf8');
const codes = (r: ReturnType<typeof parseIosConfig>) => r.diagnostics.map((d) => `${d.severity} ${d.code} ${d.line}`);
/** A minimal xTR with one mobility interface; `extraIface` / `extraLisp` are inserted verbatim. */
const xtr = (extraIface = '', extraLisp = '') => `hostname x1
!
interface GigabitEthernet1
 ip address 10.0.1.2 255.255.255.252
!
interface GigabitEthernet2
 mac-address 0000.0d0e.010c
 ip address 192.168.1.1 255.255.255.0
${extraIface} lisp mobility west_dc
!
router lisp
 locator-set west_dc
  IPv4-interface GigabitEthernet1 priority 10 weight 50
  exit
 !
 eid-table default instance-id 0
  dynamic-eid west_dc
   database-mapping 192.168.1.0/24 locator-set west_dc
   exit
  !
  exit
 !
${extraLisp} ipv4 itr map-resolver 10.0.3.1
 ipv4 itr
 ipv4 etr map-server 10.0.3.1 key alldcs
 ipv4 etr
 exit
!
end
`;
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('parseIosConfig', () => {
  it('should parse the three seed configs without any diagnostic', () => {
    for (const name of ['core', 'dcedge-1', 'dcedge-2']) {
      expect(parseIosConfig(seed(name), `${name}.cfg`).diagnostics).toEqual([]);
    }
  });

  it('should resolve the seed xTR: roles, RLOC from IPv4-interface, dynamic-EIDs, targets', () => {
    const { router } = parseIosConfig(seed('dcedge-1'), 'dcedge-1.cfg');
    expect(router).toMatchObject({ name: 'dcedge-1', rloc: '10.0.1.2', itr: true, etr: true, mapResolver: '10.0.3.1', usePetr: '10.0.3.1' });
    expect(router.dynamicEids.map((d) => [d.name, d.prefix, d.rlocs])).toEqual([
      ['east_dc', '192.168.2.0/24', ['10.0.1.2']],
      ['west_dc', '192.168.1.0/24', ['10.0.1.2']],
    ]);
    expect(router.interfaces[1]).toMatchObject({ mac: '0000.0d0e.010c', mobility: ['east_dc', 'west_dc'], proxyArp: true });
  });

  it('should count every interface block, LISP0 included, for burnt-in MACs', () => {
    const { router } = parseIosConfig(seed('core'), 'core.cfg');
    expect(router.interfaces.map((i) => i.mac)).toEqual([0, 1, 2, 3, 4].map((k) => burntInMac('core', k)));
    expect(router).toMatchObject({ rloc: '10.0.3.1', ms: true, mr: true, pitr: true, petr: true, itr: false });
  });

  it('should skip unrelated lines silently, banner bodies included', () => {
    const text = `Building configuration...
version 17.3
service timestamps log datetime msec
hostname r9
banner motd ^C
router lisp
 publish-subscribe
^C
interface GigabitEthernet1
 description uplink
 duplex full
 speed 1000
 negotiation auto
 ip ospf cost 10
 ip access-group 101 in
 ip address 10.9.9.1 255.255.255.0
!
router ospf 1
 network 10.0.0.0 0.255.255.255 area 0
!
line vty 0 4
 login local
!
end
router lisp
 publish-subscribe
`;
    const r = parseIosConfig(text, 'r9.cfg');
    expect(r.diagnostics).toEqual([]);
    expect(r.router.interfaces[0].address).toBe('10.9.9.1');
  });

  it('should warn with file and line about an unknown line inside router lisp', () => {
    const text = xtr('', ' ipv4 frobnicate on\n');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'RC210', file: 'x1.cfg', line: lineOf(text, 'frobnicate') })]);
  });

  it('should warn about an unknown line on a mobility interface but not on other interfaces', () => {
    const text = xtr(' ip verify unicast source reachable-via rx\n').replace(' ip address 10.0.1.2', ' ip wccp 61 redirect in\n ip address 10.0.1.2');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(codes(r)).toEqual([`warning RC210 ${lineOf(text, 'ip verify')}`]);
  });

  it('should report unsupported forms as errors and understood but unmodelled lines as warnings', () => {
    const text = xtr(' lisp mobility west_dc extended-subnet-please\n', ' loc-reach-algorithm rloc-probing\n publish-subscribe\n');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(codes(r)).toEqual([`error RC211 ${lineOf(text, 'extended-subnet-please')}`, `warning RC218 ${lineOf(text, 'loc-reach')}`, `warning RC218 ${lineOf(text, 'publish-subscribe')}`]);
    expect(r.diagnostics[2].message).toContain('"publish-subscribe": PubSub (RFC 9437)');
  });

  it('should report malformed addresses and masks as errors with their lines', () => {
    const text = xtr()
      .replace('ip address 10.0.1.2 255.255.255.252', 'ip address 10.0.1.300 255.255.255.252')
      .replace('ip address 192.168.1.1 255.255.255.0', 'ip address 192.168.1.1 255.0.255.0')
      .replace('map-resolver 10.0.3.1', 'map-resolver 10.0.3')
      .replace('database-mapping 192.168.1.0/24', 'database-mapping 192.168.1.5/24');
    const r = parseIosConfig(text, 'x1.cfg');
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errs.map((d) => [d.code, d.line])).toEqual(
      expect.arrayContaining([
        ['RC212', lineOf(text, '10.0.1.300')],
        ['RC212', lineOf(text, '255.0.255.0')],
        ['RC212', lineOf(text, 'map-resolver 10.0.3')],
        ['RC212', lineOf(text, '192.168.1.5/24')],
      ]),
    );
    expect(errs.every((d) => d.file === 'x1.cfg')).toBe(true);
  });

  it('should report undefined locator-sets and interfaces as errors, and a lisp mobility naming no dynamic-eid as a warning (the interface then detects nothing), with their lines', () => {
    const text = xtr(' lisp mobility ghost_dc\n').replace('locator-set west_dc\n   exit', 'locator-set nowhere\n   exit').replace('IPv4-interface GigabitEthernet1', 'IPv4-interface GigabitEthernet9');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(codes(r)).toEqual(
      expect.arrayContaining([`error RC213 ${lineOf(text, 'GigabitEthernet9')}`, `error RC213 ${lineOf(text, 'locator-set nowhere')}`, `warning RC213 ${lineOf(text, 'ghost_dc')}`]),
    );
  });

  it('should read the IOS-XE instance-id / service ipv4 form like the classic one', () => {
    const text = readFileSync('models/three-site/dc3-xtr.cfg', 'utf8');
    const r = parseIosConfig(text, 'dc3-xtr.cfg');
    expect(r.diagnostics).toEqual([]);
    expect(r.router).toMatchObject({ itr: true, etr: true, rloc: '10.0.3.2', mapResolver: '10.255.0.1', usePetr: '10.255.0.1' });
    expect(r.router.mapServers).toEqual([expect.objectContaining({ address: '10.255.0.1', key: '3sites' })]);
    expect(r.router.dynamicEids.map((d) => d.prefix)).toEqual(['172.16.1.0/24', '172.16.2.0/24', '172.16.3.0/24']);
  });

  it('should merge a separate `etr map-server A proxy-reply` line and accept XE defaults silently', () => {
    const text = xtr('', ' ipv4 etr map-server 10.0.3.1 proxy-reply\n map-cache away-eids send-map-request\n ipv4 map-request-source 10.0.1.2\n');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(r.diagnostics).toEqual([]);
    expect(r.router.mapServers).toEqual([expect.objectContaining({ address: '10.0.3.1', key: 'alldcs', proxyReply: true })]);
  });

  it('should decode type-7 keys so they compare with clear ones', () => {
    expect(decodeType7('0822455D0A16')).toBe('cisco');
    const r = parseIosConfig(xtr().replace('key alldcs', 'key 7 0822455D0A16 hash-function sha2 proxy-reply'), 'x1.cfg');
    expect(r.router.mapServers[0]).toMatchObject({ key: 'cisco', hashFunction: 'sha2', proxyReply: true });
  });

  it('should derive HSRP v1/v2 and VRRP virtual MACs and virtual IPs', () => {
    const r = parseIosConfig(
      `hostname g
interface Vlan10
 ip address 10.1.0.2 255.255.255.0
 standby 10 ip 10.1.0.1
interface Vlan20
 ip address 10.2.0.2 255.255.255.0
 standby version 2
 standby 300 ip 10.2.0.1
 standby 300 preempt
interface Vlan30
 ip address 10.3.0.2 255.255.255.0
 vrrp 7 ip 10.3.0.1
`,
      'g.cfg',
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.router.interfaces.map((i) => [i.virtualMacs, i.virtualIps])).toEqual([
      [['0000.0c07.ac0a'], ['10.1.0.1']],
      [['0000.0c9f.f12c'], ['10.2.0.1']],
      [['0000.5e00.0107'], ['10.3.0.1']],
    ]);
  });

  it('should read interface ARP and mobility flags', () => {
    const text = xtr(' no ip proxy-arp\n ip local-proxy-arp\n arp timeout 60\n lisp mobility discover arp\n no lisp mobility liveness test\n lisp extended-subnet-mode\n').replace(
      ' lisp mobility west_dc\n',
      ' lisp mobility west_dc nbr-proxy-reply requests 3\n',
    );
    const r = parseIosConfig(text, 'x1.cfg');
    expect(r.diagnostics).toEqual([]);
    expect(r.router.interfaces[1]).toMatchObject({
      proxyArp: false,
      localProxyArp: true,
      arpTimeout: 60,
      discoverArp: true,
      liveness: false,
      extendedSubnet: true,
      nbrProxyReply: true,
    });
    expect(r.lines.interfaces.GigabitEthernet2.proxyArp).toBe(lineOf(text, 'no ip proxy-arp'));
  });

  it('should not depend on indentation width: tabs, two spaces or none at all', () => {
    const ref = parseIosConfig(seed('dcedge-1'), 'a.cfg').router;
    const variants = [
      seed('dcedge-1').replace(/^ +/gm, (s) => '\t'.repeat(s.length)),
      seed('dcedge-1').replace(/^ +/gm, (s) => '  '.repeat(s.length)),
      seed('dcedge-1').replace(/^ +/gm, '').replace(/\n/g, '\r\n'),
    ];
    for (const v of variants) {
      const r = parseIosConfig(v, 'a.cfg');
      expect(r.diagnostics).toEqual([]);
      expect(r.router).toEqual(ref);
    }
  });

  it('should name a router after its file when the hostname is missing, with a warning', () => {
    const r = parseIosConfig('interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n', 'configs/edge-7.cfg');
    expect(r.router.name).toBe('edge-7');
    expect(codes(r)).toEqual(['warning RC215 1']);
  });

  it('should read a DNA-Center fabric edge: instance-ids apart, L2 and probing as warnings, XE away-eids flag', () => {
    const file = 'test/fixtures/config/sda-edge.cfg';
    const text = readFileSync(file, 'utf8');
    const r = parseIosConfig(text, file);
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(codes(r)).toEqual([`warning RC218 ${lineOf(text, ' service ethernet')}`, `warning RC218 ${lineOf(text, 'remote-rloc-probe')}`]);
    expect(r.diagnostics[0].message).toMatch(/\(and 2 more such lines\)$/);
    expect(r.router.dynamicEids.map((d) => [d.name, d.prefix, d.instanceId])).toEqual([
      ['10_4_12_0-INFRA_VN', '10.4.12.0/24', 4097],
      ['10_4_10_0-Campus_VN-IPV4', '10.4.10.0/24', 4099],
    ]);
    expect(r.router.eidTables).toEqual([{ instanceId: 4097 }, { instanceId: 4099, vrf: 'Campus_VN' }]);
    expect(r.router.staticMapCache).toEqual([
      { prefix: '0.0.0.0/0', action: 'map-request', instanceId: 4097 },
      { prefix: '0.0.0.0/0', action: 'map-request', instanceId: 4099 },
    ]);
    // `service ethernet` has its own map-resolver and map-server lines: they must not leak into IPv4.
    expect(r.router).toMatchObject({ awayEidsSendMapRequest: false, mapResolver: '10.4.255.1', usePetr: '10.4.255.1', rloc: '10.4.255.3', etr: true });
    expect(r.router.mapServers).toEqual([expect.objectContaining({ address: '10.4.255.1', key: 'cisco', proxyReply: true })]);
  });

  it('should read a DNA-Center border / control-plane node: per-instance sites, route export and sessions as warnings', () => {
    const file = 'test/fixtures/config/sda-border.cfg';
    const text = readFileSync(file, 'utf8');
    const r = parseIosConfig(text, file);
    expect(codes(r)).toEqual(['service ethernet', 'remote-rloc-probe', 'route-export', 'map-server session', 'map-server nmr', 'allow-locator'].map((n) => `warning RC218 ${lineOf(text, n)}`));
    expect(r.router.sites[0].prefixes.map((p) => [p.instanceId, p.prefix, p.acceptMoreSpecifics])).toEqual([
      [4097, '10.4.12.0/24', true],
      [4099, '10.4.10.0/24', true],
    ]);
    expect(r.router).toMatchObject({ ms: true, mr: true, pitr: true, petr: true, proxyItrRlocs: ['10.4.255.1'] });
  });

  it('should keep same-named dynamic-EIDs of two instance-ids apart and attach each by its VRF', () => {
    const file = 'test/fixtures/config/two-vrfs-same-prefix/edge-1.cfg';
    const r = parseIosConfig(readFileSync(file, 'utf8'), file);
    expect(r.diagnostics).toEqual([]);
    expect(r.router.dynamicEids.map((d) => [d.name, d.prefix, d.instanceId])).toEqual([
      ['pool-10_1_1_0', '10.1.1.0/24', 4097],
      ['pool-10_1_1_0', '10.1.1.0/24', 4098],
    ]);
    expect(r.router.eidTables).toEqual([
      { instanceId: 4097, vrf: 'RED' },
      { instanceId: 4098, vrf: 'BLUE' },
    ]);
    const vlan = (n: string) => r.router.interfaces.find((i) => i.name === n)!;
    expect(interfaceDynamicEids(r.router, vlan('Vlan101')).map((d) => d.instanceId)).toEqual([4097]);
    expect(interfaceDynamicEids(r.router, vlan('Vlan102')).map((d) => d.instanceId)).toEqual([4098]);
  });

  it('should report a lisp mobility whose dynamic-eid is in another instance-id than the interface VRF', () => {
    const text = readFileSync('test/fixtures/config/two-vrfs-same-prefix/edge-1.cfg', 'utf8').replace(
      'dynamic-eid pool-10_1_1_0\n   database-mapping 10.1.1.0/24 locator-set rloc\n   exit-dynamic-eid\n  !\n  service ipv4\n   eid-table vrf BLUE',
      'service ipv4\n   eid-table vrf BLUE',
    );
    const r = parseIosConfig(text, 'e.cfg');
    expect(codes(r)).toEqual([`warning RC213 ${text.split('\n').findIndex((l, k) => k > lineOf(text, 'interface Vlan102') && l.includes('lisp mobility')) + 1}`]);
    expect(r.diagnostics[0].message).toBe('lisp mobility pool-10_1_1_0: interface Vlan102 is in vrf BLUE (instance-id 4098) but dynamic-eid pool-10_1_1_0 is in instance-id 4097');
  });

  it('should end an interface block at a global command whatever its indentation (hand-trimmed ` router lisp`)', () => {
    const file = 'test/fixtures/config/indented-router-lisp.cfg';
    const r = parseIosConfig(readFileSync(file, 'utf8'), file);
    expect(r.diagnostics).toEqual([]);
    expect(r.router).toMatchObject({ itr: true, etr: true, rloc: '10.0.1.2', mapResolver: '10.0.3.1' });
    expect(r.router.dynamicEids.map((d) => [d.name, d.prefix])).toEqual([['west_dc', '192.168.1.0/24']]);
    expect(r.router.interfaces.map((i) => [i.name, i.address, i.mobility])).toEqual([
      ['GigabitEthernet1', '10.0.1.2', []],
      ['GigabitEthernet2', '192.168.1.1', ['west_dc']],
      ['Loopback0', '10.255.1.1', []],
    ]);
  });

  it('should keep interface commands that share a first word with global ones inside the interface', () => {
    const text = xtr(' spanning-tree portfast\n ip dhcp snooping trust\n logging event link-status\n clock rate 64000\n');
    for (const variant of [text, text.replace(/^ +/gm, '')]) {
      expect(parseIosConfig(variant, 'x1.cfg').router.interfaces[1].mobility).toEqual(['west_dc']);
    }
  });

  it('should accept every campus-fabric line: modelled ones change the RouterSpec, the rest warn once per kind', () => {
    const lisp = [
      ' remote-rloc-probe on-route-change',
      ' loc-reach-algorithm rloc-probing',
      ' no map-cache away-eids send-map-request',
      ' map-cache site-registration',
      ' route-export site-registrations',
      ' route-export away-eids',
      ' distance site-registrations 250',
      ' import database bgp 65001 route-map RM locator-set west_dc',
      ' ipv4 source-locator Loopback0',
      ' etr map-server 10.0.3.1 proxy-reply',
      ' locator default-set west_dc',
      ' publish-subscribe',
      ' map-server nmr non-site-ttl 1',
      ' itr nmr-ttl 1',
      ' use-petr 10.0.3.1 priority 10 weight 10',
      ' sgt',
      ' encapsulation vxlan',
      ' map-cache 0.0.0.0/0 map-request',
      ' database-mapping limit dynamic 5000',
      ' domain-id 1',
      ' service ipv4',
      '  eid-table vrf RED instance-id 4097',
      '  exit-service-ipv4',
      ' service ethernet',
      '  itr map-resolver 10.9.9.9',
      '  broadcast-underlay 239.0.17.1',
      '  flood arp-nd',
      '  exit-service-ethernet',
    ].join('\n');
    const text = xtr('', `${lisp}\n`).replace('   database-mapping 192.168.1.0/24 locator-set west_dc\n', '   database-mapping 192.168.1.0/24 locator-set west_dc\n   map-server 10.0.3.1 key k\n');
    const r = parseIosConfig(text, 'x1.cfg');
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const firsts = ['map-server 10.0.3.1 key k', 'remote-rloc-probe', 'map-cache site-registration', 'publish-subscribe', 'map-server nmr', ' service ethernet'];
    expect(codes(r)).toEqual(firsts.map((n) => `warning RC218 ${lineOf(text, n)}`));
    expect(r.router).toMatchObject({ awayEidsSendMapRequest: false, usePetr: '10.0.3.1', mapResolver: '10.0.3.1', eidTables: [{ instanceId: 0 }, { instanceId: 4097, vrf: 'RED' }] });
    expect(r.router.staticMapCache).toEqual([{ prefix: '0.0.0.0/0', action: 'map-request' }]);
    expect(r.router.mapServers).toEqual([expect.objectContaining({ address: '10.0.3.1', key: 'alldcs', proxyReply: true })]);
  });
});
