// A model narrowed to smaller environment budgets, and its property judging as on the original
// model. PURE. Used by the search for a shorter story (storyScope.ts) and by the rungs of the
// exhaustive ladder (core/exhaustiveScope.ts).
// Why it is sound: bounds and traffic are read by enabledActions (and the state fingerprint)
// only, never by `step`, so the narrowed model enables a subset of the model's actions with the
// same effects: every schedule of it is a schedule of the model, under the model's own bounds.
// The property is wrapped to see the original model (built-in monitors read bounds.losses and
// maxLatency for their convergence bound; a user's may read anything), so a schedule violates
// in the narrowed model exactly when it violates in the model.

import type { Property } from '../properties/property.js';
import type { Bounds } from '../scenario.js';
import type { Model } from '../world/model.js';

export interface Narrowed<S> {
  model: Model;
  property: Property<S>;
}

/** `model` with `bounds` laid over its own (never above them: a caller narrows), and `property` judging on `model`. */
export function narrowScope<S>(model: Model, property: Property<S>, bounds: Partial<Bounds>): Narrowed<S> {
  const narrowed: Model = { ...model, scenario: { ...model.scenario, bounds: { ...model.scenario.bounds, ...bounds } } };
  // `this` stays the user's object; `key` is named, as a class's methods are not own properties.
  const judged: Property<S> = {
    ...property,
    init: (_m, w) => property.init(model, w),
    step: (s, ctx) => property.step(s, { ...ctx, model }),
    key: (s) => property.key(s),
  };
  return { model: narrowed, property: judged };
}
