// Vacuity (DESIGN.md §3): did a property judge anything in a whole check? Wraps a property so
// every monitor step, in every run or explored transition, feeds one accumulator.
// PURE: the accumulator is local to one check of one property; verdicts never depend on it.

import type { Property, Vacuity } from '../properties/property.js';

export interface VacuityWatch<S> {
  /** The same property, its steps observed. Use it for exploration only. */
  property: Property<S>;
  /** Undefined when the property judged something (or does not report vacuity), else why not. */
  result(): string | undefined;
}

/**
 * Observe a property's `judged` flags and `vacuity` stages. Exhaustive search sees every
 * transition (deduplicated states included, since the wrapper runs before dedup), so stages
 * need not enter the monitor's key: they never change what the monitor reports.
 */
export function watchVacuity<S>(p: Property<S>): VacuityWatch<S> {
  if (!p.vacuity) return { property: p, result: () => undefined };
  const vacuity = p.vacuity.bind(p);
  let judged = false;
  let best: Vacuity | undefined;
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
  return { property, result: () => (judged ? undefined : best?.reason ?? 'the property judged nothing') };
}

function furthest(a: Vacuity | undefined, b: Vacuity): Vacuity {
  return !a || b.stage > a.stage ? b : a;
}
