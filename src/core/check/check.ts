// Run a property suite on a model, in random or exhaustive mode, and return the report as data.
// PURE apart from the injected callbacks: the clock (elapsed times, time budgets), an interrupt
// (`shouldStop`) and a memory budget (`memoryExceeded`); the core never reads a clock, a signal or the heap.

import type { Rung } from '../exhaustiveScope.js';
import { type ExhaustiveResult, ExhaustiveSearch } from '../explore/exhaustive.js';
import { minimizeSchedule } from '../explore/minimize.js';
import { randomCheck, type RandomResult } from '../explore/random.js';
import { runActions } from '../explore/runSchedule.js';
import { walkSegment } from '../explore/sharedWalk.js';
import { DIRECT, SharedSteps, type StepSource } from '../explore/stepSource.js';
import { DEFAULT_SHORTEST_BUDGET, shortestStory, type ShortestSearch } from '../explore/shortest.js';
import type { Property } from '../properties/property.js';
import { stepData, type TraceStepData } from '../trace/trace.js';
import type { Action } from '../world/action.js';
import type { Model } from '../world/model.js';
import { emptyCoverage, mergeCoverage, withCoverage, type CoverageData } from './coverage.js';
import { coverageSummary, type Coverage } from './coverageSummary.js';
import { type Climbed, climbing, type RungSearch, searchReason } from './climb.js';
import { watchVacuity } from './vacuity.js';

export interface CheckOptions {
  mode: 'random' | 'exhaustive';
  runs: number;
  seed: number;
  maxSteps: number;
  depth: number;
  maxStates: number;
  path?: string;
  /** Wall-clock budget per property, ms (needs `clock`). */
  timeLimitMs?: number;
  /** Injected clock (ms); the core never reads one itself. */
  clock?: () => number;
  /** Count what the exploration exercised (CheckReport.coverage); off by default, off the hot path. */
  coverage?: boolean;
  /** Called after each property, e.g. for a progress line. */
  onProperty?: (r: PropertyReport) => void;
  /** Called as random runs go by (runs so far, runs asked for), e.g. for a progress bar. */
  onProgress?: (property: string, done: number, total: number) => void;
  /**
   * Injected interrupt (SIGINT/SIGTERM at the edge), polled between runs and states: once true,
   * the property under way and every later one end `unknown` with `interrupted` set; a
   * counterexample already found is kept (and `onProperty` has already been told of it).
   */
  shouldStop?: () => boolean;
  /** Injected memory budget for exhaustive search, polled every 4096 transitions: true ends it `unknown`. */
  memoryExceeded?: (outsideHeap?: number) => boolean;
  /**
   * Random mode: distinct states the search for a story shorter than the shrunk one may store
   * (explore/shortest.ts); 0 skips the search. Default DEFAULT_SHORTEST_BUDGET.
   */
  shortestBudget?: number;
  /** Exhaustive mode: partial-order reduction with sleep sets (explore/sleepSet.ts); the report then counts the transitions skipped (`slept`). */
  por?: boolean;
  /** Exhaustive mode: symmetry reduction over interchangeable hosts (world/hostSymmetry.ts); the report then gives the group's order (`symmetryOrder`). */
  symmetry?: boolean;
  /**
   * Exhaustive mode: search these scopes one after another (the ladder, core/exhaustiveScope.ts),
   * each a narrowing of the model's bounds, instead of the model's own scope. Empty or absent:
   * the model's own.
   */
  scopes?: readonly Rung[];
}

/** One rung of the exhaustive ladder, as searched. */
export interface ScopeReport {
  /** The rung as a `--bounds` group. */
  bounds: string;
  verdict: 'holds' | 'violated' | 'unknown';
  distinctStates: number;
  transitions: number;
  reason: string | null;
}

export interface Counterexample {
  length: number;
  message: string;
  actions: Action[];
  steps: TraceStepData[];
  /** fast-check path of the failing run (random mode). */
  path: string | null;
  /** Length before the delta-debugging pass (random mode). */
  shrunkFrom?: number;
  /** Random mode: the search for a shorter story after shrinking (absent when it was off). */
  shortest?: ShortestSearch;
}

