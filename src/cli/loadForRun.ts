// Load a model for a run: read the folder (or the embedded seed lab), apply --bounds/--set,
// pick the mutant, compile. ADAPTER. Problems are diagnostics for the caller to print (exit 2).

import { diag, hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { CONFIG_CODES } from '../config/configCodes.js';
import { findMutant, MUTANTS } from '../core/mutants.js';
import { applyOverrides } from '../core/overrides.js';
import type { Scenario } from '../core/scenario.js';
import type { ModelSources } from '../config/buildScenario.js';
import { createModel, type Model } from '../core/world/model.js';
import { readModel, type ReadModelResult } from './readModel.js';

export interface RunOptions {
  bounds?: string[];
  set?: string[];
  mutant?: string;
}

export interface LoadedRun {
  model?: Model;
  scenario?: Scenario;
  /** What the trace records as the model's source. */
  source: string;
  /** Lines of facts, for lint findings (absent for an unloadable model). */
  sources?: ModelSources;
  diagnostics: Diagnostic[];
}

export function loadForRun(modelArg: string | undefined, opts: RunOptions, cwd: string): LoadedRun {
  const source = modelArg ?? 'embedded:seed-lab';
  const read = readModel(modelArg === 'embedded:seed-lab' ? undefined : modelArg, cwd);
  const diagnostics = [...read.diagnostics, ...hostless(read)];
  if (!read.scenario || hasErrors(diagnostics)) return { source, diagnostics };
  const over = applyOverrides(read.scenario, { bounds: opts.bounds, sets: opts.set });
  diagnostics.push(...over.diagnostics);
  if (opts.mutant !== undefined && !findMutant(opts.mutant)) {
    diagnostics.push(diag('error', 'RC104', `--mutant: unknown mutant "${opts.mutant}"`, { hint: `mutants: ${MUTANTS.map((m) => m.id).join(', ')}` }));
  }
  if (!over.scenario || hasErrors(diagnostics)) return { source, diagnostics };
  return { model: createModel(over.scenario, { mutant: opts.mutant ?? null }), scenario: over.scenario, source, sources: read.sources, diagnostics };
}

/**
 * A model to run needs a host: with none, nothing moves or sends and every property would hold
 * on nothing (an empty scenario.yaml once reported HOLDS). `lint` and `model` still read such a
 * folder, to check its configs.
 */
export function hostless(read: ReadModelResult): Diagnostic[] {
  if (!read.scenario || read.scenario.hosts.length > 0) return [];
  return [
    diag('error', CONFIG_CODES.noHosts, 'the scenario declares no host: there is nothing to check', {
      file: read.sources?.scenarioFile,
      line: 1,
      hint: 'add hosts: [{ name, ip, mac, at: ROUTER INTERFACE }] (DESIGN.md §5)',
    }),
  ];
}
