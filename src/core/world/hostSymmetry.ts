// Interchangeable hosts (issue 9, `check --exhaustive --symmetry`): the permutations of a
// scenario's hosts that map the scenario onto itself, as renamings of the text the world is made of.
// PURE. Symmetry reduction (Ip and Dill 1996, Murphi's scalarsets; Clarke, Emerson, Jha and
// Sistla 1996): when swapping two hosts' names, addresses and MACs leaves the network, the traffic
// and the moves as they were, a world and its swapped image behave alike, so exhaustive search
// needs one of them. Two hosts are interchangeable when they hang off the same interface, may move
// to the same places on the same budget, use the same gateway and instance-id, fall in exactly the
// same configured prefixes (interface subnets, dynamic-EID ranges, database mappings, site
// prefixes, static map-cache entries), none of their names, addresses or MACs is written anywhere
// else in the scenario, and swapping them maps the traffic and the `together` groups onto
// themselves. Hosts linked by such swaps form a class, and every permutation of a class is then a
// symmetry (transpositions generate the symmetric group). Routers and sites are never renamed:
// their names, RLOCs and interfaces are written in their own configs, and a site symmetry would
// have to rename those too.

import { contains, ipNum, prefix, type Prefix } from './addr.js';
import type { HostSpec, Scenario } from '../scenario.js';

/** The characters a renamed token is made of: host names, dotted quads and Cisco MACs. */
const TOKEN = /[A-Za-z0-9._-]+/g;
const WHOLE_TOKEN = /^[A-Za-z0-9._-]+$/;

/**
 * One symmetry: host names, addresses and MACs mapped to their images. Applied to any text of the
 * world (actor ids, timer keys, machine contexts' JSON, message fields) token by token: a token is
 * a maximal run of letters, digits, `.`, `_` and `-`, and the world's texts name a host, an
 * address or a MAC only as such a whole token (`arp|h:vm1|192.168.1.10`, `192.168.1.10/32`,
 * `"0050.5600.0010"`).
 */
export class HostRenaming {
  private readonly memo = new Map<string, string>();

  constructor(
    /** Token -> image, for the tokens that move. */
    readonly tokens: ReadonlyMap<string, string>,
  ) {}

  /** `s` with every token renamed, memoised: the same ids, keys and contexts come back at every state. */
  text(s: string): string {
    let out = this.memo.get(s);
    if (out === undefined) {
      out = s.replace(TOKEN, (t) => this.tokens.get(t) ?? t);
      // Bounded like the engine's other text caches.
      if (this.memo.size >= 200_000) this.memo.clear();
      this.memo.set(s, out);
    }
    return out;
  }
}

export interface HostSymmetry {
  /** Classes of interchangeable hosts (two or more each), in scenario order. */
  classes: string[][];
  /** The order of the group searched under: the product of the blocks' factorials (1: no symmetry). */
  order: number;
  /** Every element of that group but the identity. */
  elements: HostRenaming[];
}

/** Elements of the group searched under, at most: each explored transition is fingerprinted once per element. */
export const MAX_SYMMETRY_ORDER = 24;

const symmetries = new WeakMap<Scenario, HostSymmetry>();

/**
 * The host symmetries of `scenario`, memoised. The group searched under is the product of the
 * classes' symmetric groups; past MAX_SYMMETRY_ORDER elements the largest classes are cut into
 * smaller blocks (a subgroup: still sound, it merges fewer states).
 */
export function hostSymmetry(scenario: Scenario): HostSymmetry {
  let s = symmetries.get(scenario);
  if (s === undefined) {
    s = build(scenario, MAX_SYMMETRY_ORDER);
    symmetries.set(scenario, s);
  }
  return s;
}

function build(scenario: Scenario, maxOrder: number): HostSymmetry {
  const classes = interchangeableClasses(scenario);
  const blocks = limitOrder(classes, maxOrder);
  const byName = new Map(scenario.hosts.map((h) => [h.name, h]));
  let elements: Map<string, string>[] = [new Map()];
  for (const block of blocks) {
    const next: Map<string, string>[] = [];
    for (const acc of elements)
      for (const p of permutations(block)) {
        const m = new Map(acc);
        for (const [i, from] of block.entries()) {
          const a = byName.get(from)!;
          const b = byName.get(p[i])!;
          if (a === b) continue;
          m.set(a.name, b.name);
          m.set(a.ip, b.ip);
          m.set(a.mac, b.mac);
        }
        next.push(m);
      }
    elements = next;
  }
  const moving = elements.filter((m) => m.size > 0);
  return { classes, order: moving.length + 1, elements: moving.map((m) => new HostRenaming(m)) };
}

const classesOf = new WeakMap<Scenario, string[][]>();

/** The classes of interchangeable hosts (see the header), two or more hosts each, in scenario order; memoised. */
export function interchangeableClasses(scenario: Scenario): string[][] {
  let c = classesOf.get(scenario);
  if (c === undefined) {
    c = findClasses(scenario);
    classesOf.set(scenario, c);
  }
  return c;
}