export interface PropertyReport {
  id: string;
  description: string;
  reference: string;
  verdict: 'holds' | 'violated' | 'unknown';
  /** Random mode: runs tried; exhaustive: transitions explored. */
  runs: number;
  distinctStates: number | null;
  /** Exhaustive mode: TLC's "calculated (optimistic)" fingerprint collision probability (explore/collisionProbability.ts). */
  collisionProbability?: number;
  /** Exhaustive mode with `por`: transitions the sleep sets skipped (each would have reached a state already reached); `steps` counts those taken. */
  slept?: number;
  /** Exhaustive mode with `symmetry`: the order of the host-renaming group states were merged under (1: none). */
  symmetryOrder?: number;
  /** World steps taken: random runs (shrinking included) and the search for a shorter story, or exhaustive transitions. */
  steps: number;
  elapsedMs: number;
  reason: string | null;
  /** A `holds` in which the property judged nothing (DESIGN.md §3); always false otherwise. */
  vacuous: boolean;
  /** Why it judged nothing (`no host moved`, ...), when vacuous. */
  vacuityReason: string | null;
  /** Stopped by an interrupt before it was decided (verdict `unknown`). */
  interrupted: boolean;
  counterexample: Counterexample | null;
  /** Exhaustive mode over a ladder: each rung searched, in order (the search stops at the first violation). */
  scopes?: ScopeReport[];
  /** Exhaustive mode over a ladder, violated: the rung whose search found the counterexample (a `--bounds` group that reproduces it). */
  scope?: string;
  /** With `coverage`: what this property's exploration exercised (merged into CheckReport.coverage). */
  coverage?: CoverageData;
}

/**
 * The verdict an `expect` block is compared with: `vacuous` for a hold that judged nothing, so
 * `holds` never matches a vacuous hold and a model must say `vacuous` to expect one.
 */
export function expectedForm(p: Pick<PropertyReport, 'verdict' | 'vacuous'>): 'holds' | 'violated' | 'unknown' | 'vacuous' {
  return p.verdict === 'holds' && p.vacuous ? 'vacuous' : p.verdict;
}

export interface CheckReport {
  model: string;
  mode: 'random' | 'exhaustive';
  seed: number;
  mutant: string | null;
  properties: PropertyReport[];
  stats: { steps: number; stepsPerSecond: number; distinctStates: number | null; elapsedMs: number };
  /** With `coverage`: what every property's exploration exercised, together. */
  coverage?: Coverage;
}

export function check(model: Model, properties: readonly Property<any>[], opts: CheckOptions): CheckReport {
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  if (sharesWalk(opts, properties.length) && !opts.shouldStop) {
    const shared = checkShared(model, properties, { ...opts, clock }, { onDecided: (_, r) => opts.onProperty?.(r) });
    return assembleReport(model, opts, shared as PropertyReport[], clock() - t0);
  }
  if (sharesSearch(opts, properties.length) && !opts.shouldStop?.()) {
    // One step source per scope searched (the model's own, or each rung of the ladder): the
    // properties' searches in it take each world's steps once (explore/stepSource.ts).
    const sources = new Map<number, SharedSteps>();
    const source = (rung: number) => {
      let s = sources.get(rung);
      if (s === undefined) {
        s = new SharedSteps();
        sources.set(rung, s);
      }
      return s;
    };
    const reports = exhaustiveReports(model, properties, opts, clock, source, (r) => opts.onProperty?.(r));
    return assembleReport(model, opts, reports, clock() - t0);
  }
  const reports: PropertyReport[] = [];
  for (const p of properties) {
    const r = opts.shouldStop?.() ? notStarted(p) : checkOne(model, p, opts, clock);
    reports.push(r);
    opts.onProperty?.(r);
  }
  return assembleReport(model, opts, reports, clock() - t0);
}

