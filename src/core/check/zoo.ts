// The bug zoo judged (DESIGN.md §4): every mutant on a model with `registration: timestamped`,
// caught by its property in random mode and in exhaustive mode, with the random story's length (shrunk, then searched for a shorter one) beside
// the shortest. PURE apart from the injected clock.
// Each mutant has a scope: the options both modes use, and the environment budgets that keep
// the exhaustive search small (fewer sends, no gratuitous ARP, timer expiries only where the bug
// needs them). The random mode keeps the model's own budget for sends.

import { diag, type Diagnostic } from '../diagnostic.js';
import { MUTANTS, type MutantInfo } from '../mutants.js';
import { applyOverrides } from '../overrides.js';
import type { Property } from '../properties/property.js';
import type { Scenario } from '../scenario.js';
import { createModel } from '../world/model.js';
import { check, type PropertyReport } from './check.js';

export interface ZooScope {
  /** `--set` overrides for both modes. */
  sets: string[];
  /** `--bounds` for random mode. */
  random: string;
  /** `--bounds` for exhaustive mode. */
  exhaustive: string;
}

const BASE = 'moves=1,losses=0';
const SMALL = `${BASE},sends=4,garps=0,spoofs=0,timerExpiries=0`;

/** Scopes per mutant. The ARP mutant needs ARP timers to fire; it gets one ARP retry and slow
 * control-plane retransmissions so that the ARP timers are the ones that fire first. */
export const ZOO_SCOPES: Record<string, ZooScope> = {
  default: { sets: ['registration=timestamped'], random: BASE, exhaustive: SMALL },
  'no-auth-check': { sets: ['registration=timestamped'], random: BASE, exhaustive: `${SMALL},spoofs=1` },
  // A stale reply needs a second request in flight: a duplicate, with no timer (both modes).
  'any-nonce': { sets: ['registration=timestamped'], random: `${BASE},duplicates=1,timerExpiries=0`, exhaustive: `${SMALL},duplicates=1` },
  'no-proxy-reply': {
    sets: ['registration=timestamped', 'timers.arpRetries=1', 'timers.registerRetransmit=30', 'timers.mapRequestRetry=30'],
    random: BASE,
    exhaustive: `${BASE},sends=3,garps=0,spoofs=0,timerExpiries=2`,
  },
};

export interface ZooRow {
  mutant: MutantInfo;
  scope: ZooScope;
  random: PropertyReport;
  exhaustive: PropertyReport | null;
}

export interface ZooOptions {
  runs: number;
  seed: number;
  depth: number;
  maxStates: number;
  exhaustive: boolean;
  timeLimitMs?: number;
  clock?: () => number;
  /** Random mode's search for a shorter story (check.ts `shortestBudget`; default on). */
  shortestBudget?: number;
  onRow?: (row: ZooRow) => void;
}

export function scopeOf(mutant: string): ZooScope {
  return ZOO_SCOPES[mutant] ?? ZOO_SCOPES.default;
}

export function runZoo(scenario: Scenario, properties: readonly Property<any>[], opts: ZooOptions): { rows: ZooRow[]; diagnostics: Diagnostic[] } {
  const rows: ZooRow[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const mutant of MUTANTS) {
    const property = properties.find((p) => p.id === mutant.breaks);
    if (!property) {
      diagnostics.push(diag('error', 'RC109', `no property "${mutant.breaks}" to judge mutant ${mutant.id}`));
      continue;
    }
    const scope = scopeOf(mutant.id);
    const run = (bounds: string, exhaustive: boolean) => {
      const s = applyOverrides(scenario, { sets: scope.sets, bounds: [bounds] }).scenario!;
      return check(createModel(s, { mutant: mutant.id }), [property], {
        mode: exhaustive ? 'exhaustive' : 'random',
        runs: opts.runs,
        seed: opts.seed,
        maxSteps: s.bounds.steps,
        depth: opts.depth,
        maxStates: opts.maxStates,
        timeLimitMs: opts.timeLimitMs,
        clock: opts.clock,
        shortestBudget: opts.shortestBudget,
      }).properties[0];
    };
    const row: ZooRow = { mutant, scope, random: run(scope.random, false), exhaustive: opts.exhaustive ? run(scope.exhaustive, true) : null };
    rows.push(row);
    opts.onRow?.(row);
  }
  return { rows, diagnostics };
}

/** The README table. */
export function zooTable(rows: readonly ZooRow[]): string {
  const lines = ['| mutant | caught by | random: runs to find | random: story length | exhaustive: shortest length | states |', '| --- | --- | --- | --- | --- | --- |'];
  for (const r of rows) {
    const ran = r.random.verdict === 'violated' ? String(r.random.runs) : `not found in ${r.random.runs}`;
    const shrunk = storyLength(r.random);
    const ex = r.exhaustive ? (r.exhaustive.verdict === 'violated' ? String(r.exhaustive.counterexample!.length) : r.exhaustive.verdict) : '-';
    lines.push(`| \`${r.mutant.id}\` | \`${r.mutant.breaks}\` | ${ran} | ${shrunk} | ${ex} | ${r.exhaustive?.distinctStates ?? '-'} |`);
  }
  return lines.join('\n') + '\n';
}

/** The random story's length and what the search for a shorter one made of it: `15 (shrunk: 17)`, `17 (none shorter)`, `17 (search: budget)`. */
function storyLength(p: PropertyReport): string {
  const ce = p.counterexample;
  if (!ce) return '-';
  const s = ce.shortest;
  if (!s) return String(ce.length);
  return `${ce.length} (${!s.proved ? 'search stopped' : ce.length < s.from ? `shrunk: ${s.from}` : 'none shorter'})`;
}
