// collisionProbability: TLC's "calculated (optimistic)" estimate of the probability that a
// fingerprint collision made the search skip a state. PURE.
// TLC (ModelChecker.reportSuccess) prints d * (g - d) / 2^64 for d distinct states out of g
// generated ones: each of the g - d generated states found "already seen" could have matched one
// of the d fingerprints by accident instead. Our fingerprints carry WORLD_FINGERPRINT_BITS of the
// world (53 today), so the denominator is 2^53, not 2^64.

import { WORLD_FINGERPRINT_BITS } from './stateFingerprint.js';

/** `distinct` states stored, `generated` states produced (the initial state and every transition's target). */
export function collisionProbability(distinct: number, generated: number, bits = WORLD_FINGERPRINT_BITS): number {
  return Math.min(1, (distinct * Math.max(0, generated - distinct)) / 2 ** bits);
}
