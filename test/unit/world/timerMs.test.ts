// timerMs (model.ts): a router interface's ARP timeout is per interface and per model. An actor
// ref remembers the last model's answer (issue 9), and refs are shared by every model in the
// process, so one ref asked under two models in turn must get each model's own length.

import { describe, expect, it } from 'vitest';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { routerArpRef } from '../../../src/core/world/dataplane.js';
import { createModel, timerMs } from '../../../src/core/world/model.js';

describe('timerMs', () => {
  it("should give each model its interface's ARP timeout, whichever model asked last", () => {
    const router = SEED_LAB.routers.find((r) => r.interfaces.length > 0)!;
    const iface = router.interfaces[0];
    const a = createModel(SEED_LAB);
    const shorter = { ...SEED_LAB, routers: SEED_LAB.routers.map((r) => (r === router ? { ...r, interfaces: r.interfaces.map((i) => (i === iface ? { ...i, arpTimeout: 60 } : i)) } : r)) };
    const b = createModel(shorter);
    const ref = routerArpRef(router.name, iface.name, '192.0.2.1');
    const after = { timer: 'routerArpTimeout' } as const;
    for (let k = 0; k < 3; k++) {
      expect(timerMs(a, ref, after)).toBe(iface.arpTimeout * 1000);
      expect(timerMs(b, ref, after)).toBe(60_000);
    }
    // Another interface of the same model keeps its own length.
    const other = SEED_LAB.routers.flatMap((r) => r.interfaces.map((i) => ({ r, i }))).find(({ i }) => i !== iface)!;
    expect(timerMs(b, routerArpRef(other.r.name, other.i.name, '192.0.2.1'), after)).toBe(other.i.arpTimeout * 1000);
  });
});