function findClasses(scenario: Scenario): string[][] {
  const reserved = reservedTokens(scenario);
  const prefixes = configuredPrefixes(scenario);
  const eligible = scenario.hosts.filter((h) => [h.name, h.ip, h.mac].every((t) => WHOLE_TOKEN.test(t) && !reserved.has(t)));
  // Hosts of one signature may be swapped as far as their own specs go; the swap must still map
  // the traffic and the groups onto themselves.
  const bySignature = new Map<string, HostSpec[]>();
  for (const h of eligible) {
    const s = signature(h, prefixes);
    bySignature.set(s, [...(bySignature.get(s) ?? []), h]);
  }
  const order = new Map(scenario.hosts.map((h, i) => [h.name, i]));
  const classes: string[][] = [];
  for (const group of bySignature.values()) {
    // Union-find over the swaps that hold: connected hosts generate the whole symmetric group.
    const parent = group.map((_, i) => i);
    const root = (i: number): number => {
      while (parent[i] !== i) i = parent[i];
      return i;
    };
    for (let i = 0; i < group.length; i++) for (let j = i + 1; j < group.length; j++) if (root(i) !== root(j) && swapPreserves(scenario, group[i].name, group[j].name)) parent[root(j)] = root(i);
    const byRoot = new Map<number, string[]>();
    for (let i = 0; i < group.length; i++) byRoot.set(root(i), [...(byRoot.get(root(i)) ?? []), group[i].name]);
    for (const c of byRoot.values()) if (c.length > 1) classes.push(c);
  }
  return classes.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

/** Every token the scenario writes outside its hosts' own specs: a host named or addressed there is special, not interchangeable. */
function reservedTokens(scenario: Scenario): Set<string> {
  const { routers, clients, segments, name } = scenario;
  return new Set(JSON.stringify({ routers, clients, segments, name }).match(TOKEN) ?? []);
}

/** Every prefix the configs name: which of them hold a host's address is part of its signature. */
function configuredPrefixes(scenario: Scenario): Prefix[] {
  const out: Prefix[] = [];
  for (const r of scenario.routers) {
    for (const i of r.interfaces) {
      if (i.address !== undefined && i.prefixLength !== undefined) out.push(prefix(`${i.address}/${i.prefixLength}`));
      for (const s of i.secondary) out.push(prefix(`${s.address}/${s.prefixLength}`));
    }
    for (const d of r.dynamicEids) out.push(prefix(d.prefix));
    for (const d of r.databaseMappings) out.push(prefix(d.prefix));
    for (const s of r.sites) for (const p of s.prefixes) out.push(prefix(p.prefix));
    for (const m of r.staticMapCache) out.push(prefix(m.prefix));
  }
  return out;
}

/** What a swap must keep of a host: where it is and may go, its budget, gateway, subnet length, table, and the prefixes that hold its address. */
function signature(h: HostSpec, prefixes: readonly Prefix[]): string {
  const ip = ipNum(h.ip);
  const moves = h.moves.map((m) => `${m.router} ${m.iface}`).sort();
  const within = prefixes.map((p) => (contains(p, ip) ? 1 : 0)).join('');
  return JSON.stringify([`${h.at.router} ${h.at.iface}`, moves, h.moveMax ?? null, h.gateway, h.prefixLength, h.instanceId ?? 0, within]);
}

/** Whether swapping hosts `a` and `b` maps the traffic flows and the `together` groups onto themselves. */
function swapPreserves(scenario: Scenario, a: string, b: string): boolean {
  const swap = (n: string) => (n === a ? b : n === b ? a : n);
  const flows = (map: (n: string) => string) =>
    scenario.traffic
      .map(([s, d]) => `${map(s)}>${map(d)}`)
      .sort()
      .join('\n');
  const groups = (map: (n: string) => string) =>
    (scenario.together ?? [])
      .map((g) =>
        g.moves
          .map((m) => `${map(m.host)}:${m.to.router} ${m.to.iface}`)
          .sort()
          .join(','),
      )
      .sort()
      .join('\n');
  return flows((n) => n) === flows(swap) && groups((n) => n) === groups(swap);
}

/** Classes cut into blocks until the product of the blocks' factorials is at most `maxOrder`. */
function limitOrder(classes: readonly string[][], maxOrder: number): string[][] {
  let blocks = classes.map((c) => [...c]);
  const orderOf = (bs: readonly string[][]) => bs.reduce((n, b) => n * factorial(b.length), 1);
  while (orderOf(blocks) > maxOrder) {
    // Halve the largest block; a block of one is no symmetry and is dropped.
    const i = blocks.reduce((best, b, k) => (b.length > blocks[best].length ? k : best), 0);
    const b = blocks[i];
    const half = Math.ceil(b.length / 2);
    blocks = [...blocks.slice(0, i), b.slice(0, half), b.slice(half), ...blocks.slice(i + 1)].filter((x) => x.length > 1);
  }
  return blocks;
}

function factorial(n: number): number {
  return n <= 1 ? 1 : n * factorial(n - 1);
}

/** Every permutation of `xs`, the identity first. */
function permutations(xs: readonly string[]): string[][] {
  if (xs.length <= 1) return [[...xs]];
  const out: string[][] = [];
  for (let i = 0; i < xs.length; i++) for (const rest of permutations([...xs.slice(0, i), ...xs.slice(i + 1)])) out.push([xs[i], ...rest]);
  return out;
}
