// World steps actually taken while a function runs: transactions finished (tx.ts), counted by
// wrapping Tx.prototype.finish for the duration. For the bench and the tests only: reports count
// each property's own steps, and a world step shared by several properties is one here.

import { Tx } from '../src/core/world/tx.js';

export function countWorldSteps<T>(f: () => T): { value: T; steps: number } {
  const finish = Tx.prototype.finish;
  let steps = 0;
  Tx.prototype.finish = function (this: Tx) {
    steps++;
    return finish.call(this);
  };
  try {
    return { value: f(), steps };
  } finally {
    Tx.prototype.finish = finish;
  }
}
