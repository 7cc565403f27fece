import { describe, expect, it } from 'vitest';
import { assertHolds, createModel, PropertyViolation, SEED_LAB, applyOverrides } from '../../../src/index.js';
import { eventualReachability, intraSubnetReachability, singleAuthoritativeRloc } from '../../../properties/index.js';

describe('assertHolds', () => {
  it('should pass when the property holds (timestamped seed lab, moves 1)', () => {
    // Arrange
    const s = applyOverrides(SEED_LAB, { sets: ['registration=timestamped'], bounds: ['moves=1,losses=0'] }).scenario!;
    // Act
    const report = assertHolds(createModel(s), singleAuthoritativeRloc, { runs: 500 });
    // Assert
    expect(report.verdict).toBe('holds');
    expect(report.runs).toBe(500);
  });

  it('should throw a PropertyViolation naming the seed, path and story when it does not', () => {
    // Arrange
    const s = applyOverrides(SEED_LAB, { bounds: ['moves=1,losses=0'] }).scenario!;
    // Act
    let error: unknown;
    try {
      assertHolds(createModel(s), intraSubnetReachability, { seed: 7 });
    } catch (e) {
      error = e;
    }
    // Assert
    expect(error).toBeInstanceOf(PropertyViolation);
    const message = (error as Error).message;
    expect(message).toMatch(/^intra-subnet-reachability violated: packet (web2 -> vm1|vm1 -> web2) \(same subnet\)/);
    expect(message).toMatch(/seed 7, path [\d:]+ \(roamcheck check -p intra-subnet-reachability --seed 7 --path [\d:]+\)/);
    expect(message).toMatch(/counterexample, 3 steps/);
  });

  it('should refuse a vacuous hold unless allowVacuous says so', () => {
    // With no move, eventual-reachability has nothing to judge.
    const s = applyOverrides(SEED_LAB, { bounds: ['moves=0,losses=0'] }).scenario!;
    expect(() => assertHolds(createModel(s), eventualReachability, { runs: 50 })).toThrow(/eventual-reachability: holds vacuously \(no host moved\)/);
    const report = assertHolds(createModel(s), eventualReachability, { runs: 50, allowVacuous: true });
    expect(report.vacuous).toBe(true);
  });
});
