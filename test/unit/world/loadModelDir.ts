// Test helper: a model folder (configs and scenario.yaml) as a Model, with `--bounds` groups.
import { loadForRun } from '../../../src/cli/loadForRun.js';
import type { Model } from '../../../src/core/world/model.js';

export function loadModelDir(dir: string, bounds: string[] = [], opts: { mutant?: string; set?: string[] } = {}): Model {
  const r = loadForRun(dir, { bounds, set: opts.set, mutant: opts.mutant }, process.cwd());
  if (!r.model) throw new Error(`${dir}: ${JSON.stringify(r.diagnostics)}`);
  return r.model;
}
