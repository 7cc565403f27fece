// intra-subnet-reachability-eventual and the convergence bound: a control plane that never goes
// quiet (missing-accept-more-specifics: the MS refuses the /32 and the xTR retransmits its
// Map-Register for ever, RFC 9301 §5.7) once kept every moved host "unsettled", so the property
// judged no frame after a move and held. Now the bound settles it, as for the other convergence
// properties (DESIGN.md §3), and the violation names what keeps the control plane busy.

import { describe, expect, it } from 'vitest';
import { BUILTIN_PROPERTIES } from '../../../properties/index.js';
import { readModel } from '../../../src/cli/readModel.js';
import { check } from '../../../src/core/check/check.js';
import { createModel } from '../../../src/core/world/model.js';

const property = BUILTIN_PROPERTIES.find((p) => p.id === 'intra-subnet-reachability-eventual')!;
const OPTS = { mode: 'random', runs: 300, seed: 1, maxSteps: 40, depth: 0, maxStates: 0, shortestBudget: 0 } as const;

function model(dir: string) {
  const r = readModel(dir, process.cwd());
  return createModel(r.scenario!);
}

describe('intra-subnet-reachability-eventual past the convergence bound', () => {
  it('should judge a refused registration once the bound has passed, and name the retransmission', () => {
    const r = check(model('models/missing-accept-more-specifics'), [property], OPTS).properties[0];
    expect(r.verdict).toBe('violated');
    expect(r.counterexample!.message).toMatch(/the control plane had not settled within the convergence bound: dcedge-2 keeps retransmitting its Map-Register for 192\.168\.1\.10$/);
  });

  it('should still hold where the control plane settles (seed-lab-fixed)', () => {
    const r = check(model('models/seed-lab-fixed'), [property], OPTS).properties[0];
    expect(r.verdict).toBe('holds');
    expect(r.vacuous).toBe(false);
  });
});
