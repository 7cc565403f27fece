// `roamcheck check [MODEL...]`: run the property suite, print the report (text or --json), save
// each counterexample trace as soon as it is found, exit 0/1/2/4 (DESIGN.md §6, fail.ts EXIT).
// ADAPTER: files, clock, interrupts, heap, stdout.

import { availableParallelism, totalmem } from 'node:os';
import { isAbsolute, relative, resolve } from 'node:path';
import { lintScenario } from '../config/lint.js';
import { assembleReport, check, expectedForm, type CheckOptions, type CheckReport, type PropertyReport } from '../core/check/check.js';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { Property } from '../core/properties/property.js';
import { TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../core/trace/trace.js';
import { checkInWorkers, memoryBudget, poolSize } from './checkPool.js';
import { STEPS_PER_DEFAULT_THREAD } from './workUnits.js';
import { PathReplayError } from '../core/explore/random.js';
import { parseOptions } from './cliOptions.js';
import { compareRun } from './compareRun.js';
import { renderCoverageText } from '../render/coverageText.js';
import { NO_PAINT, renderCheckText, type Paint, type ViolationExtras } from '../render/checkText.js';
import type { Io } from './io.js';
import { diagnosticLine, EXIT, fail, worseExit } from './fail.js';
import { loadForRun, type LoadedRun, type RunOptions } from './loadForRun.js';
import { checkFolder, makeFolder, safeFileName, writeNumbered } from './safeWrite.js';
import { formatUserFailure, loadSuite, UserPropertyError } from './userProperties.js';
import { VERSION } from './version.js';
import { EXHAUSTIVE_LADDER_DEPTH, exhaustiveScope, rungText, type Rung } from '../core/exhaustiveScope.js';
import { parseOverrides } from '../core/overrides.js';
import { workerCount } from './workerCount.js';
import { escapeControls } from '../render/terminalText.js';

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
  /** States the search for a shorter counterexample may store (random mode; 0: off). */
  shortestBudget?: string;
  json?: boolean;
  traceDir?: string;
  expect?: boolean;
  strict?: boolean;
  workers?: string;
  shard?: string;
  memory?: string;
  /** Exhaustive: partial-order reduction (explore/sleepSet.ts). */
  por?: boolean;
  /** Exhaustive: symmetry reduction over interchangeable hosts (world/hostSymmetry.ts). */
  symmetry?: boolean;
  /** Print what the exploration exercised (text section, or `coverage` in --json). */
  coverage?: boolean;
  /** Differential check: the same suite on a variant (`--compare KEY=VALUE`, repeatable) … */
  compare?: string[];
  /** … or on another model folder (`--against DIR`). */
  against?: string;
  /** Not a flag: the exhaustive ladder's rungs, set by withExhaustiveScope. */
  scopes?: Rung[];
}

const int = (v: string | undefined, name: string, d: Diagnostic[], dflt: number): number => {
  if (v === undefined) return dflt;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) d.push(diag('error', 'RC105', `--${name} must be a whole number >= 0, got "${v}"`));
  return n;
};