/** A report from per-property results (also used when properties ran in worker threads). */
export function assembleReport(model: Model, opts: Pick<CheckOptions, 'mode' | 'seed'>, reports: PropertyReport[], elapsedMs: number): CheckReport {
  const steps = reports.reduce((n, r) => n + r.steps, 0);
  const distinct = opts.mode === 'exhaustive' ? reports.reduce((n, r) => n + (r.distinctStates ?? 0), 0) : null;
  return {
    model: model.scenario.name,
    mode: opts.mode,
    seed: opts.seed,
    mutant: model.mutant,
    properties: reports,
    stats: { steps, stepsPerSecond: elapsedMs > 0 ? Math.round((steps / elapsedMs) * 1000) : 0, distinctStates: distinct, elapsedMs },
    ...(reports.some((r) => r.coverage)
      ? {
          coverage: coverageSummary(
            model,
            reports.reduce((all, r) => (r.coverage ? mergeCoverage(all, r.coverage) : all), emptyCoverage()),
          ),
        }
      : {}),
  };
}

/** A property an interrupt came before: undecided, nothing explored. */
export function notStarted(p: Pick<Property<any>, 'id' | 'description' | 'reference'>, reason = 'interrupted before it started'): PropertyReport {
  const base = { id: p.id, description: p.description, reference: p.reference };
  return { ...base, verdict: 'unknown', runs: 0, distinctStates: null, steps: 0, elapsedMs: 0, reason, vacuous: false, vacuityReason: null, interrupted: true, counterexample: null };
}

function checkOne(model: Model, p: Property<any>, opts: CheckOptions, clock: () => number): PropertyReport {
  if (opts.mode === 'exhaustive') return exhaustiveReports(model, [p], opts, clock, () => DIRECT)[0];
  const t0 = clock();
  const watch = watchVacuity(p);
  const vacuity = (verdict: PropertyReport['verdict']) => {
    const why = verdict === 'holds' ? watch.result() : undefined;
    return { vacuous: why !== undefined, vacuityReason: why ?? null };
  };
  // Coverage wraps the model's runners and the property; without it nothing is wrapped.
  const covered = opts.coverage ? withCoverage(model, watch.property) : undefined;
  const explored = covered ?? { model, property: watch.property };
  const coverage = covered ? { coverage: covered.data } : {};
  const onRun = opts.onProgress ? (n: number) => opts.onProgress!(p.id, n, opts.runs) : undefined;
  const r = randomCheck(explored.model, explored.property, {
    runs: opts.runs,
    seed: opts.seed,
    maxSteps: opts.maxSteps,
    path: opts.path,
    interruptAfterTimeLimit: opts.clock ? opts.timeLimitMs : undefined,
    onRun,
    shouldStop: opts.shouldStop,
  });
  return { ...randomReport(model, p, r, opts, t0, clock, vacuity), ...coverage };
}

/** States a search expands before the next property's takes its turn (exhaustiveReports): one, so that a world's successors are still remembered (held) when the next search asks for them. */
const TURN = 1;

/**
 * Exhaustive checks of `properties`, each climbing the ladder (opts.scopes) or searching the
 * model's own scope; with one property, or DIRECT, one search after another. With a shared step
 * source per scope (`source(rung)`, -1 for the model's own), the searches take turns of TURN states,
 * so they expand the same worlds close together and take each world's steps once; each search
 * is the one it would be alone (stepSource.ts). `onDone` as each property is decided.
 */
function exhaustiveReports(
  model: Model,
  properties: readonly Property<any>[],
  opts: CheckOptions,
  clock: () => number,
  source: (rung: number) => StepSource,
  onDone?: (r: PropertyReport) => void,
): PropertyReport[] {
  const climbers = properties.map((p) => new Climber(model, p, opts, clock, source));
  const reports: PropertyReport[] = new Array(properties.length);
  const live = climbers.map((_, i) => i);
  const turn = live.length > 1 ? TURN : Infinity;
  while (live.length > 0) {
    let running = 0;
    for (let j = 0; j < live.length; j++) {
      const i = live[j];
      const r = climbers[i].advance(turn);
      if (r === PAUSED) continue;
      if (r === undefined) {
        running++;
        continue;
      }
      reports[i] = r;
      live.splice(j--, 1);
      onDone?.(r);
    }
    // Every live search has finished its rung: the next rungs start together (a search that ran
    // ahead would let go of worlds before the others asked for their successors).
    if (running === 0) for (const i of live) climbers[i].resume();
  }
  return reports;
}

/** Climber.advance between two rungs of the ladder. */
const PAUSED = Symbol('paused');

