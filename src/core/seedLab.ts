// The seed lab as a typed Scenario: dcedge-1 (site A), dcedge-2 (site B), core (MS/MR/PITR/PETR).
// PURE. Built from the facts of models/seed-lab/*.cfg (the seed's unedited configs); the config
// loader must produce the same Scenario from those files (test/unit/config checks it), so this
// file is the reference the parser is held to, and the fallback when no model folder is given.

import { burntInMac, DEFAULT_BOUNDS, DEFAULT_TIMERS, interfaceDefaults, routerDefaults, type RouterSpec, type Scenario } from './scenario.js';

const GATEWAY_MAC = '0000.0d0e.010c';

function dcedge(name: string, n: 1 | 2, locatorSet: string): RouterSpec {
  const rloc = `10.0.${n}.2`;
  return {
    ...routerDefaults(name),
    file: `${name}.cfg`,
    rloc,
    itr: true,
    etr: true,
    mapResolver: '10.0.3.1',
    mapServers: [{ address: '10.0.3.1', key: 'alldcs', hashFunction: 'sha1', proxyReply: false }],
    usePetr: '10.0.3.1',
    interfaces: [
      { ...interfaceDefaults('GigabitEthernet1', burntInMac(name, 0)), address: rloc, prefixLength: 30 },
      {
        ...interfaceDefaults('GigabitEthernet2', GATEWAY_MAC),
        address: `192.168.${n}.1`,
        prefixLength: 24,
        mobility: ['east_dc', 'west_dc'],
      },
    ],
    dynamicEids: [
      { name: 'east_dc', prefix: '192.168.2.0/24', locatorSet, rlocs: [rloc] },
      { name: 'west_dc', prefix: '192.168.1.0/24', locatorSet, rlocs: [rloc] },
    ],
  };
}

const core: RouterSpec = {
  ...routerDefaults('core'),
  file: 'core.cfg',
  rloc: '10.0.3.1',
  ms: true,
  mr: true,
  pitr: true,
  petr: true,
  proxyItrRlocs: ['10.0.3.1'],
  mapResolver: '10.0.3.1',
  interfaces: [
    { ...interfaceDefaults('Loopback0', burntInMac('core', 0)), address: '10.0.3.1', prefixLength: 32 },
    interfaceDefaults('LISP0', burntInMac('core', 1)),
    { ...interfaceDefaults('FastEthernet0/0.100', burntInMac('core', 2)), address: '10.0.1.1', prefixLength: 30 },
    { ...interfaceDefaults('FastEthernet0/0.200', burntInMac('core', 3)), address: '10.0.2.1', prefixLength: 30 },
    { ...interfaceDefaults('FastEthernet0/1', burntInMac('core', 4)), address: '75.75.75.1', prefixLength: 30 },
  ],
  sites: [
    {
      name: 'datacenters',
      key: 'alldcs',
      prefixes: [
        { prefix: '192.168.1.0/24', acceptMoreSpecifics: true },
        { prefix: '192.168.2.0/24', acceptMoreSpecifics: true },
      ],
    },
  ],
  staticMapCache: [
    { prefix: '192.168.1.0/24', action: 'map-request' },
    { prefix: '192.168.2.0/24', action: 'map-request' },
  ],
};

/** The embedded default model (DESIGN.md §5 example). */
export const SEED_LAB: Scenario = {
  name: 'seed-lab',
  description: 'Two data centres, across-subnet mode, core as MS/MR/PITR/PETR.',
  routers: [core, dcedge('dcedge-1', 1, 'west_dc'), dcedge('dcedge-2', 2, 'east_dc')],
  hosts: [
    {
      name: 'vm1',
      ip: '192.168.1.10',
      prefixLength: 24,
      mac: '0050.5600.0010',
      at: { router: 'dcedge-1', iface: 'GigabitEthernet2' },
      gateway: '192.168.1.1',
      moves: [{ router: 'dcedge-2', iface: 'GigabitEthernet2' }],
    },
    {
      name: 'web2',
      ip: '192.168.1.20',
      prefixLength: 24,
      mac: '0050.5600.0020',
      at: { router: 'dcedge-1', iface: 'GigabitEthernet2' },
      gateway: '192.168.1.1',
      moves: [],
    },
  ],
  clients: [{ name: 'client', ip: '149.149.149.2', via: 'core' }],
  segments: [
    { name: 'dcedge-1 GigabitEthernet2', interfaces: [{ router: 'dcedge-1', iface: 'GigabitEthernet2' }], isolated: false },
    { name: 'dcedge-2 GigabitEthernet2', interfaces: [{ router: 'dcedge-2', iface: 'GigabitEthernet2' }], isolated: false },
  ],
  traffic: [
    ['client', 'vm1'],
    ['web2', 'vm1'],
    ['vm1', 'web2'],
    ['vm1', 'client'],
  ],
  timers: { ...DEFAULT_TIMERS },
  registration: 'last-writer',
  bounds: { ...DEFAULT_BOUNDS, moves: 2, losses: 1, duplicates: 0, reboots: 0, spoofs: 1, steps: 60, maxLatency: 2 },
  expect: { 'intra-subnet-reachability': 'violated', 'single-authoritative-rloc': 'violated' },
};
