// World steps actually taken while a function runs: transactions finished (tx.ts), counted by
// wrapping Tx.prototype.finish for the duration. For the bench and the tests only: reports count
// each property's own steps, and a world step shared by several properties is one here.

import { worldFingerprint } from '../src/core/world/key.js';
import { Tx } from '../src/core/world/tx.js';

export function countWorldSteps<T>(f: () => T): { value: T; steps: number } {
  return watchWorldSteps(f, () => {});
}

/**
 * World steps taken and how many distinct worlds (by fingerprint, key.ts) they reached: how often
 * a random check comes back to a world it has stepped to before, which bounds what a memo of world
 * transitions (world, action) -> successor could save it (issue 9).
 */
export function countDistinctWorlds<T>(f: () => T): { value: T; steps: number; distinct: number } {
  const seen = new Set<number>();
  const r = watchWorldSteps(f, (w) => seen.add(worldFingerprint(w)));
  return { ...r, distinct: seen.size };
}

function watchWorldSteps<T>(f: () => T, each: (w: ReturnType<Tx['finish']>) => void): { value: T; steps: number } {
  const finish = Tx.prototype.finish;
  let steps = 0;
  Tx.prototype.finish = function (this: Tx) {
    steps++;
    const w = finish.call(this);
    each(w);
    return w;
  };
  try {
    return { value: f(), steps };
  } finally {
    Tx.prototype.finish = finish;
  }
}
