// `roamcheck check [MODEL...]`: run the property suite, print the report (text or --json), save
// counterexample traces, exit 0/1/2 (DESIGN.md §6). ADAPTER: files, clock, stdout.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { lintScenario } from '../config/lint.js';
import { assembleReport, check, expectedForm, type CheckOptions, type CheckReport, type PropertyReport } from '../core/check/check.js';
import { diag, formatDiagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Property } from '../core/properties/property.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../core/trace/trace.js';
import { checkInWorkers } from './checkPool.js';
import { compareRun } from './compareRun.js';
import { parseOptions } from './cliOptions.js';
import { loadProperties } from './loadProperties.js';
import { NO_PAINT, renderCheckText, type Paint, type ViolationExtras } from '../render/checkText.js';
import { renderCoverageText } from '../render/coverageText.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { loadForRun, type LoadedRun, type RunOptions } from './loadForRun.js';
import { VERSION } from './version.js';

export interface CheckArgs extends RunOptions {
  property?: string[];
  properties?: string[];
  runs?: string;
  seed?: string;
  maxSteps?: string;
  path?: string;
  exhaustive?: boolean;
  depth?: string;
  maxStates?: string;
  timeLimit?: string;
  json?: boolean;
  traceDir?: string;
  expect?: boolean;
  strict?: boolean;
  workers?: string;
  shard?: string;
  /** Print what the exploration exercised (text section, or `coverage` in --json). */
  coverage?: boolean;
  /** Differential check: the same suite on a variant (`--compare KEY=VALUE`, repeatable) … */
  compare?: string[];
  /** … or on another model folder (`--against DIR`). */
  against?: string;
}

export async function checkCommand(models: string[], args: CheckArgs, io: Io): Promise<number> {
  const parsed = parseOptions(args);
  const d: Diagnostic[] = [...parsed.diagnostics];
  const { runs = 10_000, seed = 1, depth = 16, maxStates = 1_000_000, workers = 1, path } = parsed.options;
  const timeLimit = parsed.options.timeLimit === undefined ? undefined : parsed.options.timeLimit * 1000;
  const properties = await selectProperties(args, parsed.options.shard, io, d);
  if (d.length) return fail(d, io);
  if (args.compare?.length || args.against !== undefined) {
    if (models.length > 1) return fail([diag('error', 'RC119', '--compare and --against take one model', { hint: 'give one model folder (or none for the seed lab)' })], io);
    if (args.compare?.length && args.against !== undefined) return fail([diag('error', 'RC119', 'give either --compare or --against, not both')], io);
    const base = loadForRun(models[0], args, io.cwd);
    if (!base.model) return fail(base.diagnostics, io);
    const maxSteps = parsed.options.maxSteps ?? base.model.scenario.bounds.steps;
    const options = { mode: args.exhaustive ? ('exhaustive' as const) : ('random' as const), runs, seed, maxSteps, depth, maxStates, path, timeLimitMs: timeLimit };
    return compareRun(models[0], args, properties!, options, io, io.color ? ANSI : NO_PAINT);
  }
  const targets = models.length ? models : [undefined];
  let worst = 0;
  const documents: unknown[] = [];
  for (const m of targets) {
    const run = loadForRun(m, args, io.cwd);
    if (!run.model) return fail(run.diagnostics, io);
    // Lint first (DESIGN.md §6): its error findings are shown before the verdicts; --strict
    // makes them invalid input.
    const lintErrors = lintScenario(run.scenario!, run.sources).filter((x) => x.severity === 'error');
    if (args.strict && lintErrors.length) return fail([...run.diagnostics.filter((x) => x.severity === 'error'), ...lintErrors], io);
    const maxSteps = parsed.options.maxSteps ?? run.model.scenario.bounds.steps;
    const options: Omit<CheckOptions, 'clock' | 'onProperty'> = { mode: args.exhaustive ? 'exhaustive' : 'random', runs, seed, maxSteps, depth, maxStates, path, timeLimitMs: timeLimit, coverage: args.coverage };
    let report: CheckReport;
    if (workers > 1 && properties!.length > 1) {
      const t0 = performance.now();
      const runOptions = { bounds: args.bounds, set: args.set, mutant: args.mutant };
      const reports = await checkInWorkers({ modelArg: m, cwd: io.cwd, runOptions, propertyFiles: args.properties ?? [], options }, properties!.map((p) => p.id), workers);
      report = assembleReport(run.model, options, reports, performance.now() - t0);
    } else {
      const bar = io.progress && !args.json ? progressBar(io) : undefined;
      report = check(run.model, properties!, {
        ...options,
        clock: () => performance.now(),
        onProgress: bar?.update,
        onProperty: (r) => bar?.done(`${r.verdict.padEnd(8)} ${r.id}`),
      });
    }
    // Several models in one run: their traces must not overwrite each other.
    const prefix = targets.length > 1 ? `${run.model.scenario.name}-` : '';
    const extras = saveTraces(report, run, args, { seed, maxSteps, depth, exhaustive: !!args.exhaustive, prefix }, io);
    const expect = args.expect ? run.model.scenario.expect : undefined;
    if (args.json) documents.push(toJson(report, extras, [...run.diagnostics, ...lintErrors]));
    else {
      io.out(renderCheckText(report, extras, io.color ? ANSI : NO_PAINT, expect, lintErrors.map(formatDiagnostic)));
      if (report.coverage) io.out(renderCoverageText(report.coverage, io.color ? ANSI : NO_PAINT));
    }
    const code = expect
      ? report.properties.some((p) => expectedForm(p) !== (expect[p.id] ?? 'holds')) ? 1 : 0
      : report.properties.some((p) => p.verdict === 'violated') ? 1 : 0;
    worst = Math.max(worst, code);
  }
  // One JSON document per run: a single model's report as DESIGN.md §6 shows it, several as a list.
  if (args.json) io.out(JSON.stringify(documents.length === 1 ? documents[0] : { tool: 'roamcheck', version: VERSION, reports: documents }, null, 2) + '\n');
  return worst;
}

