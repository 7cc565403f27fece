// The seed lab's move, simulated, against what the real lab printed (test/fixtures/seed): the
// phrases, addresses and their order are read from the fixtures, not retyped here. Then the
// intra-subnet failure of the seed (web2 -> vm1 after the move) and its recovery by proxy ARP.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScriptOp, type ScriptOp } from '../../../src/core/explore/script.js';
import { simulate, type SimulateResult } from '../../../src/core/explore/simulate.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { createModel, type Model } from '../../../src/core/world/model.js';
import type { Observation } from '../../../src/core/world/observation.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/seed/${name}`, import.meta.url), 'utf8');

// ---- what the real lab printed ---------------------------------------------------------------

/** The old xTR's `debug lisp` output: message texts without the timestamp and facility. */
function debugLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.startsWith('*'))
    .map((l) => l.replace(/^\*\w+\s+\d+\s+[\d:.]+:\s+LISP(-\d+)?:\s+/, ''));
}

/** The one debug line matching `re`, with its position in the log. */
function pick(lines: readonly string[], re: RegExp): { at: number; m: RegExpMatchArray } {
  const hits = lines.flatMap((l, at) => {
    const m = l.match(re);
    return m ? [{ at, m }] : [];
  });
  expect(hits, `exactly one fixture line matches ${re}`).toHaveLength(1);
  return hits[0];
}

const DEBUG = debugLines(fixture('debug-old-xtr.log'));
const RAW_DEBUG = fixture('debug-old-xtr.log');
const notifyIn = pick(DEBUG, /^(Processing received Map-Notify message from (\S+) to (\S+))$/);
const record = pick(DEBUG, /^(Processing Map-Notify mapping record for IID 0 (\S+)\/32, ttl (\d+)),/);
const SEED = {
  ms: notifyIn.m[2],
  oldRloc: notifyIn.m[3],
  eid: record.m[2],
  /** The locator listed under the Map-Notify record (the new registration). */
  newRloc: RAW_DEBUG.match(/1 locator\s*\n\s+(\d+\.\d+\.\d+\.\d+) pri\/wei/)![1],
  smrTo: pick(DEBUG, /Send SMR map-request for \S+ to (\S+?)\.$/).m[1],
  client: pick(DEBUG, /Sending probe map-request from \S+ to \S+ for EID (\S+)\/32/).m[1],
};

/** Phrases the old xTR printed from the Map-Notify to the SMR, in the log's order. */
const OLD_XTR_PHRASES = [
  notifyIn,
  record,
  pick(DEBUG, /(Map-Notify does not contain our locator)/),
  pick(DEBUG, /^(DynEID IID 0 \S+) \[[^\]]+\] (Moved away\.)$/),
  pick(DEBUG, /^(DynEID IID 0 \S+) \[[^\]]+\] (Delete\.)$/),
  pick(DEBUG, /(Received ping 100% -> 0% ok event, deleting\.)/),
  pick(DEBUG, /(Send SMR map-request for \S+ to \S+?)\.$/),
  pick(DEBUG, /(Sending probe map-request from \S+ to \S+ for EID \S+)/),
]
  .sort((a, b) => a.at - b.at)
  .map(({ m }) => (m[0].startsWith('DynEID') ? [m[1], m[2]] : [m[1]]));

/** `show ip lisp map-cache` on the core after the move. */
function mapCacheEntry(text: string) {
  const head = text.match(/^(\S+), uptime: \S+, expires: (\d+):(\d+):(\d+), (via map-reply), (complete)/m)!;
  const locator = text.match(/^\s+(\d+\.\d+\.\d+\.\d+)\s+\S+\s+up\s/m)!;
  const remaining = Number(head[2]) * 3600 + Number(head[3]) * 60 + Number(head[4]);
  // Minutes after the install, the entry has 23:54:07 left: the TTL is the next whole hour above.
  const ttlMinutes = Math.ceil(remaining / 3600) * 60;
  return { prefix: head[1], locator: locator[1], via: head[5], state: head[6], ttlMinutes };
}
const MAP_CACHE = mapCacheEntry(fixture('core-map-cache-after.txt'));
const hms = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

// ---- reading a simulation ---------------------------------------------------------------------

interface Seen {
  i: number;
  t: number;
  o: Observation;
}

function script(model: Model, texts: readonly string[]): ScriptOp[] {
  return texts.map((t) => {
    const op = parseScriptOp(model, t);
    if (!('op' in op)) throw new Error(`bad script op "${t}": ${op.message}`);
    return op;
  });
}