export async function checkCommand(models: string[], args: CheckArgs, io: Io): Promise<number> {
  // --expect judges verdicts only, and the search for a shorter story changes no verdict (it can
  // triple a run: lispwb-expanded-lab4, 17 s to 51 s): off unless asked for. Set as if given,
  // so the reproduce line says so and reruns the same story.
  if (args.expect && args.shortestBudget === undefined && !args.exhaustive) args = { ...args, shortestBudget: '0' };
  // Every number through the one strict grammar and its limits (cliOptions.ts).
  const parsed = parseOptions(args);
  const d: Diagnostic[] = [...parsed.diagnostics];
  const { runs = 10_000, seed = 1, depth, maxStates = 1_000_000, path, shortestBudget } = parsed.options;
  const timeLimit = parsed.options.timeLimit === undefined ? undefined : parsed.options.timeLimit * 1000;
  const memoryMiB = args.memory === undefined ? undefined : int(args.memory, 'memory', d, 0);
  // An empty run is never a silent pass (DESIGN.md §6): every budget must allow some checking.
  if (memoryMiB === 0) d.push(diag('error', 'RC105', '--memory must be at least 1 (MiB)'));
  if (args.por && !args.exhaustive) d.push(diag('error', 'RC120', '--por reduces an exhaustive search: it needs --exhaustive', { hint: 'add --exhaustive, or leave --por out' }));
  if (args.symmetry && !args.exhaustive) d.push(diag('error', 'RC120', '--symmetry reduces an exhaustive search: it needs --exhaustive', { hint: 'add --exhaustive, or leave --symmetry out' }));
  if (args.symmetry && args.por)
    d.push(diag('error', 'RC120', '--symmetry and --por are not combined: a sleep set names the actions of one world, not of its renamed images', { hint: 'give one of them' }));
  const traceDir = resolve(io.cwd, args.traceDir ?? '.roamcheck/traces');
  // Checked before any search, so a bad folder costs nothing; made only when a trace is saved.
  const badDir = checkFolder(traceDir, args.traceDir ?? '.roamcheck/traces', 'RC235', '--trace-dir');
  if (badDir) d.push(badDir);
  const properties = await selectProperties(args, parsed.options.shard, io, d);
  if (d.length) return fail(d, io);
  // By default every core, in a real process; an embedding without interrupts keeps to its thread.
  const workers = workerCount({
    asked: parsed.options.workers,
    cores: io.onInterrupt ? availableParallelism() : 1,
    exhaustive: !!args.exhaustive,
    budgetBytes: memoryBudget(memoryMiB).bytes,
    totalMemoryBytes: totalmem(),
  });
  if (args.compare?.length || args.against !== undefined) {
    if (args.exhaustive) args = withExhaustiveScope(models[0], args, io);
    if (models.length > 1) return fail([diag('error', 'RC119', '--compare and --against take one model', { hint: 'give one model folder (or none for the seed lab)' })], io);
    if (args.compare?.length && args.against !== undefined) return fail([diag('error', 'RC119', 'give either --compare or --against, not both')], io);
    try {
      return compareRun(
        models[0],
        args,
        properties!,
        {
          mode: args.exhaustive ? 'exhaustive' : 'random',
          runs,
          seed,
          maxSteps: parsed.options.maxSteps,
          depth: depthFor(depth, args),
          maxStates,
          path,
          timeLimitMs: timeLimit,
          shortestBudget,
          scopes: args.scopes,
          ...(args.por ? { por: true } : {}),
          ...(args.symmetry ? { symmetry: true } : {}),
        },
        traceDir,
        io,
        io.color ? ANSI : NO_PAINT,
      );
    } catch (e) {
      const bad = userInputError(e, io);
      if (bad === undefined) throw e;
      return bad;
    }
  }
  const targets = models.length ? models : [undefined];
  let worst: number = EXIT.ok;
  const documents: unknown[] = [];
  // An interrupt ends the search under way: what was decided is reported, the rest is unknown.
  let interrupted: string | undefined;
  let stopPool: (() => void) | undefined;
  const unsubscribe = io.onInterrupt?.((signal) => {
    interrupted = signal;
    io.err(`\nroamcheck: ${signal}: stopping; undecided properties will be reported unknown (interrupted) (again to quit at once)\n`);
    stopPool?.();
  });
  let reported = 0;
  try {
    for (const m of targets) {
      if (interrupted) break;
      const code = await checkModel(
        m,
        targets.length > 1,
        properties!,
        { runs, seed, depth, maxStates, timeLimit, workers, workersAsked: parsed.options.workers !== undefined, memoryMiB, traceDir, maxSteps: parsed.options.maxSteps, path, shortestBudget },
        args,
        io,
        documents,
        (stop) => {
          stopPool = stop;
          if (interrupted) stop();
        },
      );
      if (code === EXIT.input || code === EXIT.internal) return code;
      reported++;
      worst = worseExit(worst, code);
    }
  } finally {
    unsubscribe?.();
  }
  // One JSON document per run: a single model's report as DESIGN.md §6 shows it, several as a list.
  if (args.json) io.out(JSON.stringify(documents.length === 1 ? documents[0] : { tool: 'roamcheck', version: VERSION, reports: documents }, null, 2) + '\n');
  // Models never reached after an interrupt are undecided too.
  if (interrupted && reported < targets.length) worst = worseExit(worst, EXIT.unknown);
  return worst;
}

interface Settings {
  runs: number;
  seed: number;
  /** As given; undefined: the default for the scope searched (depthFor). */
  depth: number | undefined;
  maxStates: number;
  timeLimit: number | undefined;
  workers: number;
  /** Whether `--workers` was given (else `workers` is the default, every core, and a short random job keeps to fewer: workUnits.ts STEPS_PER_DEFAULT_THREAD). */
  workersAsked: boolean;
  memoryMiB: number | undefined;
  traceDir: string;
  /** `--max-steps` when given (else the scenario's `bounds.steps`). */
  maxSteps: number | undefined;
  path: string | undefined;
  /** `--shortest-budget` when given (else the core's default). */
  shortestBudget: number | undefined;
}

