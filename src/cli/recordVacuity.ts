// The vacuity of one range of a property's runs, as data a worker can post: whether any step
// judged, and the furthest stage reached (DESIGN.md §3). PURE. Recorded by the core's
// recordVacuity (core/check/vacuity.ts); ranges keep the stage, to fold them in run order into
// what one thread sees.

import { furthest, recordVacuity, type VacuityRecord } from '../core/check/vacuity.js';

export { recordVacuity };

/** What one range saw: `best` is null when nothing was reached (or the property has no vacuity). */
export type RangeVacuity = VacuityRecord;

/** Ranges in run order folded into one: what a single pass over all their runs would record. */
export function foldVacuity(ranges: readonly RangeVacuity[]): RangeVacuity {
  return ranges.reduce((all, r) => ({ judged: all.judged || r.judged, best: furthest(all.best, r.best) }), { judged: false, best: null } as RangeVacuity);
}
