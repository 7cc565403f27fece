// One property's ranges of random runs (workUnits.ts), checked apart, put back together into the
// report one thread checking all the runs in order gives: runs, steps, verdict, reason,
// counterexample, vacuity and coverage. PURE. Elapsed time is the sum over the ranges (the time
// spent on the property, not the wall time, which other ranges shared).

import { notStarted, type PropertyReport } from '../core/check/check.js';
import { emptyCoverage, mergeCoverage } from '../core/check/coverage.js';
import { foldVacuity, type RangeVacuity } from './recordVacuity.js';

/** One range's result: the report of `check` on runs [from, from + runs), and its vacuity. */
export interface RangeResult {
  report: PropertyReport;
  vacuity: RangeVacuity;
}

export type Settled =
  | { decided: false }
  /** `cancel`: later ranges whose results can no longer matter (after the first violation). */
  | { decided: true; report: PropertyReport; cancel: number[] };

/**
 * The property's report once it is decided from the ranges finished so far (`undefined`: not yet).
 * In run order: ranges that hold are passed; the first violation decides (one thread would have
 * stopped there; what the later ranges found is dropped); any other outcome (an interrupt, a heap
 * that filled) waits for every range, as only a whole check was ever reported that way.
 */
export function settleRanges(ranges: readonly (RangeResult | undefined)[], totalRuns: number): Settled {
  for (let i = 0; i < ranges.length; i++) {
    const r = ranges[i];
    if (!r) return { decided: false };
    if (r.report.verdict === 'violated') return { decided: true, report: violatedAt(ranges as RangeResult[], i), cancel: range(i + 1, ranges.length) };
    if (r.report.verdict === 'unknown') {
      if (ranges.some((x) => !x)) return { decided: false };
      return { decided: true, report: undecided(ranges as RangeResult[]), cancel: [] };
    }
  }
  return { decided: true, report: holds(ranges as RangeResult[], totalRuns), cancel: [] };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, k) => a + k);
const sum = (rs: readonly RangeResult[], f: (r: PropertyReport) => number) => rs.reduce((n, r) => n + f(r.report), 0);

/** Coverage of ranges in run order, as one pass records it (absent when it was not asked for). */
function coverage(rs: readonly RangeResult[]): Pick<PropertyReport, 'coverage'> {
  if (!rs.some((r) => r.report.coverage)) return {};
  return { coverage: rs.reduce((all, r) => (r.report.coverage ? mergeCoverage(all, r.report.coverage) : all), emptyCoverage()) };
}

function holds(rs: readonly RangeResult[], totalRuns: number): PropertyReport {
  const v = foldVacuity(rs.map((r) => r.vacuity));
  const vacuous = !v.judged;
  return {
    ...rs[0].report,
    verdict: 'holds',
    runs: sum(rs, (r) => r.runs),
    steps: sum(rs, (r) => r.steps),
    elapsedMs: sum(rs, (r) => r.elapsedMs),
    // check.ts's words for a random check that found nothing.
    reason: `no violation in ${totalRuns} runs`,
    vacuous,
    vacuityReason: vacuous ? (v.best?.reason ?? 'the property judged nothing') : null,
    interrupted: false,
    counterexample: null,
    ...coverage(rs),
  };
}

/** Range `i` violated: its counterexample, run counts and steps continued from the ranges before it. */
function violatedAt(rs: readonly RangeResult[], i: number): PropertyReport {
  const upTo = rs.slice(0, i + 1);
  return {
    ...rs[i].report,
    runs: sum(upTo, (r) => r.runs),
    steps: sum(upTo, (r) => r.steps),
    elapsedMs: sum(rs.filter(Boolean), (r) => r.elapsedMs),
    ...coverage(upTo),
  };
}

/**
 * Some range undecided: a counterexample any range found is kept (the first in run order, as an
 * interrupted check keeps one); otherwise unknown, with the reason a one-thread check gives.
 */
function undecided(rs: readonly RangeResult[]): PropertyReport {
  const violated = rs.findIndex((r) => r.report.verdict === 'violated');
  if (violated >= 0) return violatedAt(rs, violated);
  const first = rs.find((r) => r.report.verdict === 'unknown')!.report;
  const runs = sum(rs, (r) => r.runs);
  const base = { ...first, runs, steps: sum(rs, (r) => r.steps), elapsedMs: sum(rs, (r) => r.elapsedMs), vacuous: false, vacuityReason: null, counterexample: null, ...coverage(rs) };
  if (!first.interrupted) return base; // not an interrupt (the heap filled): its own reason
  if (runs === 0 && rs.every((r) => r.report.verdict === 'unknown' && r.report.runs === 0)) return { ...notStarted(first), ...coverage(rs) };
  return { ...base, reason: `interrupted after ${runs} runs`, interrupted: true };
}