async function selectProperties(args: CheckArgs, shard: { i: number; n: number } | undefined, io: Io, d: Diagnostic[]): Promise<Property<any>[] | undefined> {
  const { properties: all, diagnostics } = await loadProperties(args.properties ?? [], io.cwd);
  d.push(...diagnostics);
  let picked: Property<any>[] = all;
  if (args.property?.length) {
    picked = [];
    for (const id of args.property) {
      const p = all.find((x) => x.id === id);
      if (p) picked.push(p);
      else d.push(diag('error', 'RC107', `-p: unknown property "${id}"`, { hint: `properties: ${all.map((x) => x.id).join(', ')}` }));
    }
  }
  // Shard I of N checks every N-th property from the I-th: CI jobs split a suite this way.
  if (shard) picked = picked.filter((_, k) => k % shard.n === shard.i - 1);
  return picked;
}

function reproduceLine(run: LoadedRun, args: CheckArgs, p: PropertyReport, o: { seed: number; maxSteps: number; depth: number; exhaustive: boolean }): string {
  const parts = ['roamcheck check'];
  if (run.source !== 'embedded:seed-lab') parts.push(run.source);
  parts.push('-p', p.id);
  for (const b of args.bounds ?? []) parts.push('--bounds', b);
  for (const s of args.set ?? []) parts.push('--set', s);
  if (args.mutant) parts.push('--mutant', args.mutant);
  if (o.exhaustive) parts.push('--exhaustive', '--depth', String(o.depth));
  else {
    parts.push('--seed', String(o.seed));
    if (p.counterexample?.path) parts.push('--path', p.counterexample.path);
    if (args.maxSteps !== undefined) parts.push('--max-steps', String(o.maxSteps));
  }
  return parts.join(' ');
}

export function saveTraces(report: CheckReport, run: LoadedRun, args: CheckArgs, o: { seed: number; maxSteps: number; depth: number; exhaustive: boolean; prefix: string }, io: Io): Record<string, ViolationExtras> {
  const extras: Record<string, ViolationExtras> = {};
  const dir = resolve(io.cwd, args.traceDir ?? '.roamcheck/traces');
  for (const p of report.properties) {
    const ce = p.counterexample;
    if (!ce) continue;
    const reproduce = reproduceLine(run, args, p, o);
    const name = `${o.prefix}${p.id}${report.mutant ? `-${report.mutant}` : ''}-${o.exhaustive ? 'exhaustive' : o.seed}.json`;
    const file = join(dir, name);
    const trace: TraceFile = {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      tool: 'roamcheck',
      model: report.model,
      source: run.source,
      options: { registration: run.model!.scenario.registration, mutant: report.mutant, bounds: args.bounds ?? [], sets: args.set ?? [] },
      seed: o.exhaustive ? null : o.seed,
      path: ce.path,
      property: p.id,
      verdict: 'violated',
      message: ce.message,
      actions: ce.actions,
      steps: ce.steps,
    };
    let shown: string | null = isAbsolute(args.traceDir ?? '') ? file : relative(io.cwd, file);
    try {
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, JSON.stringify(trace, null, 2) + '\n');
    } catch (e) {
      io.err(formatDiagnostic(diag('warning', 'RC235', `cannot write trace ${file}: ${(e as Error).message}`, { hint: 'choose another --trace-dir' })) + '\n');
      shown = null;
    }
    extras[p.id] = { reproduce, trace: shown };
  }
  return extras;
}

export function toJson(report: CheckReport, extras: Record<string, ViolationExtras>, diagnostics: Diagnostic[]) {
  return {
    tool: 'roamcheck',
    version: VERSION,
    model: report.model,
    mode: report.mode,
    seed: report.seed,
    mutant: report.mutant,
    properties: report.properties.map((p) => ({
      id: p.id,
      description: p.description,
      verdict: p.verdict,
      runs: p.runs,
      distinctStates: p.distinctStates,
      elapsedMs: Math.round(p.elapsedMs),
      reason: p.reason,
      vacuous: p.vacuous,
      vacuityReason: p.vacuityReason,
      counterexample: p.counterexample && {
        length: p.counterexample.length,
        message: p.counterexample.message,
        trace: extras[p.id]?.trace ?? null,
        reproduce: extras[p.id]?.reproduce ?? null,
        steps: p.counterexample.steps.map((s) => ({ i: s.i, action: s.action, text: s.text, t: s.t, summary: s.summary })),
      },
    })),
    stats: { ...report.stats, elapsedMs: Math.round(report.stats.elapsedMs) },
    ...(report.coverage ? { coverage: report.coverage } : {}),
    diagnostics,
  };
}

/** A one-line progress bar on stderr, redrawn at most ten times a second (TTY only, never in CI). */
function progressBar(io: Io) {
  let last = 0;
  return {
    update: (id: string, done: number, total: number) => {
      const now = performance.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = Math.round((done / Math.max(total, 1)) * width);
      io.err(`\r  [${'='.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${id}\x1b[K`);
    },
    done: (line: string) => io.err(`\r  ${line}\x1b[K\n`),
  };
}

const ANSI: Paint = {
  red: (s) => `\x1b[31m${s}\x1b[0m`,
  green: (s) => `\x1b[32m${s}\x1b[0m`,
  yellow: (s) => `\x1b[33m${s}\x1b[0m`,
  dim: (s) => `\x1b[2m${s}\x1b[0m`,
  bold: (s) => `\x1b[1m${s}\x1b[0m`,
};