/** Check one model; its report goes to `documents` (--json) or stdout. Returns its exit code. */
async function checkModel(
  m: string | undefined,
  several: boolean,
  properties: Property<any>[],
  o: Settings,
  args: CheckArgs,
  io: Io,
  documents: unknown[],
  onPool: (stop: () => void) => void,
): Promise<number> {
  const { runs, seed, maxStates } = o;
  const timeLimit = o.timeLimit;
  if (args.exhaustive) args = withExhaustiveScope(m, args, io);
  const depth = depthFor(o.depth, args);
  const run = loadForRun(m, args, io.cwd);
  if (!run.model) return fail(run.diagnostics, io);
  // Lint first (DESIGN.md §6): its error findings are shown before the verdicts; --strict
  // makes them invalid input.
  const lintErrors = lintScenario(run.scenario!, run.sources).filter((x) => x.severity === 'error');
  if (args.strict && lintErrors.length) return fail([...run.diagnostics.filter((x) => x.severity === 'error'), ...lintErrors], io);
  const maxSteps = o.maxSteps ?? run.model.scenario.bounds.steps;
  const options: Omit<CheckOptions, 'clock' | 'onProperty'> = {
    mode: args.exhaustive ? 'exhaustive' : 'random',
    runs,
    seed,
    maxSteps,
    depth,
    maxStates,
    path: o.path,
    timeLimitMs: timeLimit,
    coverage: args.coverage,
    shortestBudget: o.shortestBudget,
    scopes: args.scopes,
    ...(args.por ? { por: true } : {}),
    ...(args.symmetry ? { symmetry: true } : {}),
  };
  // Several models in one run: their traces must not overwrite each other.
  const prefix = several ? `${run.model.scenario.name}-` : '';
  const extras: Record<string, ViolationExtras> = {};
  const bar = io.progress && !args.json ? progressBar(io) : undefined;
  // Each counterexample is saved the moment its property is decided, so an interrupt or a crash
  // later in the run loses none.
  const mutant = run.model.mutant;
  const onProperty = (r: PropertyReport) => {
    bar?.done(`${r.verdict.padEnd(8)} ${escapeControls(r.id)}`);
    if (r.counterexample) extras[r.id] = saveTrace(r, mutant, run, args, { seed, maxSteps, depth, exhaustive: !!args.exhaustive, prefix, dir: o.traceDir }, io);
  };
  // By default (every core) a random job gets a thread per STEPS_PER_DEFAULT_THREAD steps: on 2
  // cores a second thread makes a job of a few seconds slower, not faster (workUnits.ts).
  const workers = o.workersAsked ? o.workers : poolSize(properties, options, o.workers, STEPS_PER_DEFAULT_THREAD);
  let checked: CheckReport;
  try {
    const t0 = performance.now();
    // A real process (it has interrupts) keeps its main thread free to see them: the search runs
    // in worker threads, which also turn a heap that fills too fast into `unknown`, not a crash.
    // Elsewhere a pool is worth its start-up only with two threads' worth of units.
    if (poolSize(properties, options, workers) > 1 || io.onInterrupt) {
      const runOptions = { bounds: args.bounds, set: args.set, mutant: args.mutant };
      const pool = checkInWorkers(
        { modelArg: m, cwd: io.cwd, runOptions, scenario: run.scenario, propertyFiles: args.properties ?? [], options, memoryMiB: o.memoryMiB },
        properties,
        workers,
        onProperty,
        bar?.update,
      );
      onPool(pool.stop);
      checked = assembleReport(run.model, options, await pool.done, performance.now() - t0);
    } else {
      checked = check(run.model, properties, {
        ...options,
        clock: () => performance.now(),
        onProgress: bar?.update,
        onProperty,
        memoryExceeded: memoryBudget(o.memoryMiB).exceeded,
      });
    }
  } catch (e) {
    const bad = userInputError(e, io);
    if (bad === undefined) throw e;
    return bad;
  }
  const expect = args.expect ? run.model.scenario.expect : undefined;
  if (args.json) documents.push(toJson(checked, extras, [...run.diagnostics, ...lintErrors]));
  else {
    io.out(renderCheckText(checked, extras, io.color ? ANSI : NO_PAINT, expect, lintErrors.map(diagnosticLine)));
    if (checked.coverage) io.out(renderCoverageText(checked.coverage, io.color ? ANSI : NO_PAINT));
  }
  return exitCode(checked.properties, expect);
}

