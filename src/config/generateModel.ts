// `roamcheck generate`: a synthetic model folder of N xTR sites, one MS/MR, K PITRs and M hosts
// that move between random sites, as IOS/IOS-XE configs + scenario.yaml + README.md (DESIGN.md §5).
// PURE: parameters in, file texts out; every choice comes from a seeded PRNG, so one seed gives
// byte-identical files. Used to measure how the checker scales with the size of a network.

import { mulberry32 } from '../core/mulberry32.js';

/** What `generate` is asked for (validated by the CLI). */
export interface GenerateOptions {
  sites: number;
  hosts: number;
  pitrs: number;
  seed: number;
  /** The scenario's `bounds.steps`; default `defaultSteps(hosts)`. */
  steps?: number;
}

/**
 * A steps bound that keeps a default `check` (six properties x 10,000 runs) near a minute. Chosen
 * when the world's cost per step grew about linearly with the hosts; since the persistent actor
 * and timer tables (issue 9) a 256-host step costs about 3x a seed-lab step (`npm run bench --
 * --only growth`), but the bound is kept so generated models stay what they were.
 * 30 up to 16 hosts, 7 at 64, 2 from 250.
 */
export function defaultSteps(hosts: number): number {
  return Math.max(2, Math.min(30, Math.floor(500 / hosts)));
}

export interface GeneratedFile {
  /** File name inside the model folder. */
  name: string;
  text: string;
}

/** Limits of the address plan (EIDs 172.16.0.0/12: one /24 per site, hosts .10 to .249). */
export const GENERATE_LIMITS = { maxSites: 1000, hostsPerSite: 240, maxPitrs: 16 } as const;

const KEY = 'fabric-key';
const GATEWAY_MAC = '0000.0c9f.f001'; // one anycast gateway MAC on every xTR (PROTOCOL.md §2.4)
const MSMR_RLOC = '10.255.0.1';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** The model's id, e.g. `generated-32x256` (`-pK` and `-sS` when not the defaults). */
export function generatedName(o: GenerateOptions): string {
  return `generated-${o.sites}x${o.hosts}${o.pitrs !== 1 ? `-p${o.pitrs}` : ''}${o.seed !== 1 ? `-s${o.seed}` : ''}`;
}

/** The command line that regenerates the folder's files (without -o: they do not depend on it). */
export function generateCommandLine(o: GenerateOptions): string {
  return `roamcheck generate --sites ${o.sites} --hosts ${o.hosts} --pitrs ${o.pitrs} --seed ${o.seed}${o.steps !== undefined ? ` --steps ${o.steps}` : ''}`;
}

interface Site {
  i: number;
  router: string;
  /** The site's /24 inside 172.16.0.0/12 (network address). */
  subnet: string;
  gateway: string;
  uplink: string;
  /** Subnets (site numbers) this xTR serves as dynamic-EIDs: its own and those of hosts that may move in. */
  serves: Set<number>;
}

interface Host {
  name: string;
  ip: string;
  mac: string;
  home: number;
  moves: number[];
}

function siteOf(i: number, width: number): Site {
  const second = 16 + (i >> 8);
  const third = i & 255;
  return {
    i,
    router: `xtr-${pad(i, width)}`,
    subnet: `172.${second}.${third}.0`,
    gateway: `172.${second}.${third}.1`,
    // Uplink 10.X.Y.2/30 towards the RLOC core, X.Y = the site number (xtr-01: 10.0.1.2).
    uplink: `10.${i >> 8}.${i & 255}`,
    serves: new Set([i]),
  };
}

