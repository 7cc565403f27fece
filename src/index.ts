// roamcheck's public API, for users' own property files and test suites.

export { defineProperty, type Property, type StepContext, type MonitorResult, type Vacuity } from './core/properties/property.js';
export { isControlQuiet, isForgivenDrop } from './core/properties/quiet.js';
export { check, type CheckOptions, type CheckReport, type PropertyReport } from './core/check/check.js';
export { createModel, type Model } from './core/world/model.js';
export { SEED_LAB } from './core/seedLab.js';
export type { Scenario } from './core/scenario.js';
export { applyOverrides } from './core/overrides.js';
export { BUILTIN_PROPERTIES } from '../properties/index.js';
export { assertHolds, PropertyViolation } from './assertHolds.js';
export { readModel } from './cli/readModel.js';