/**
 * A throw that is the user's input, not a bug: a property of theirs that threw (RC106, with their
 * stack), or a `--path` that does not replay (RC108). Reported here; undefined for anything else.
 */
export function userInputError(e: unknown, io: Io): number | undefined {
  if (e instanceof UserPropertyError) {
    io.err(formatUserFailure(e.failure));
    return EXIT.input;
  }
  if (e instanceof PathReplayError) {
    const shown = e.path.length > 60 ? `${e.path.slice(0, 57)}...` : e.path;
    return fail(
      [
        diag('error', 'RC108', `--path "${shown}" does not replay on property "${e.property}": no such run or shrink for this model, seed and --max-steps`, {
          hint: 'copy --path together with the -p, --seed, -n and --max-steps of the same reproduce line',
        }),
      ],
      io,
    );
  }
  return undefined;
}

/**
 * 0 only when every property was decided and holds (with `--expect`: matches); 1 when a decided
 * verdict is a violation (or differs from `--expect`); otherwise 4 when any is undecided.
 */
export function exitCode(properties: readonly PropertyReport[], expect?: Record<string, string>): number {
  const decided = properties.filter((p) => p.verdict !== 'unknown');
  const bad = expect ? decided.some((p) => expectedForm(p) !== (expect[p.id] ?? 'holds')) : decided.some((p) => p.verdict === 'violated');
  return bad ? EXIT.violated : decided.length < properties.length ? EXIT.unknown : EXIT.ok;
}

async function selectProperties(args: CheckArgs, shard: { i: number; n: number } | undefined, io: Io, d: Diagnostic[]): Promise<Property<any>[] | undefined> {
  const { properties: all, diagnostics } = await loadSuite(args.properties ?? [], io.cwd);
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
  if (shard) {
    const { i, n } = shard;
    const selected = picked.length;
    picked = picked.filter((_, k) => k % n === i - 1);
    // An empty shard would pass having checked nothing.
    if (!picked.length) d.push(diag('error', 'RC110', `--shard ${i}/${n} selects no property: only ${selected} ${selected === 1 ? 'is' : 'are'} selected`, { hint: `use at most ${selected} shards` }));
  }
  return picked;
}

function reproduceLine(run: LoadedRun, args: CheckArgs, p: PropertyReport, o: { seed: number; maxSteps: number; depth: number; exhaustive: boolean }): string {
  const parts = ['roamcheck check'];
  if (run.source !== 'embedded:seed-lab') parts.push(run.source);
  parts.push('-p', p.id);
  for (const b of boundsOf(args, p)) parts.push('--bounds', b);
  for (const s of args.set ?? []) parts.push('--set', s);
  if (args.mutant) parts.push('--mutant', args.mutant);
  if (o.exhaustive) {
    parts.push('--exhaustive', '--depth', String(o.depth));
    // The reduction may find another counterexample of the same length: the same line finds the same one.
    if (args.por) parts.push('--por');
    if (args.symmetry) parts.push('--symmetry');
  } else {
    parts.push('--seed', String(o.seed));
    if (p.counterexample?.path) parts.push('--path', p.counterexample.path);
    if (args.maxSteps !== undefined) parts.push('--max-steps', String(o.maxSteps));
    // The budget decides which story is shown: the same line must show the same one.
    if (args.shortestBudget !== undefined) parts.push('--shortest-budget', String(Number(args.shortestBudget)));
  }
  return parts.join(' ');
}

/**
 * Save one counterexample as a new trace file under the trace folder (made on first use): the name
 * from the (sanitised) model and property ids, numbered `-2`, `-3` … when taken; never over a file.
 */
