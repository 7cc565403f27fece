// A message's hash (key.ts msgLanes, written out per variant) must read every field but the ids:
// a field it skipped would merge states that differ in it. Messages met on random walks over every
// model in models/ (asynchronous L2; spoofs, duplicates and gratuitous ARPs allowed) are changed
// one field at a time: each change must change the hash (a type no variant has is refused), and a
// change of id or packet id must not.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/mulberry32.js';
import { enabled } from '../../../src/core/world/enabled.js';
import { initialWorld } from '../../../src/core/world/initial.js';
import { msgLanes } from '../../../src/core/world/key.js';
import { step } from '../../../src/core/world/step.js';
import type { Msg, MsgType } from '../../../src/core/world/world.js';
import { loadModelDir } from './loadModelDir.js';

const MODELS = readdirSync('models', { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => join('models', d.name));

/** A different value of the same field: what a state differing only there would hold. */
function other(v: unknown): unknown {
  if (typeof v === 'string') return `${v}x`;
  if (typeof v === 'number') return v + 1;
  if (typeof v === 'boolean') return !v;
  if (Array.isArray(v)) return [...v, 'x'];
  return 'x'; // undefined: present now
}

/** Messages in flight along random walks, a few of each type per model (asynchronous L2, so that frames and ARPs are in flight between steps). */
function messagesOf(dir: string): Msg[] {
  const model = loadModelDir(dir, ['spoofs=1,duplicates=1,garps=2,moves=2,losses=1'], { set: ['l2=async'] });
  const rnd = mulberry32(7);
  const perType = new Map<MsgType, number>();
  const out: Msg[] = [];
  for (let run = 0; run < 200; run++) {
    let w = initialWorld(model);
    for (let i = 0; i < 60; i++) {
      const e = enabled(model, w);
      if (e.count === 0) break;
      w = step(model, w, e.at(Math.floor(rnd() * e.count)), false).world;
      for (const m of w.msgs) {
        const n = perType.get(m.type) ?? 0;
        if (n < 4) {
          perType.set(m.type, n + 1);
          out.push(m);
        }
      }
    }
  }
  return out;
}

describe('message hash', () => {
  const seen = new Set<MsgType>();
  it.each(MODELS)('reads every field of the messages of %s', (dir) => {
    const msgs = messagesOf(dir);
    expect(msgs.length).toBeGreaterThan(0);
    for (const m of msgs) {
      seen.add(m.type);
      const base = msgLanes(m).join();
      expect(msgLanes({ ...m, id: m.id + 1000 } as Msg).join(), `${m.type}: the id`).toBe(base);
      for (const k of Object.keys(m)) {
        if (k === 'id') continue;
        // A type no variant has is refused, never hashed like the message it came from.
        if (k === 'type') {
          expect(() => msgLanes({ ...m, type: other(m.type) } as Msg), `${m.type}: the type`).toThrow(/no fold/);
          continue;
        }
        if (k === 'pkt') {
          const pkt = (m as { pkt: Record<string, unknown> }).pkt;
          expect(msgLanes({ ...m, pkt: { ...pkt, id: (pkt.id as number) + 1000 } } as Msg).join(), `${m.type}: the packet id`).toBe(base);
          for (const f of ['src', 'dst', 'srcIp', 'dstIp', 'iid']) expect(msgLanes({ ...m, pkt: { ...pkt, [f]: other(pkt[f]) } } as Msg).join(), `${m.type}: pkt.${f}`).not.toBe(base);
          continue;
        }
        expect(msgLanes({ ...m, [k]: other((m as unknown as Record<string, unknown>)[k]) } as Msg).join(), `${m.type}: ${k}`).not.toBe(base);
      }
    }
  });

  it('met every message type on the walks', () => {
    expect([...seen].sort()).toEqual(['arp', 'data', 'frame', 'ip', 'map-notify', 'map-notify-ack', 'map-register', 'map-reply', 'map-request', 'probe', 'probe-reply', 'smr']);
  });
});
