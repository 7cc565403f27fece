// A HelperLink whose helper shards run in the calling thread, one after the other: the parallel
// search's ranking and recounting without worker threads (the threads are test/e2e/workers.test.ts's).
// `helpersFirst`: helpers expand before the caller's shard, so they store contested states first.

import { ExhaustiveShard } from '../../../src/core/explore/exhaustiveShard.js';
import type { HelperLink } from '../../../src/core/explore/parallelExhaustive.js';
import { SharedFingerprintSet } from '../../../src/core/explore/sharedFingerprintSet.js';
import type { Property } from '../../../src/core/properties/property.js';
import type { Model } from '../../../src/core/world/model.js';

export function inThreadHelpers(model: Model, property: Property<any>, count: number): HelperLink {
  const shards = Array.from({ length: count }, () => new ExhaustiveShard(model, property));
  return {
    count,
    async expand(depth, buffers, control) {
      const set = new SharedFingerprintSet(buffers);
      return shards.map((s) => s.expand(depth, set, new Int32Array(control)));
    },
    async adopt(ranks) {
      return shards.map((s, i) => {
        s.adopt(ranks[i]);
        return s.frontierTransitions;
      });
    },
    async replay(paths, ranks) {
      return shards.map((s, i) => {
        s.replay(paths[i], ranks[i]);
        return s.frontierTransitions;
      });
    },
    async clear() {
      for (const s of shards) s.clear();
    },
  };
}