function observations(run: SimulateResult): Seen[] {
  return run.steps.flatMap((s) => s.obs.map((o) => ({ t: s.t, o }))).map((x, i) => ({ ...x, i }));
}

/** A cursor over observations: each `next` finds the first match after the previous one. */
function inOrder(seen: readonly Seen[]) {
  let at = -1;
  const next = (what: string, match: (o: Observation) => boolean): Seen => {
    const hit = seen.find((s) => s.i > at && match(s.o));
    expect(hit, `${what} (after observation #${at})`).toBeDefined();
    at = hit!.i;
    return hit!;
  };
  const log = (node: string, ...phrases: string[]) => next(`${node} logs ${phrases.join(' … ')}`, (o) => o.kind === 'log' && o.node === node && phrases.every((p) => o.text.includes(p)));
  return { next, log };
}

const sentPackets = (seen: readonly Seen[]) => seen.flatMap((s) => (s.o.kind === 'sent' ? [s.o.pkt] : []));
const fateOf = (seen: readonly Seen[], id: number) => seen.flatMap((s) => (s.o.kind === 'fate' && s.o.pkt.id === id ? [s.o] : []));

// ---- the tests --------------------------------------------------------------------------------

describe('simulate on the seed lab', () => {
  const model = createModel(SEED_LAB);
  const node = (address: string) => model.topo.owner.get(address)!;

  it('should read the seed fixtures', () => {
    // Assert: what the rest of this file relies on
    expect(SEED).toEqual({ ms: '10.0.3.1', oldRloc: '10.0.1.2', eid: '192.168.1.10', newRloc: '10.0.2.2', smrTo: '10.0.1.1', client: '149.149.149.2' });
    expect(OLD_XTR_PHRASES.flat()).toContain('Map-Notify does not contain our locator');
    expect(MAP_CACHE).toEqual({ prefix: '192.168.1.10/32', locator: '10.0.2.2', via: 'via map-reply', state: 'complete', ttlMinutes: 1440 });
  });

  it('should replay the move in the order the real lab logged it', () => {
    // Arrange
    const [oldXtr, newXtr, ms] = [node(SEED.oldRloc), node(SEED.newRloc), node(SEED.ms)];
    const host = model.topo.endpointByEid.get(SEED.eid)!;
    const client = model.topo.endpointByEid.get(SEED.client)!;
    const ops = script(model, [`send ${client} ${host}`, `move ${host} ${newXtr}`, `send ${host} ${client}`, `send ${client} ${host}`, `send ${client} ${host}`]);
    // Act
    const run = simulate(model, ops);
    const seen = observations(run);
    // Assert
    const s = inOrder(seen);
    // The new xTR detects the host and registers it with the MS.
    s.log(newXtr, `DynEID IID 0 ${SEED.eid}`, 'detected');
    s.log(newXtr, `Sending Map-Register for ${SEED.eid}/32 to ${SEED.ms}`);
    expect(run.steps.flatMap((st) => st.obs).filter((o) => o.kind === 'note' && o.note === 'detected')).toEqual([{ kind: 'note', actor: `dyn|${newXtr}|${SEED.eid}`, note: 'detected', data: {} }]);
    // The MS replaces the RLOC and notifies the registrant, then the previous RLOC.
    s.next(
      `${ms} replaces ${SEED.oldRloc} by ${SEED.newRloc}`,
      (o) =>
        o.kind === 'note' &&
        o.actor === `ms|${ms}|${SEED.eid}` &&
        o.note === 'installed' &&
        JSON.stringify(o.data.previous) === JSON.stringify([SEED.oldRloc]) &&
        JSON.stringify(o.data.rlocs) === JSON.stringify([SEED.newRloc]),
    );
    s.log(ms, `Sending Map-Notify for ${SEED.eid}/32 to ${SEED.newRloc}`);
    s.log(ms, `Sending Map-Notify for ${SEED.eid}/32 to ${SEED.oldRloc}`);
    // The old xTR: the real lab's lines, in the real lab's order, up to the Map-Notify's effects.
    const smrAt = OLD_XTR_PHRASES.findIndex((p) => p[0].startsWith('Send SMR'));
    for (const phrases of OLD_XTR_PHRASES.slice(0, smrAt)) s.log(oldXtr, ...phrases);
    s.next(`${oldXtr} gives ${SEED.eid} up`, (o) => o.kind === 'note' && o.actor === `dyn|${oldXtr}|${SEED.eid}` && o.note === 'moved-away');
    // The client's next packet still goes to the old RLOC, which answers with an SMR.
    s.next(`${ms} encapsulates to the stale ${SEED.oldRloc}`, (o) => o.kind === 'encap' && o.itr === ms && o.eid === SEED.eid && o.rloc === SEED.oldRloc);
    for (const phrases of OLD_XTR_PHRASES.slice(smrAt)) s.log(oldXtr, ...phrases);
    // The PITR asks the mapping system again (RFC 6830 §6.6.2) and installs the new mapping.
    s.log(ms, `Sending SMR-invoked Map-Request for ${SEED.eid}/32 to map-resolver`);
    s.log(ms, `Received Map-Reply from ${SEED.newRloc} for ${SEED.eid}/32 -> ${SEED.newRloc}`, `ttl ${MAP_CACHE.ttlMinutes} min`);
    const installed = s.next(
      `${ms} installs ${MAP_CACHE.prefix} -> ${MAP_CACHE.locator}`,
      (o) => o.kind === 'note' && o.actor === `mc|${ms}|${SEED.eid}` && o.note === 'installed' && JSON.stringify(o.data.rlocs) === JSON.stringify([MAP_CACHE.locator]),
    );
    s.log(ms, `map-cache ${MAP_CACHE.prefix} -> ${MAP_CACHE.locator}`, `expires: ${hms(MAP_CACHE.ttlMinutes)}`, MAP_CACHE.via, MAP_CACHE.state);
    // The last client packet reaches the host at its new site.
    const last = sentPackets(seen)
      .filter((p) => p.src === client)
      .at(-1)!;
    s.next(`${ms} encapsulates packet #${last.id} to ${SEED.newRloc}`, (o) => o.kind === 'encap' && o.pkt.id === last.id && o.rloc === SEED.newRloc);
    s.next(`packet #${last.id} delivered to ${host}`, (o) => o.kind === 'fate' && o.pkt.id === last.id && o.fate === 'delivered' && o.at === host);
    expect(fateOf(seen, last.id)).toHaveLength(1);
    expect(run.world.hostAt[host]).toBe(`${newXtr} GigabitEthernet2`);
    // The map-cache entry's TTL timer runs for the TTL the fixture implies.
    const ttl = run.world.timers.find((t) => t.key === `mc|${ms}|${SEED.eid}#ttl`);
    expect(ttl?.deadline).toBe(installed.t + MAP_CACHE.ttlMinutes * 60_000);
  });

  it('should drop intra-subnet traffic to a moved host: its MAC is gone from the old segment', () => {
    // Arrange
    const ops = script(model, ['send web2 vm1', 'move vm1 dcedge-2', 'send web2 vm1']);
    // Act
    const seen = observations(simulate(model, ops));
    // Assert
    const [first, second] = sentPackets(seen);
    expect(fateOf(seen, first.id)).toEqual([expect.objectContaining({ fate: 'delivered', at: 'vm1' })]);
    expect(fateOf(seen, second.id)).toEqual([expect.objectContaining({ fate: 'dropped', reason: 'no-mac-on-segment' })]);
  });

  it('should recover intra-subnet traffic through proxy ARP and LISP once web2 re-resolves', () => {
    // Arrange
    const ops = script(model, ['send web2 vm1', 'move vm1 dcedge-2', 'send web2 vm1', 'send vm1 client', 'wait 40', 'send web2 vm1', 'wait 10', 'send web2 vm1', 'wait 2', 'send web2 vm1']);
    // Act
    const seen = observations(simulate(model, ops));
    // Assert
    const s = inOrder(seen);
    s.next('dcedge-1 gives 192.168.1.10 up', (o) => o.kind === 'note' && o.actor === 'dyn|dcedge-1|192.168.1.10' && o.note === 'moved-away');
    s.log('dcedge-1', 'proxy ARP reply for 192.168.1.10');
    const last = sentPackets(seen).at(-1)!;
    expect(last).toMatchObject({ src: 'web2', dst: 'vm1' });
    s.next(`dcedge-1 encapsulates packet #${last.id} to 10.0.2.2`, (o) => o.kind === 'encap' && o.itr === 'dcedge-1' && o.pkt.id === last.id && o.rloc === '10.0.2.2');
    s.next(`packet #${last.id} delivered to vm1`, (o) => o.kind === 'fate' && o.pkt.id === last.id && o.fate === 'delivered' && o.at === 'vm1');
    expect(fateOf(seen, last.id)).toHaveLength(1);
  });
});
