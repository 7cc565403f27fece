// The vacuity of one range of a property's runs, as data a worker can post: whether any step
// judged, and the furthest stage reached (DESIGN.md §3). PURE. The core's watchVacuity keeps only
// the reason; ranges need the stage too, to fold them in run order into what one thread sees.

import type { Property, Vacuity } from '../core/properties/property.js';

/** What one range saw: `best` is null when nothing was reached (or the property has no vacuity). */
export interface RangeVacuity {
  judged: boolean;
  best: Vacuity | null;
}

/** The same property, its steps observed as core/check/vacuity.ts observes them. */
export function recordVacuity<S>(p: Property<S>): { property: Property<S>; result(): RangeVacuity } {
  // Without `vacuity` a property is never vacuous: count it as having judged.
  if (!p.vacuity) return { property: p, result: () => ({ judged: true, best: null }) };
  const vacuity = p.vacuity.bind(p);
  let judged = false;
  let best: Vacuity | null = null;
  const property: Property<S> = {
    ...p,
    init(model, world) {
      const s = p.init(model, world);
      if (!judged) best = furthest(best, vacuity(s, model));
      return s;
    },
    step(s, ctx) {
      const r = p.step(s, ctx);
      if (r.judged) judged = true;
      else if (!judged) best = furthest(best, vacuity(r.state, ctx.model));
      return r;
    },
  };
  return { property, result: () => ({ judged, best }) };
}

/** The higher stage; on a tie the earlier one, as a single pass over the runs keeps it. */
export function furthest(a: Vacuity | null, b: Vacuity | null): Vacuity | null {
  if (!b) return a;
  return !a || b.stage > a.stage ? b : a;
}

/** Ranges in run order folded into one: what a single pass over all their runs would record. */
export function foldVacuity(ranges: readonly RangeVacuity[]): RangeVacuity {
  return ranges.reduce((all, r) => ({ judged: all.judged || r.judged, best: furthest(all.best, r.best) }), { judged: false, best: null } as RangeVacuity);
}