/** One property's exhaustive check: its search, or the ladder's searches one after another (climb.ts). */
class Climber {
  private readonly t0: number;
  private readonly watch: ReturnType<typeof watchVacuity>;
  private readonly covered: ReturnType<typeof withCoverage> | undefined;
  private readonly deadline: number;
  private interrupted = false;
  private readonly climb: Generator<RungSearch, Climbed, ExhaustiveResult> | undefined;
  private search: ExhaustiveSearch;

  constructor(
    private readonly model: Model,
    private readonly p: Property<any>,
    private readonly opts: CheckOptions,
    private readonly clock: () => number,
    private readonly source: (rung: number) => StepSource,
  ) {
    this.t0 = clock();
    this.watch = watchVacuity(p);
    // Coverage wraps the model's runners and the property; without it nothing is wrapped.
    this.covered = opts.coverage ? withCoverage(model, this.watch.property) : undefined;
    this.deadline = opts.timeLimitMs !== undefined ? this.t0 + opts.timeLimitMs : Infinity;
    const explored = this.covered ?? { model, property: this.watch.property };
    if (opts.scopes?.length) {
      this.climb = climbing(explored.model, explored.property, opts.scopes, opts.maxStates);
      // The first rung always has the whole state budget, so the climb starts with a search.
      const first = this.climb.next();
      if (first.done) throw new Error('exhaustive ladder: no rung to search');
      this.search = this.searchOf(first.value);
    } else this.search = this.start(explored.model, explored.property, opts.maxStates, -1);
  }

  private shouldStop = () => ((this.interrupted = !!this.opts.shouldStop?.()) ? 'interrupted' : this.clock() > this.deadline);

  private start(model: Model, property: Property<any>, maxStates: number, rung: number): ExhaustiveSearch {
    const o = this.opts;
    return new ExhaustiveSearch(model, property, { depth: o.depth, maxStates, shouldStop: this.shouldStop, memoryExceeded: o.memoryExceeded, por: o.por, symmetry: o.symmetry }, this.source(rung));
  }

  private searchOf(s: RungSearch): ExhaustiveSearch {
    return this.start(s.model, s.property, s.maxStates, s.index);
  }

  /** The next rung's search, once this one has ended, until resume() starts it. */
  private next: RungSearch | undefined;

  /** Expand up to `n` states: the report once the property is decided, PAUSED between rungs (until resume), else undefined. */
  advance(n: number): PropertyReport | typeof PAUSED | undefined {
    if (this.next !== undefined) return PAUSED;
    const r = this.search.run(n);
    if (r === undefined) return undefined;
    if (this.climb === undefined) return this.report(r, {});
    const next = this.climb.next(r);
    if (next.done) return this.report(next.value.r, next.value.ladder);
    this.next = next.value;
    return PAUSED;
  }

  /** Start the next rung's search (after a PAUSED). */
  resume(): void {
    if (this.next === undefined) return;
    this.search = this.searchOf(this.next);
    this.next = undefined;
  }

  private report(r: ExhaustiveResult, ladder: Climbed['ladder']): PropertyReport {
    const { p, model } = this;
    const why = r.verdict === 'holds' ? this.watch.result() : undefined;
    return {
      id: p.id,
      description: p.description,
      reference: p.reference,
      verdict: r.verdict,
      runs: r.transitions,
      distinctStates: r.distinctStates,
      collisionProbability: r.collisionProbability,
      ...(r.slept !== undefined ? { slept: r.slept } : {}),
      ...(r.symmetryOrder !== undefined ? { symmetryOrder: r.symmetryOrder } : {}),
      steps: r.transitions,
      elapsedMs: this.clock() - this.t0,
      reason: searchReason(r),
      vacuous: why !== undefined,
      vacuityReason: why ?? null,
      interrupted: this.interrupted && r.verdict === 'unknown',
      counterexample: r.actions ? counterexample(model, p, r.actions, r.message!, null) : null,
      ...ladder,
      ...(this.covered ? { coverage: this.covered.data } : {}),
    };
  }
}

/**
 * Whether an exhaustive check searches its properties in turn sharing world steps
 * (exhaustiveReports): several properties, no coverage (it counts each search's own steps), no
 * partial-order reduction (its steps record footprints) and no time limit (a budget per property,
 * which searches taking turns would share).
 */
