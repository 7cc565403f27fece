// recordVacuityAt: vacuity (DESIGN.md §3) recorded by one shard of the parallel exhaustive search,
// with where in the search the furthest stage was reached, so the shards' records fold into the
// single-thread search's. PURE.
// The single-thread record keeps the first state of the highest stage it meets (vacuity.ts
// `furthest`), and its reason is what the report says. Shards meet transitions in another order
// overall, but each in the single-thread order of its own, so each keeps its first highest stage
// with that step's position (depth, then key: parent rank and action index); folding by highest
// stage, then earliest position, gives the single-thread record.

import type { StepPosition } from '../explore/exhaustiveShard.js';
import type { Property, Vacuity } from '../properties/property.js';
import type { Model } from '../world/model.js';
import type { VacuityRecord } from './vacuity.js';

/** A shard's record: judged, the furthest stage, and the position of the step that first reached it. */
export interface PositionedVacuity extends VacuityRecord {
  depth: number;
  key: number;
}

/** Observe `p`'s steps as recordVacuity does, reading the position from `at` (steps marked `replaying` repeat ones already seen, and are skipped). */
export function recordVacuityAt<S>(p: Property<S>, at: StepPosition): { property: Property<S>; result(): PositionedVacuity } {
  if (!p.vacuity) return { property: p, result: () => ({ judged: true, best: null, depth: 0, key: 0 }) };
  const vacuity = p.vacuity.bind(p);
  const rec: PositionedVacuity = { judged: false, best: null, depth: 0, key: 0 };
  const see = (v: Vacuity) => {
    if (rec.best && v.stage <= rec.best.stage) return;
    rec.best = v;
    rec.depth = at.depth;
    rec.key = at.key;
  };
  // The state last read, as recordVacuity keeps it: an unchanged state reaches no new stage.
  let last: S | undefined;
  let lastModel: Model | undefined;
  const read = (s: S, model: Model) => {
    see(vacuity(s, model));
    last = s;
    lastModel = model;
  };
  const property: Property<S> = {
    ...p,
    init(model, world) {
      const s = p.init(model, world);
      if (!rec.judged && !at.replaying) read(s, model);
      return s;
    },
    step(s, ctx) {
      const r = p.step(s, ctx);
      if (at.replaying) return r;
      if (r.judged) rec.judged = true;
      else if (!rec.judged && !(r.state === last && ctx.model === lastModel)) read(r.state, ctx.model);
      return r;
    },
  };
  return { property, result: () => ({ ...rec }) };
}

/** The shards' records as the single-thread search's: judged by any, else the highest stage first reached. */
export function foldVacuityAt(records: readonly PositionedVacuity[]): VacuityRecord {
  let judged = false;
  let first: PositionedVacuity | null = null;
  for (const r of records) {
    judged ||= r.judged;
    if (!r.best) continue;
    if (!first?.best || r.best.stage > first.best.stage || (r.best.stage === first.best.stage && (r.depth < first.depth || (r.depth === first.depth && r.key < first.key)))) first = r;
  }
  return { judged, best: first?.best ?? null };
}

/** Depths a search's positions are moved by per search before it (no search is this deep). */
const SEARCH_DEPTHS = 1e9;

/**
 * `r`, recorded by a shard of the `search`th search of a climb (the exhaustive ladder's rungs, 0
 * first), placed after every position of the searches before it: one thread meets a rung's steps
 * after all of the rung before's, so a stage reached in an earlier rung comes first.
 */
export function inSearch(r: PositionedVacuity, search: number): PositionedVacuity {
  return { ...r, depth: r.depth + search * SEARCH_DEPTHS };
}
