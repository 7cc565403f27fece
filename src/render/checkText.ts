// The check report as text: per property its verdict, effort, and the counterexample as a
// numbered story with the reproduce line. PURE: (report, extras, colour) -> string. Every name
// and message from the model goes through `escapeControls`: one property is one block of lines.

import { expectedForm, type CheckReport, type Counterexample, type PropertyReport } from '../core/check/check.js';
import { boundsText, flowsText } from '../core/explore/storyScope.js';
import { escapeControls as e } from './terminalText.js';

export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

export const NO_PAINT: Paint = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

export interface ViolationExtras {
  reproduce: string;
  trace: string | null;
}

const VERDICT = { holds: 'HOLDS', violated: 'VIOLATED', unknown: 'UNKNOWN' } as const;

/** Lint findings printed before the verdicts (`check` runs lint first): one formatted line each. */
export function renderCheckText(report: CheckReport, extras: Record<string, ViolationExtras>, paint: Paint = NO_PAINT, expect?: Record<string, string>, findings: readonly string[] = []): string {
  const out: string[] = [];
  if (findings.length) out.push(...findings.map((f) => paint.red(e(f))), '');
  out.push(paint.bold(`roamcheck: model ${e(report.model)}, ${report.mode} mode, seed ${report.seed}${report.mutant ? `, mutant ${e(report.mutant)}` : ''}`));
  for (const p of report.properties) out.push('', ...property(p, extras[p.id], paint, expect));
  const s = report.stats;
  out.push('', paint.dim(`${s.steps} steps${s.distinctStates !== null ? `, ${s.distinctStates} distinct states` : ''} in ${(s.elapsedMs / 1000).toFixed(1)} s (${s.stepsPerSecond} steps/s)`));
  const stopped = report.properties.filter((p) => p.interrupted).length;
  if (stopped) out.push(paint.yellow(`interrupted: ${report.properties.length - stopped} of ${report.properties.length} properties decided; every counterexample found is saved`));
  return out.join('\n') + '\n';
}

function property(p: PropertyReport, extra: ViolationExtras | undefined, paint: Paint, expect?: Record<string, string>): string[] {
  const color = p.vacuous ? paint.yellow : p.verdict === 'holds' ? paint.green : p.verdict === 'violated' ? paint.red : paint.yellow;
  const effort = p.distinctStates !== null ? `${p.distinctStates} states` : `${p.runs} runs`;
  const expected = expect ? (expect[p.id] ?? 'holds') : undefined;
  const match = expected === undefined ? '' : expected === expectedForm(p) ? paint.dim(` (expected ${expected})`) : paint.red(` (MISMATCH: expected ${expected})`);
  // DESIGN.md §3: a property that judged nothing is never shown as a plain hold.
  const verdict = p.vacuous ? `${VERDICT.holds} (vacuous: ${e(p.vacuityReason ?? '')})` : p.interrupted ? `${VERDICT.unknown} (interrupted)` : VERDICT[p.verdict].padEnd(8);
  const lines = [`${color(verdict)} ${paint.bold(e(p.id))}  ${paint.dim(`${effort}, ${(p.elapsedMs / 1000).toFixed(1)} s`)}${match}`];
  if (p.reason && (p.verdict !== 'violated' || p.scopes)) lines.push(paint.dim(`         ${e(p.reason)}`));
  for (const [i, r] of (p.scopes ?? []).entries()) lines.push(paint.dim(`           ${i + 1}. ${r.verdict.padEnd(8)} ${e(r.bounds)}: ${r.distinctStates} states, ${e(r.reason ?? '')}`));
  if (p.slept !== undefined) {
    const all = p.steps + p.slept;
    lines.push(
      paint.dim(`         partial-order reduction: ${p.steps} transitions taken, ${p.slept} skipped by sleep sets (${all > 0 ? ((100 * p.slept) / all).toFixed(0) : 0} % of ${all}); states unchanged`),
    );
  }
  if (p.symmetryOrder !== undefined)
    lines.push(
      paint.dim(
        p.symmetryOrder > 1
          ? `         symmetry reduction: states merged under ${p.symmetryOrder} renamings of interchangeable hosts (the count is of orbits)`
          : '         symmetry reduction: none (no interchangeable hosts in this model, or the property is not symmetric)',
      ),
    );
  if (p.collisionProbability !== undefined) lines.push(paint.dim(`         fingerprint collision probability, calculated (optimistic) as TLC does: ${probability(p.collisionProbability)}`));
  const ce = p.counterexample;
  if (!ce) return lines;
  lines.push(`         ${e(ce.message)}`);
  lines.push(`         counterexample, ${ce.length} steps${ce.shrunkFrom !== undefined ? ` (shrunk from ${ce.shrunkFrom})` : ''}:`);
  if (ce.shortest) lines.push(paint.dim(`         ${e(shortestLine(ce, ce.shortest))}`));
  for (const s of ce.steps) lines.push(`         ${String(s.i + 1).padStart(3)}. ${e(s.text).padEnd(44)} ${paint.dim(e(s.summary))}`);
  if (extra) {
    lines.push(`         reproduce: ${e(extra.reproduce)}`);
    if (extra.trace) lines.push(`         trace:     ${e(extra.trace)}`);
  }
  return lines;
}

/** As TLC prints it: one decimal, `E` exponent (6.0E-8). */
function probability(x: number): string {
  return x.toExponential(1).toUpperCase().replace('E+', 'E');
}

/** The pass that found a shorter story, in words (a report from before passes were named: the flows pass, the only first pass then). */
function passText(s: NonNullable<Counterexample['shortest']>): string {
  if (s.foundBy === 'calm') return 'a search without faults, timer expiries or gratuitous ARPs';
  if (s.foundBy === 'budgets') return 'a search within the budgets the story spent';
  if (s.foundBy === 'lean') return `a search of smaller budgets than the story spent, on its flows (${s.scope.traffic ? flowsText(s.scope) : 'every flow'})`;
  return `a search of the story's own flows (${flowsText(s.scope)})`;
}

/** What the search for a shorter story decided (random mode), in one line. */
export function shortestLine(ce: Pick<Counterexample, 'length'>, s: NonNullable<Counterexample['shortest']>): string {
  const within = `among stories within ${boundsText(s.scope)}`;
  if (!s.proved) {
    const stopped = `the search for a shorter story stopped (${s.reason ?? 'no reason given'})`;
    if (ce.length < s.from) return `shortest: unknown; ${passText(s)} found this shorter story (the shrunk one had ${s.from} steps), then ${stopped}`;
    return `shortest: unknown, ${stopped}; the shrunk story is kept`;
  }
  if (s.from <= 1) return 'shortest: yes, one step is the least';
  if (ce.length < s.from) return `shortest: yes, a breadth-first search of ${s.searchedStates} states found it (the shrunk story had ${s.from} steps) ${within}`;
  return `shortest: yes, a breadth-first search of ${s.searchedStates} states found none shorter ${within}`;
}