export function saveTrace(
  p: PropertyReport,
  mutant: string | null,
  run: LoadedRun,
  args: CheckArgs,
  o: { seed: number; maxSteps: number; depth: number; exhaustive: boolean; prefix: string; dir: string },
  io: Io,
): ViolationExtras {
  const ce = p.counterexample!;
  const reproduce = reproduceLine(run, args, p, o);
  const stem = safeFileName(`${o.prefix}${p.id}${mutant ? `-${mutant}` : ''}-${o.exhaustive ? 'exhaustive' : o.seed}`);
  const trace: TraceFile = {
    format: TRACE_FORMAT,
    version: TRACE_VERSION,
    tool: 'roamcheck',
    model: run.model!.scenario.name,
    source: run.source,
    options: { registration: run.model!.scenario.registration, mutant, bounds: boundsOf(args, p), sets: args.set ?? [] },
    seed: o.exhaustive ? null : o.seed,
    path: ce.path,
    property: p.id,
    verdict: 'violated',
    message: ce.message,
    actions: ce.actions,
    steps: ce.steps,
  };
  try {
    makeFolder(o.dir);
    const file = writeNumbered(o.dir, stem, '.json', JSON.stringify(trace, null, 2) + '\n');
    return { reproduce, trace: isAbsolute(args.traceDir ?? '') ? file : relative(io.cwd, file) };
  } catch (e) {
    // The counterexample is still printed with its reproduce line; only the file is missing.
    io.err(
      diagnosticLine(
        diag('warning', 'RC235', `cannot write a trace under ${args.traceDir ?? '.roamcheck/traces'}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, {
          hint: 'choose another --trace-dir; the reproduce line below still reruns the case',
        }),
      ) + '\n',
    );
    return { reproduce, trace: null };
  }
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
      ...(p.collisionProbability !== undefined ? { collisionProbability: p.collisionProbability } : {}),
      ...(p.slept !== undefined ? { slept: p.slept } : {}),
      ...(p.symmetryOrder !== undefined ? { symmetryOrder: p.symmetryOrder } : {}),
      elapsedMs: Math.round(p.elapsedMs),
      reason: p.reason,
      ...(p.scopes ? { scopes: p.scopes } : {}),
      ...(p.scope !== undefined ? { scope: p.scope } : {}),
      interrupted: p.interrupted,
      vacuous: p.vacuous,
      vacuityReason: p.vacuityReason,
      counterexample: p.counterexample && {
        length: p.counterexample.length,
        message: p.counterexample.message,
        trace: extras[p.id]?.trace ?? null,
        reproduce: extras[p.id]?.reproduce ?? null,
        ...(p.counterexample.shrunkFrom !== undefined ? { shrunkFrom: p.counterexample.shrunkFrom } : {}),
        ...(p.counterexample.shortest ? { shortest: p.counterexample.shortest } : {}),
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

/**
 * `--exhaustive` without bounds for every budget: the default caps (core/exhaustiveScope.ts) put
 * in front of the user's own `--bounds`, so the reproduce line, the saved trace and the workers
 * all see the scope that was searched. Said on stderr (stdout may be a JSON document).
 */
function withExhaustiveScope(m: string | undefined, args: CheckArgs, io: Io): CheckArgs {
  const run = loadForRun(m, args, io.cwd);
  if (!run.scenario) return args; // the caller reports why the model did not load
  const given = new Set(Object.keys(parseOverrides({ bounds: args.bounds, sets: args.set }).overrides.bounds));
  const { caps, rungs } = exhaustiveScope(run.scenario.bounds, given);
  const name = escapeControls(run.scenario.name);
  if (rungs.length) {
    const list = rungs.map((r, i) => `  ${i + 1}. ${rungText(r)}\n`).join('');
    io.err(
      `roamcheck: exhaustive scope: ${rungs.length} rungs, searched in turn (the --exhaustive defaults, below ${name}'s own bounds; give every budget with --bounds to search one scope)\n${list}`,
    );
  } else if (caps !== undefined) {
    io.err(`roamcheck: exhaustive scope ${caps} (the --exhaustive defaults, below ${name}'s own bounds; raise any with --bounds KEY=N)\n`);
  }
  return { ...args, bounds: caps === undefined ? args.bounds : [caps, ...(args.bounds ?? [])], scopes: rungs };
}

/** `--depth` as given, else 16, or on the exhaustive ladder a depth its rungs end within (core/exhaustiveScope.ts). */
function depthFor(given: number | undefined, args: CheckArgs): number {
  return given ?? (args.scopes?.length ? EXHAUSTIVE_LADDER_DEPTH : 16);
}

/** The `--bounds` groups that reproduce `p`: the run's, and the ladder rung that found its counterexample (it sets every budget, so a rerun searches that rung alone). */
function boundsOf(args: CheckArgs, p: PropertyReport): string[] {
  return [...(args.bounds ?? []), ...(p.scope !== undefined ? [p.scope] : [])];
}
