// Vacuity (DESIGN.md §3): did a property judge anything in a whole check? Wraps a property so
// every monitor step, in every run or explored transition, feeds one accumulator.
// PURE: the accumulator is local to one check of one property; verdicts never depend on it.

import type { Property, Vacuity } from '../properties/property.js';
import type { Model } from '../world/model.js';

export interface VacuityWatch<S> {
  /** The same property, its steps observed. Use it for exploration only. */
  property: Property<S>;
  /** Undefined when the property judged something (or does not report vacuity), else why not. */
  result(): string | undefined;
}

/** What a property's steps showed: whether any judged, and the furthest vacuity stage reached (null: none, or no `vacuity`). */
export interface VacuityRecord {
  judged: boolean;
  best: Vacuity | null;
}

/**
 * Observe a property's `judged` flags and `vacuity` stages. Exhaustive search sees every
 * transition (deduplicated states included, since the wrapper runs before dedup), so stages
 * need not enter the monitor's key: they never change what the monitor reports. The record keeps
 * the stage as well as the reason, so records of ranges of runs fold (cli/recordVacuity.ts).
 */
export function recordVacuity<S>(p: Property<S>): { property: Property<S>; result(): VacuityRecord } {
  // Without `vacuity` a property is never vacuous: count it as having judged.
  if (!p.vacuity) return { property: p, result: () => ({ judged: true, best: null }) };
  const vacuity = p.vacuity.bind(p);
  let judged = false;
  let best: Vacuity | null = null;
  // The state (and model) last read: a step that returns its monitor state unchanged (most steps
  // of most monitors) reaches no stage it had not reached, so it is not read again (vacuity is a
  // function of the two; furthest keeps the earlier of equal stages).
  let last: S | undefined;
  let lastModel: Model | undefined;
  const property: Property<S> = {
    ...p,
    init(model, world) {
      const s = p.init(model, world);
      if (!judged) {
        best = furthest(best, vacuity(s, model));
        last = s;
        lastModel = model;
      }
      return s;
    },
    step(s, ctx) {
      const r = p.step(s, ctx);
      if (r.judged) {
        judged = true;
        // Nothing is left to watch: the property's own methods are called from now on, a call
        // fewer per monitor step for the rest of the check.
        property.init = p.init.bind(p);
        property.step = p.step.bind(p);
      } else if (!judged && !(r.state === last && ctx.model === lastModel)) {
        best = furthest(best, vacuity(r.state, ctx.model));
        last = r.state;
        lastModel = ctx.model;
      }
      return r;
    },
  };
  return { property, result: () => ({ judged, best }) };
}

/** The reason a whole check of `p` judged nothing, from its record. */
export function watchVacuity<S>(p: Property<S>): VacuityWatch<S> {
  if (!p.vacuity) return { property: p, result: () => undefined };
  const rec = recordVacuity(p);
  return {
    property: rec.property,
    result: () => {
      const r = rec.result();
      return r.judged ? undefined : (r.best?.reason ?? 'the property judged nothing');
    },
  };
}

/** The higher stage; on a tie the earlier one, as a single pass over the runs keeps it. */
export function furthest(a: Vacuity | null, b: Vacuity | null): Vacuity | null {
  if (!b) return a;
  return !a || b.stage > a.stage ? b : a;
}
