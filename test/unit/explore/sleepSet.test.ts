// contentOf (sleepSet.ts) against the message's lanes hashed afresh: its cache holds one message a
// slot, by message id modulo the table's size, and must tell messages apart by identity. Messages
// met on walks of the seed lab are asked about interleaved with copies whose ids fall in the same
// slot: a copy (same content) gets the original's content, a message of other content its own.

import { describe, expect, it } from 'vitest';
import { startWorld } from '../../../src/core/explore/runSchedule.js';
import { contentOf } from '../../../src/core/explore/sleepSet.js';
import { mulberry32 } from '../../../src/core/mulberry32.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { enabledActions } from '../../../src/core/world/enabled.js';
import { addMsgLanes } from '../../../src/core/world/key.js';
import { createModel } from '../../../src/core/world/model.js';
import { step } from '../../../src/core/world/step.js';
import type { Msg, World } from '../../../src/core/world/world.js';

/** What contentOf answers, computed without its cache. */
function fresh(m: Msg): number {
  const lanes = [0, 0];
  addMsgLanes(lanes, 0, m, 1);
  return lanes[0] * 0x200000 + (lanes[1] >>> 11);
}

const asked = (m: Msg) => contentOf({ msgs: [m] } as unknown as World, { type: 'msg.deliver', id: m.id });

describe('contentOf', () => {
  it('should give each message its own content, whatever else shares its cache slot', () => {
    const model = createModel(SEED_LAB);
    const rnd = mulberry32(3);
    const seen: Msg[] = [];
    for (let walk = 0; walk < 20; walk++) {
      let w = startWorld(model);
      for (let i = 0; i < 30; i++) {
        const acts = enabledActions(model, w);
        if (acts.length === 0) break;
        w = step(model, w, acts[Math.floor(rnd() * acts.length)], false).world;
        seen.push(...w.msgs);
      }
    }
    expect(seen.length).toBeGreaterThan(50);
    let distinct = 0;
    for (let i = 0; i < seen.length; i++) {
      const m = seen[i];
      const other = seen[(i * 7 + 1) % seen.length];
      // Same slot as m (ids 1,024 and 2,048 apart): m's copy, and another message's content.
      const copy = { ...m, id: m.id + 1024 } as Msg;
      const rival = { ...other, id: m.id + 2048 } as Msg;
      for (const x of [m, rival, copy, m, copy, rival]) expect(asked(x)).toBe(fresh(x));
      expect(asked(copy)).toBe(asked(m));
      if (fresh(rival) !== fresh(m)) distinct++;
    }
    // The slot was really shared by messages of different content.
    expect(distinct).toBeGreaterThan(0);
  });

  it('should answer -1 for an action that delivers nothing in flight, and for other actions', () => {
    const model = createModel(SEED_LAB);
    const w = startWorld(model);
    expect(contentOf(w, { type: 'msg.deliver', id: 1e9 })).toBe(-1);
    expect(contentOf(w, { type: 'host.garp', host: 'vm1' } as never)).toBe(-1);
  });
});