/** Files of the model folder, sorted by name. */
export function generateModel(o: GenerateOptions): GeneratedFile[] {
  const rnd = mulberry32(o.seed);
  const width = Math.max(2, String(o.sites).length);
  const sites = Array.from({ length: o.sites }, (_, k) => siteOf(k + 1, width));
  const hosts: Host[] = [];
  const perSite = new Map<number, number>();
  const hostWidth = Math.max(3, String(o.hosts).length);
  for (let j = 0; j < o.hosts; j++) {
    // Spread round-robin, so every site has its share; moves go to one or two random other sites.
    const home = (j % o.sites) + 1;
    const k = perSite.get(home) ?? 0;
    perSite.set(home, k + 1);
    const s = sites[home - 1];
    const moves: number[] = [];
    const want = o.sites < 2 ? 0 : rnd() < 0.5 || o.sites < 3 ? 1 : 2;
    while (moves.length < want) {
      const to = 1 + Math.floor(rnd() * o.sites);
      if (to !== home && !moves.includes(to)) moves.push(to);
    }
    for (const to of moves) sites[to - 1].serves.add(home);
    hosts.push({ name: `h${pad(j + 1, hostWidth)}`, ip: s.subnet.replace(/\.0$/, `.${10 + k}`), mac: macOf(j + 1), home, moves });
  }
  const pitrs = Array.from({ length: o.pitrs }, (_, k) => ({ router: `pitr-${k + 1}`, rloc: `10.255.1.${k + 1}`, client: `client-${k + 1}`, clientIp: `198.51.100.${10 + k}` }));
  const petr = pitrs.length ? pitrs[0].rloc : undefined;

  const files: GeneratedFile[] = [
    { name: 'msmr.cfg', text: msmrConfig(o, sites) },
    ...pitrs.map((p, k) => ({ name: `${p.router}.cfg`, text: pitrConfig(o, p.router, p.rloc, k) })),
    ...sites.map((s) => ({ name: `${s.router}.cfg`, text: xtrConfig(o, s, sites, petr) })),
    { name: 'scenario.yaml', text: scenarioYaml(o, sites, hosts, pitrs) },
    { name: 'README.md', text: readme(o, sites, hosts, pitrs.length) },
  ];
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** A unique locally administered-looking VMware MAC per host index (1-based). */
function macOf(n: number): string {
  return `0050.56${hex4(n >> 16).slice(2)}.${hex4(n & 0xffff)}`;
}

function header(o: GenerateOptions, hostname: string): string[] {
  return [
    `! ${hostname}: generated by \`${generateCommandLine(o)}\``,
    '!',
    'version 17.3',
    'service timestamps debug datetime msec',
    'service timestamps log datetime msec',
    '!',
    `hostname ${hostname}`,
    '!',
    'no aaa new-model',
    '!',
  ];
}

const footer = ['!', 'ip forward-protocol nd', 'no ip http server', '!', 'line con 0', ' stopbits 1', '!', 'end', ''];

function msmrConfig(o: GenerateOptions, sites: Site[]): string {
  const supernets = [...new Set(sites.map((s) => s.subnet.split('.')[1]))].map((second) => `172.${second}.0.0/16`);
  return [
    ...header(o, 'msmr'),
    'interface Loopback0',
    ' description MS/MR RLOC',
    ` ip address ${MSMR_RLOC} 255.255.255.255`,
    '!',
    'interface GigabitEthernet1',
    ' description to the RLOC core',
    ' ip address 10.254.0.1 255.255.255.252',
    '!',
    'router lisp',
    ' site fabric',
    `  description all ${o.sites} sites`,
    `  authentication-key ${KEY}`,
    ...supernets.map((p) => `  eid-prefix ${p} accept-more-specifics`),
    '  exit',
    ' !',
    ' ipv4 map-server',
    ' ipv4 map-resolver',
    ' exit',
    '!',
    'ip route 0.0.0.0 0.0.0.0 10.254.0.2',
    ...footer,
  ].join('\n');
}

function pitrConfig(o: GenerateOptions, name: string, rloc: string, k: number): string {
  return [
    ...header(o, name),
    'interface Loopback0',
    ' description PITR/PETR RLOC',
    ` ip address ${rloc} 255.255.255.255`,
    '!',
    'interface GigabitEthernet1',
    ' description Internet',
    ` ip address 203.0.113.${1 + k * 4} 255.255.255.252`,
    '!',
    'router lisp',
    ' map-cache 172.16.0.0/12 map-request',
    ...(k === 0 ? [' ipv4 proxy-etr'] : []),
    ` ipv4 proxy-itr ${rloc}`,
    ` ipv4 itr map-resolver ${MSMR_RLOC}`,
    ' exit',
    '!',
    `ip route 0.0.0.0 0.0.0.0 203.0.113.${2 + k * 4}`,
    ...footer,
  ].join('\n');
}

function xtrConfig(o: GenerateOptions, s: Site, sites: Site[], petr: string | undefined): string {
  const serves = [...s.serves].sort((a, b) => a - b).map((i) => sites[i - 1]);
  const eidName = (t: Site) => `eids-${t.router.slice(4)}`;
  const [a, b, c] = s.uplink.split('.');
  return [
    ...header(o, s.router),
    'interface GigabitEthernet1',
    ' description uplink (RLOC)',
    ` ip address ${a}.${b}.${c}.2 255.255.255.252`,
    '!',
    'interface GigabitEthernet2',
    ` description servers ${s.subnet}/24`,
    ` mac-address ${GATEWAY_MAC}`,
    ` ip address ${s.gateway} 255.255.255.0`,
    ' no ip redirects',
    ...serves.map((t) => ` lisp mobility ${eidName(t)} nbr-proxy-reply requests 3`),
    '!',
    'router lisp',
    ` locator-set ${s.router}`,
    '  IPv4-interface GigabitEthernet1 priority 10 weight 50',
    '  exit',
    ' !',
    ' eid-table default instance-id 0',
    ...serves.flatMap((t) => [`  dynamic-eid ${eidName(t)}`, `   database-mapping ${t.subnet}/24 locator-set ${s.router}`, '   exit', '  !']),
    '  exit',
    ' !',
    ...(petr ? [` ipv4 use-petr ${petr}`] : []),
    ` ipv4 itr map-resolver ${MSMR_RLOC}`,
    ' ipv4 itr',
    ` ipv4 etr map-server ${MSMR_RLOC} key ${KEY}`,
    ' ipv4 etr',
    ' exit',
    '!',
    `ip route 0.0.0.0 0.0.0.0 ${a}.${b}.${c}.1`,
    ...footer,
  ].join('\n');
}

function scenarioYaml(o: GenerateOptions, sites: Site[], hosts: Host[], pitrs: { router: string; client: string; clientIp: string }[]): string {
  const steps = o.steps ?? defaultSteps(o.hosts);
  const at = (i: number) => `${sites[i - 1].router} GigabitEthernet2`;
  const traffic: [string, string][] = [];
  hosts.forEach((h, j) => {
    if (pitrs.length) {
      const c = pitrs[j % pitrs.length].client;
      traffic.push([c, h.name], [h.name, c]);
    }
  });
  // One pair of hosts of the same subnet per site talks at L2 (the ASM ARP story, PROTOCOL.md F12).
  for (const s of sites) {
    const home = hosts.filter((h) => h.home === s.i);
    if (home.length >= 2) traffic.push([home[0].name, home[1].name], [home[1].name, home[0].name]);
  }
  // Without a PITR, hosts at different sites talk to each other instead of to a client.
  if (!pitrs.length && sites.length > 1) {
    for (let j = 0; j + 1 < hosts.length; j += 2) if (hosts[j].home !== hosts[j + 1].home) traffic.push([hosts[j].name, hosts[j + 1].name], [hosts[j + 1].name, hosts[j].name]);
  }
  return [
    `# Generated by \`${generateCommandLine(o)}\`: ${o.sites} xTR sites in across-subnet mode (one`,
    '# /24 each, anycast gateway MAC, nbr-proxy-reply), one MS/MR, ' + `${o.pitrs} PITR${o.pitrs === 1 ? '' : 's'}, ${o.hosts} hosts spread`,
    '# round-robin over the sites, each allowed to move to one or two random other sites.',
    `name: ${generatedName(o)}`,
    `description: ${o.sites} sites, ${o.hosts} hosts, ${o.pitrs} PITR${o.pitrs === 1 ? '' : 's'} (roamcheck generate, seed ${o.seed}).`,
    'routers: ["*.cfg"]',
    'hosts:',
    ...hosts.map((h) => `  - { name: ${h.name}, ip: ${h.ip}, mac: ${h.mac}, at: ${at(h.home)}, moves: [${h.moves.map(at).join(', ')}] }`),
    ...(pitrs.length ? ['clients:', ...pitrs.map((p) => `  - { name: ${p.client}, ip: ${p.clientIp}, via: ${p.router} }`)] : ['clients: []']),
    'traffic:',
    ...traffic.map(([a, b]) => `  - [${a}, ${b}]`),
    '# The mitigated design of DESIGN.md §3 (the RFC default is last-writer).',
    'registration: timestamped',
    `# steps: ${steps}: short enough for a default check (six properties x 10,000 runs) in about a minute;`,
    '# deeper runs: check --max-steps 30 --runs 300 (or --bounds steps=N).',
    `bounds: { moves: 2, losses: 1, duplicates: 0, reboots: 0, spoofs: 0, steps: ${steps}, maxLatency: 2 }`,
    '',
  ].join('\n');
}

function readme(o: GenerateOptions, sites: Site[], hosts: Host[], pitrs: number): string {
  const movers = hosts.filter((h) => h.moves.length > 0).length;
  const dyn = sites.reduce((n, s) => n + s.serves.size, 0);
  return [
    `# ${generatedName(o)}`,
    '',
    `A synthetic model written by \`${generateCommandLine(o)}\`: ${o.sites} xTR sites (\`xtr-*\`) in`,
    `across-subnet mode, one Map-Server/Map-Resolver (\`msmr\`) and ${pitrs} PITR${pitrs === 1 ? '' : 's'} (\`pitr-*\`, the first also PETR),`,
    `with ${o.hosts} hosts spread round-robin over the sites. Each site owns one /24 of 172.16.0.0/12, and each`,
    `xTR serves as dynamic-EIDs its own subnet and those of the hosts that may move to it (${dyn} dynamic-EIDs in`,
    `all), with one anycast gateway MAC and \`nbr-proxy-reply\`. ${movers} hosts may move, each to one or two`,
    'random other sites; every host talks to a client behind a PITR and back, and in each site two hosts',
    'of the same subnet talk to each other. Registrations are `timestamped` (DESIGN.md §3).',
    '',
    'The same parameters and seed always give the same files, byte for byte. Check it with',
    `\`roamcheck lint\` and \`roamcheck check\`; record the verdicts you confirm in an \`expect\` block.`,
    '',
  ].join('\n');
}
