// A World as a reader sees it: MS registrations, map-caches, dynamic-EIDs, ARP caches, host
// locations, messages in flight and pending timers, each in protocol words. PURE.
// Snapshots of consecutive steps are compared by snapshotDiff.ts; renderers never read a World.

import { describeAction, describeMsg } from './describe.js';
import { eidParts } from '../world/eid.js';
import type { Model } from '../world/model.js';
import type { Msg, World } from '../world/world.js';

export type TableKind = 'host' | 'ms' | 'mc' | 'dyn' | 'arp';

/** One entry of one node's table. */
export interface StateRow {
  table: TableKind;
  /** Who holds it: the MS or xTR, the host, or `router iface` for a router's ARP cache. */
  node: string;
  /** What it is about, as IOS prints it: `192.168.1.10/32`, `[5] 10.1.1.1`, `location`. */
  key: string;
  /** The machine's state (`registered`, `cached`, `stale`, …). */
  state: string;
  /** The entry in protocol words at this instant (`10.0.2.2, expires 24:00:00`). */
  value: string;
  /** What counts as a change: the value with countdowns replaced by their deadlines. */
  sig: string;
}

export interface InFlight {
  id: number;
  type: Msg['type'];
  from: string;
  to: string;
  text: string;
}

export interface Snapshot {
  /** Logical time, seconds. */
  t: number;
  /** Sorted by table, node, key. */
  rows: StateRow[];
  /** In send order. */
  msgs: InFlight[];
  /** Pending timers, earliest first, in words. */
  timers: string[];
}

/** The identity of a row across snapshots. */
export const rowId = (r: Pick<StateRow, 'table' | 'node' | 'key'>): string => `${r.table}|${r.node}|${r.key}`;

const TABLE_ORDER: Record<TableKind, number> = { host: 0, ms: 1, dyn: 2, mc: 3, arp: 4 };

/** An EID key (eid.ts) the way IOS prints it: the address, with `[iid] ` outside instance-id 0. */
export function eidText(eid: string): string {
  const { iid, ip } = eidParts(eid);
  return iid === 0 ? ip : `[${iid}] ${ip}`;
}

const prefixText = (eid: string) => (eid.includes('/') ? eidText(eid) : `${eidText(eid)}/32`);

/** `hh:mm:ss` left until `deadline`, as `show ip lisp map-cache` prints "expires". */
export function countdown(deadlineMs: number, nowMs: number): string {
  const s = Math.max(0, Math.round((deadlineMs - nowMs) / 1000));
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(Math.floor(s / 3600))}:${two(Math.floor(s / 60) % 60)}:${two(s % 60)}`;
}

/** The node that sent a message and the one it goes to (addresses resolved to router names). */
export function msgEnds(model: Model, m: Msg): [string, string] {
  const owner = (a: string) => model.topo.owner.get(a) ?? a;
  switch (m.type) {
    case 'ip':
      return [m.pkt.src, m.to];
    case 'frame':
    case 'arp':
      return [m.fromHost || m.seg, m.seg];
    case 'probe':
      return [m.router, m.seg];
    case 'probe-reply':
      return [m.fromHost, m.router];
    default:
      return [owner(m.src), owner(m.dst)];
  }
}

export function snapshotOf(model: Model, w: World): Snapshot {
  const rows: StateRow[] = [];
  const deadline = new Map(w.timers.map((t) => [t.key, t.deadline]));
  for (const [host, at] of Object.entries(w.hostAt)) {
    rows.push({ table: 'host', node: host, key: 'location', state: 'attached', value: at, sig: at });
  }
  for (const [id, s] of w.actors.entries()) {
    const [kind, owner, eid] = id.split('|');
    if (kind === 'ms') {
      if (s.v !== 'registered') continue;
      const value = (s.c.rlocs as string[]).join(', ');
      rows.push({ table: 'ms', node: owner, key: prefixText(eid), state: s.v, value, sig: value });
    } else if (kind === 'dyn') {
      if (s.v === 'absent') continue;
      const value = `${s.v}${s.c.probing ? ' (liveness probe out)' : ''}`;
      rows.push({ table: 'dyn', node: owner, key: eidText(eid), state: s.v, value, sig: value });
    } else if (kind === 'mc') {
      if (s.v === 'absent') continue;
      const ttl = deadline.get(`${id}#ttl`);
      const what = (s.c.rlocs as string[]).length ? (s.c.rlocs as string[]).join(', ') : s.c.action ? `negative ${s.c.action}` : '';
      const body = s.v === 'resolving' ? 'resolving' : `${what}${s.v === 'refreshing' ? ' (refreshing after SMR)' : ''}`;
      const value = ttl === undefined || s.v === 'resolving' ? body : `${body}, expires ${countdown(ttl, w.now)}`;
      rows.push({ table: 'mc', node: owner, key: prefixText(eid), state: s.v, value, sig: `${body}@${ttl ?? ''}` });
    } else if (kind === 'arp') {
      if (s.v === 'none') continue;
      // `h:HOST` or `r:ROUTER@IFACE` (model.ts parseActorId).
      const node = owner.startsWith('h:') ? owner.slice(2) : owner.slice(2).replace('@', ' ');
      const value = s.c.mac ? `${s.v} ${s.c.mac}` : s.v;
      rows.push({ table: 'arp', node, key: eidText(eid), state: s.v, value, sig: value });
    }
  }
  rows.sort(compareRows);
  const msgs = w.msgs.map((m) => {
    const [from, to] = msgEnds(model, m);
    return { id: m.id, type: m.type, from, to, text: describeMsg(m) };
  });
  const timers = [...w.timers].sort((a, b) => a.deadline - b.deadline || cmp(a.key, b.key)).map((t) => describeAction(w, { type: 'timer.expire', key: t.key }).replace(/ fires$/, ''));
  return { t: w.now / 1000, rows, msgs, timers };
}

/** Table, node, key: the order rows are listed and diffed in. */
export function compareRows(a: StateRow, b: StateRow): number {
  return TABLE_ORDER[a.table] - TABLE_ORDER[b.table] || cmp(a.node, b.node) || cmp(a.key, b.key);
}

/** Code-unit order, so output never depends on the locale. */
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
