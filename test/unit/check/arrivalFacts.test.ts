// arrivalFacts (arrival.ts) keeps the facts of the last few Arrivals objects in a ring and reads
// any other one host by host: asked about more objects than the ring holds, in any order, it
// answers what a scan of each gives (it fails if the ring answers for an object it does not hold).

import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { type Arrival, type Arrivals, arrivalFacts } from '../../../src/core/properties/arrival.js';

const arrival = fc.record({ seenAt: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }), routed: fc.constant([] as number[]), retx: fc.integer({ min: 0, max: 2 }) });
const arrivalsArb = fc.dictionary(fc.constantFrom('vm1', 'web2', 'vm3', 'srv4'), arrival as fc.Arbitrary<Arrival>, { minKeys: 1 });

function scanned(a: Arrivals) {
  const seen = Object.values(a).filter((v) => v.seenAt !== undefined);
  const earliest = Math.min(...seen.map((v) => v.seenAt!));
  return {
    seen: seen.length,
    earliest: seen.length ? earliest : Infinity,
    atEarliest: seen.filter((v) => v.seenAt === earliest).length,
    retrying: Object.keys(a)
      .filter((h) => a[h].retx > 0)
      .sort(),
  };
}

describe('arrivalFacts', () => {
  test.prop([fc.array(arrivalsArb, { minLength: 1, maxLength: 10 }), fc.array(fc.nat(), { maxLength: 60 })])(
    'should answer a scan of each object, however many are asked about in turn',
    (objects, order) => {
      for (const i of [...order, ...objects.keys()]) {
        const a = objects[i % objects.length];
        const f = arrivalFacts(a);
        expect({ ...f, retrying: [...f.retrying].sort() }).toEqual(scanned(a));
      }
    },
  );
});