export function sharesSearch(opts: Pick<CheckOptions, 'mode' | 'coverage' | 'timeLimitMs' | 'por'>, properties: number): boolean {
  return opts.mode === 'exhaustive' && properties > 1 && !opts.coverage && !opts.por && opts.timeLimitMs === undefined;
}

/** A random check's report, from what fast-check found (random.ts): the shrunk counterexample rendered, and the search for a shorter story. */
function randomReport(
  model: Model,
  p: Property<any>,
  r: RandomResult,
  opts: CheckOptions,
  t0: number,
  clock: () => number,
  vacuity: (verdict: PropertyReport['verdict']) => Pick<PropertyReport, 'vacuous' | 'vacuityReason'>,
): PropertyReport {
  let ce: Counterexample | null = null;
  let searched = 0;
  if (r.run?.violation) {
    const minimal = minimizeSchedule(model, p, r.run.actions);
    // On the bare model and property: the search is no part of what coverage and vacuity count.
    const budget = opts.shortestBudget ?? DEFAULT_SHORTEST_BUDGET;
    const deadline = opts.timeLimitMs !== undefined ? t0 + opts.timeLimitMs : Infinity;
    const shouldStop = () => (opts.shouldStop?.() ? 'interrupted' : clock() > deadline);
    const shortest = budget > 0 ? shortestStory(model, p, minimal, { budget, shouldStop, memoryExceeded: opts.memoryExceeded }) : undefined;
    ce = counterexample(model, p, shortest?.actions ?? minimal, r.run.violation.message, r.path);
    ce.shrunkFrom = r.run.actions.length;
    if (shortest) ce.shortest = shortest.search;
    searched = shortest?.transitions ?? 0;
  }
  // Undecided: interrupted before a violation, or no run at all finished within the time limit.
  const verdict = r.verdict === 'holds' && (r.stopped || r.runs === 0) ? 'unknown' : r.verdict;
  const reason =
    verdict === 'violated'
      ? null
      : r.stopped
        ? `interrupted after ${r.runs} runs`
        : r.runs === 0
          ? 'no run finished within the time limit'
          : r.interrupted
            ? `no violation in ${r.runs} runs (time limit)`
            : `no violation in ${r.runs} runs`;
  return {
    id: p.id,
    description: p.description,
    reference: p.reference,
    verdict,
    runs: r.runs,
    distinctStates: null,
    steps: r.steps + searched,
    elapsedMs: clock() - t0,
    reason,
    ...vacuity(verdict),
    interrupted: verdict === 'unknown' && r.stopped,
    counterexample: ce,
  };
}

/**
 * Whether `check` walks the properties together (checkShared): random mode, two properties or
 * more, and nothing that makes a property's check its own: coverage (counted per property), a
 * time limit (a budget per property), a `--path` (one replay), or an interrupt (a property under
 * way, the later ones not started: the pool's shared units say how far the walk got instead).
 */
export function sharesWalk(opts: Pick<CheckOptions, 'mode' | 'coverage' | 'timeLimitMs' | 'path'>, properties: number): boolean {
  return opts.mode === 'random' && properties > 1 && !opts.coverage && opts.timeLimitMs === undefined && opts.path === undefined;
}

/** What a shared check tells its caller as it goes (the worker pool). */
export interface SharedHooks {
  /** A property decided, in the order they are: its index in `properties` and its report. */
  onDecided?: (i: number, r: PropertyReport) => void;
  /** Polled before every run: true drops the property (no report: its result can no longer matter). */
  dropped?: (i: number) => boolean;
  /**
   * Replay and shrink failures once the walk is over, not as they are found: for a range of runs
   * after the first, whose failure matters only if the ranges before it hold (if not, the pool
   * drops the property meanwhile and the shrink is never done).
   */
  defer?: boolean;
}

/**
 * Random mode, every property on one walk of runs [from, from + runs) (explore/sharedWalk.ts):
 * per property, the report its own check gives (checkOne with `path: String(from)` when from > 0),
 * elapsed times apart. When a property first fails in run K, its own check replays run K
 * (`path: "K"`) and shrinks it as before, then the walk goes on for the others. An interrupt
 * (`shouldStop`) leaves every property still undecided `unknown`, after the runs walked.
 * Coverage, a time limit and `path` are not for this (sharesWalk). Undefined: a dropped property.
 */
