// Enabled actions without building them (enabled.ts `Enabled`, runSchedule.ts `pickEnabled`)
// against the list the scheduler built before (a frozen copy below) and `pick` over it: on random
// worlds of models with every kind of action (faults, spoofs, reboots, group moves, per-host move
// budgets, settle-before-move, a generated many-host model), the same list in the same order,
// and the same action for every choice number.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildScenario } from '../../src/config/buildScenario.js';
import { generateModel } from '../../src/config/generateModel.js';
import { pick, pickEnabled } from '../../src/core/explore/runSchedule.js';
import { applyOverrides } from '../../src/core/overrides.js';
import type { Scenario } from '../../src/core/scenario.js';
import { SEED_LAB } from '../../src/core/seedLab.js';
import type { Action } from '../../src/core/world/action.js';
import { enabled, enabledActions } from '../../src/core/world/enabled.js';
import { initialWorld } from '../../src/core/world/initial.js';
import { createModel, type Model } from '../../src/core/world/model.js';
import { isControlQuiet } from '../../src/core/world/quiet.js';
import { step } from '../../src/core/world/step.js';
import { attachmentKey } from '../../src/core/world/topology.js';
import type { World } from '../../src/core/world/world.js';
import { folderFiles } from '../unit/config/modelFiles.js';

/** enabledActions as it was before it was made lazy (issue 9), kept as the reference. */
function referenceEnabled(model: Model, w: World): Action[] {
  const b = model.scenario.bounds;
  const acts: Action[] = [];
  const mayMove = (host: string) => {
    const max = model.topo.hosts.get(host)?.spec.moveMax;
    return max === undefined || (w.used.hostMoves?.[host] ?? 0) < max;
  };
  const drained = (host: string) => !w.msgs.some((m) => 'fromHost' in m && m.fromHost === host);
  for (const m of w.msgs) {
    acts.push({ type: 'msg.deliver', id: m.id });
    if (w.used.losses < b.losses) acts.push({ type: 'msg.drop', id: m.id });
    if (w.used.duplicates < b.duplicates) acts.push({ type: 'msg.duplicate', id: m.id });
  }
  if (w.timers.length > 0 && w.used.timerExpiries < b.timerExpiries) {
    let earliest = Infinity;
    for (const t of w.timers) if (t.deadline < earliest) earliest = t.deadline;
    if (!w.msgs.some((m) => earliest > m.sentAt + model.maxLatencyMs)) for (const t of w.timers.filter((x) => x.deadline === earliest)) acts.push({ type: 'timer.expire', key: t.key });
  }
  if (w.used.sends < (b.sends ?? Infinity)) for (const [src, dst] of model.scenario.traffic) acts.push({ type: 'host.send', src, dst });
  if (!b.settleBeforeMove || isControlQuiet(w)) {
    for (const [name, h] of model.topo.hosts) {
      if (w.used.moves < b.moves && mayMove(name) && drained(name)) {
        for (const place of h.places) {
          const to = attachmentKey(place);
          if (to !== w.hostAt[name]) acts.push({ type: 'host.move', host: name, to });
        }
      }
    }
    for (const g of model.scenario.together ?? []) {
      if (w.used.moves + g.moves.length > b.moves) continue;
      const moves = g.moves.map((m) => ({ host: m.host, to: attachmentKey(m.to) }));
      if (moves.every((m) => m.to !== w.hostAt[m.host] && mayMove(m.host) && drained(m.host))) acts.push({ type: 'hosts.move', moves });
    }
  }
  if (w.used.garps < (b.garps ?? Infinity)) for (const name of model.topo.hosts.keys()) acts.push({ type: 'host.garp', host: name });
  if (w.used.reboots < b.reboots) {
    for (const r of model.topo.routers.values()) {
      if (r.spec.itr || r.spec.etr) acts.push({ type: 'xtr.reboot', router: r.name });
      if (r.spec.ms) acts.push({ type: 'ms.restart', router: r.name });
    }
  }
  if (w.used.spoofs < b.spoofs && [...model.topo.routers.values()].some((r) => r.spec.ms)) {
    for (const h of model.topo.hosts.values()) acts.push({ type: 'spoof.register', eid: h.eid });
  }
  return acts;
}

const FAULTS = 'moves=4,losses=2,duplicates=2,reboots=1,spoofs=1,garps=2,timerExpiries=6';
const bounded = (s: Scenario, bounds: string, sets: string[] = []) => applyOverrides(s, { bounds: [bounds], sets }).scenario!;
const swap = buildScenario({ dir: 'models/swap', files: folderFiles('models/swap') }).scenario!;
const generated = buildScenario({ dir: 'generated-4x12', files: generateModel({ sites: 4, hosts: 12, pitrs: 1, seed: 2 }).map((f) => ({ path: f.name, text: f.text })) }).scenario!;
const models: [string, Model][] = [
  ['seed lab, every fault', createModel(bounded(SEED_LAB, FAULTS))],
  ['seed lab, settle before move', createModel({ ...bounded(SEED_LAB, FAULTS), bounds: { ...bounded(SEED_LAB, FAULTS).bounds, settleBeforeMove: true } })],
  ['swap: group moves, per-host budgets', createModel(bounded(swap, 'moves=3,losses=1,duplicates=1,spoofs=1'))],
  // Asynchronous L2 leaves hosts' frames in flight: hosts that may not move (not drained).
  ['swap, async L2', createModel({ ...bounded(swap, 'moves=3,losses=1,spoofs=1'), l2: 'async' })],
  ['generated 4x12, async L2', createModel({ ...bounded(generated, 'moves=6,losses=1,garps=3'), l2: 'async' })],
  ['generated 4x12', createModel(bounded(generated, 'moves=6,losses=1,garps=3'))],
];

describe('enabled (lazy) and pickEnabled', () => {
  for (const [name, model] of models) {
    it(`should list the reference's actions and pick its action for every choice (${name})`, () => {
      fc.assert(
        fc.property(fc.array(fc.nat(), { maxLength: 50 }), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (walk, choices) => {
          let w = initialWorld(model);
          for (const n of walk) {
            const ref = referenceEnabled(model, w);
            const e = enabled(model, w);
            expect(e.count).toBe(ref.length);
            // Key order too: actions are saved in traces as JSON.
            expect(JSON.stringify(enabledActions(model, w))).toBe(JSON.stringify(ref));
            for (const c of [...choices, n, n * 4 + 3, n * 4 + 2]) expect(JSON.stringify(pickEnabled(e, c))).toBe(JSON.stringify(pick(ref, c)));
            if (ref.length === 0) break;
            w = step(model, w, ref[n % ref.length], false).world;
          }
        }),
        { seed: 9, numRuns: 100 },
      );
    });
  }
});
