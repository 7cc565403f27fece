// `roamcheck check MODEL --compare KEY=VALUE` / `--against OTHER_MODEL`: run the same suite with
// the same options and seeds on a model and on its variant, print one table (property, before,
// after, fixed / broken / unchanged) and the counterexample of anything newly broken; exit 1 when
// the variant breaks a property the original held (issue 10). ADAPTER: files, clock, stdout.

import { check, type CheckOptions, type CheckReport } from '../core/check/check.js';
import { compareReports, type ComparisonRow } from '../core/check/compare.js';
import { createModel } from '../core/world/model.js';
import { applyConfigSwitch, isConfigSwitch } from '../core/variant.js';
import type { Property } from '../core/properties/property.js';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { NO_PAINT, renderCheckText, type Paint } from '../render/checkText.js';
import type { CheckArgs } from './checkCommand.js';
import { saveTrace, toJson } from './checkCommand.js';
import type { ViolationExtras } from '../render/checkText.js';
import { fail } from './fail.js';
import type { Io } from './io.js';
import { loadForRun, type LoadedRun } from './loadForRun.js';
import { VERSION } from './version.js';

export interface CompareSide {
  label: string;
  run: LoadedRun;
  args: CheckArgs;
}

/** The two sides: the model as given, and the variant (another model, or the same with KEY=VALUE). */
export function loadSides(model: string | undefined, args: CheckArgs, cwd: string): { sides?: [CompareSide, CompareSide]; diagnostics: Diagnostic[] } {
  const base = loadForRun(model, args, cwd);
  if (!base.model) return { diagnostics: base.diagnostics };
  const name = base.model.scenario.name;
  if (args.against !== undefined) {
    const other = loadForRun(args.against, args, cwd);
    if (!other.model) return { diagnostics: other.diagnostics };
    return {
      sides: [
        { label: name, run: base, args },
        { label: other.model.scenario.name, run: other, args },
      ],
      diagnostics: [],
    };
  }
  const pairs = args.compare ?? [];
  const sets: string[] = [];
  const switches: [string, string][] = [];
  for (const kv of pairs) {
    const at = kv.indexOf('=');
    if (at <= 0) return { diagnostics: [diag('error', 'RC119', `--compare must be KEY=VALUE, got "${kv}"`, { hint: 'e.g. --compare registration=timestamped or --compare nbr-proxy-reply=on' })] };
    const [k, v] = [kv.slice(0, at), kv.slice(at + 1)];
    if (isConfigSwitch(k)) switches.push([k, v]);
    else sets.push(kv);
  }
  const variantArgs: CheckArgs = { ...args, set: [...(args.set ?? []), ...sets] };
  let variant = loadForRun(model, variantArgs, cwd);
  if (!variant.model) return { diagnostics: variant.diagnostics };
  for (const [k, v] of switches) {
    const r = applyConfigSwitch(variant.scenario!, k, v);
    if (!r.scenario) return { diagnostics: r.diagnostics };
    variant = { ...variant, scenario: r.scenario, model: createModel(r.scenario, { mutant: args.mutant ?? null }) };
  }
  return {
    sides: [
      { label: name, run: base, args },
      { label: `${name} + ${pairs.join(' ')}`, run: variant, args: variantArgs },
    ],
    diagnostics: [],
  };
}

export function compareRun(
  model: string | undefined,
  args: CheckArgs,
  properties: Property<any>[],
  given: Omit<CheckOptions, 'clock' | 'onProperty' | 'maxSteps'> & { maxSteps?: number },
  traceDir: string,
  io: Io,
  paint: Paint = NO_PAINT,
): number {
  const loaded = loadSides(model, args, io.cwd);
  if (!loaded.sides) return fail(loaded.diagnostics, io);
  // Both sides run the same options and seeds; `--max-steps` defaults to the model's own bound.
  const options = { ...given, maxSteps: given.maxSteps ?? loaded.sides[0].run.model!.scenario.bounds.steps };
  const reports = loaded.sides.map((side) => check(side.run.model!, properties, { ...options, clock: () => performance.now() })) as [CheckReport, CheckReport];
  const o = { seed: options.seed, maxSteps: options.maxSteps, depth: options.depth, exhaustive: options.mode === 'exhaustive', dir: traceDir };
  const extras = loaded.sides.map((side, k) => {
    const saved: Record<string, ViolationExtras> = {};
    for (const p of reports[k].properties) if (p.counterexample) saved[p.id] = saveTrace(p, reports[k].mutant, side.run, side.args, { ...o, prefix: k === 0 ? 'before-' : 'after-' }, io);
    return saved;
  });
  const rows = compareReports(reports[0], reports[1]);
  const broken = rows.filter((r) => r.change === 'broken');
  if (args.json) {
    const doc = {
      tool: 'roamcheck',
      version: VERSION,
      comparison: { before: loaded.sides[0].label, after: loaded.sides[1].label, rows },
      before: toJson(reports[0], extras[0], loaded.sides[0].run.diagnostics),
      after: toJson(reports[1], extras[1], loaded.sides[1].run.diagnostics),
    };
    io.out(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.out(renderComparison(loaded.sides[0].label, loaded.sides[1].label, rows, options, paint));
    if (broken.length) {
      const only = { ...reports[1], properties: reports[1].properties.filter((p) => broken.some((b) => b.id === p.id)) };
      io.out(`\nnewly broken in ${loaded.sides[1].label}:\n`);
      io.out(renderCheckText(only, extras[1], paint));
    }
  }
  return broken.length ? 1 : 0;
}

function renderComparison(before: string, after: string, rows: ComparisonRow[], o: Pick<CheckOptions, 'mode' | 'depth' | 'seed' | 'runs'>, paint: Paint): string {
  const mode = o.mode === 'exhaustive' ? `exhaustive, depth ${o.depth}` : `random, seed ${o.seed}, ${o.runs} runs`;
  const w = Math.max(8, ...rows.map((r) => r.id.length));
  const colour = (c: ComparisonRow['change']) => (c === 'broken' ? paint.red(c) : c === 'fixed' ? paint.green(c) : c);
  const lines = [
    `roamcheck: compare ${before} (before) with ${after} (after), ${mode}`,
    '',
    `  ${'property'.padEnd(w)}  ${'before'.padEnd(9)}  ${'after'.padEnd(9)}  change`,
    ...rows.map((r) => `  ${r.id.padEnd(w)}  ${r.before.padEnd(9)}  ${r.after.padEnd(9)}  ${colour(r.change)}`),
    '',
    `${rows.filter((r) => r.change === 'fixed').length} fixed, ${rows.filter((r) => r.change === 'broken').length} broken, ${rows.filter((r) => r.change === 'unchanged').length} unchanged, ${rows.filter((r) => r.change === 'changed').length} changed otherwise`,
  ];
  return lines.join('\n') + '\n';
}