export function checkShared(model: Model, properties: readonly Property<any>[], opts: CheckOptions & { from?: number }, hooks: SharedHooks = {}): (PropertyReport | undefined)[] {
  const clock = opts.clock ?? (() => 0);
  const t0 = clock();
  const from = opts.from ?? 0;
  const end = from + opts.runs;
  const watches = properties.map((p) => watchVacuity(p));
  const fed = watches.map((w) => w.property);
  const vacuity = (i: number) => (verdict: PropertyReport['verdict']) => {
    const why = verdict === 'holds' ? watches[i].result() : undefined;
    return { vacuous: why !== undefined, vacuityReason: why ?? null };
  };
  const reports: (PropertyReport | undefined)[] = properties.map(() => undefined);
  const runs = properties.map(() => 0);
  const steps = properties.map(() => 0);
  const progress = (i: number, n: number) => opts.onProgress?.(properties[i].id, n, opts.runs);
  const isDropped = (i: number) => !!hooks.dropped?.(i);
  /** Property `i`'s own check from run K, where it failed: the same value, the same shrinks, the same steps. */
  const replay = (i: number, k: number, deferred: boolean) => {
    const before = runs[i];
    // A property dropped meanwhile stops its shrink and its search for a shorter story, unreported.
    // Deferred past an interrupt, run K itself is still run, so the violation found is kept.
    let first = deferred;
    const stops = () => !!opts.shouldStop?.() || isDropped(i);
    const own = hooks.dropped || deferred ? { ...opts, shouldStop: () => (first ? (first = false) : stops()) } : opts;
    const found = randomCheck(model, fed[i], {
      runs: end - k,
      seed: opts.seed,
      maxSteps: opts.maxSteps,
      path: String(k),
      onRun: (n) => progress(i, before + n),
      shouldStop: own.shouldStop,
    });
    if (isDropped(i)) return;
    const r = { ...found, runs: before + found.runs, steps: steps[i] + found.steps };
    const report = randomReport(model, properties[i], r, own, t0, clock, vacuity(i));
    if (isDropped(i)) return;
    reports[i] = report;
    hooks.onDecided?.(i, report);
  };
  const deferred: { i: number; k: number }[] = [];
  let live = properties.map((_, i) => i);
  let at = from;
  let stopped = false;
  while (live.length > 0 && at < end && !stopped) {
    const seg = walkSegment(model, fed, live, {
      runs: end - at,
      from: at,
      seed: opts.seed,
      maxSteps: opts.maxSteps,
      shouldStop: opts.shouldStop,
      dropped: hooks.dropped,
      onRun: (i) => progress(i, ++runs[i]),
    });
    stopped = seg.stopped;
    for (const i of live) steps[i] += seg.steps[i];
    for (const i of [...seg.failed].sort((a, b) => a - b)) {
      if (hooks.defer) deferred.push({ i, k: seg.failedRun! });
      else replay(i, seg.failedRun!, false);
    }
    live = live.filter((i) => reports[i] === undefined && !seg.failed.includes(i) && !isDropped(i));
    at += seg.runs;
  }
  for (const { i, k } of deferred) if (!isDropped(i)) replay(i, k, true);
  for (const i of live) {
    const r: RandomResult = { verdict: 'holds', runs: runs[i], shrinks: 0, seed: opts.seed, path: null, steps: steps[i], interrupted: stopped, stopped };
    reports[i] = randomReport(model, properties[i], r, opts, t0, clock, vacuity(i));
    hooks.onDecided?.(i, reports[i]!);
  }
  return reports;
}

/** Re-run a violating schedule with recording, to render every step. */
export function counterexample(model: Model, p: Property<any>, actions: readonly Action[], fallbackMessage: string, path: string | null): Counterexample {
  const run = runActions(model, p, actions, true);
  const steps = run.actions.map((a, i) => stepData(i, a, run.times![i], run.obs![i], run.texts![i]));
  return { length: run.actions.length, message: run.violation?.message ?? fallbackMessage, actions: run.actions, steps, path };
}
