// The default scope of `check --exhaustive`: a ladder of small scopes, each searched to the end,
// so a search without `--bounds` ends, and ends soon. PURE.
// Why caps at all: a model's own bounds are written for random mode, and several are unlimited
// by default (sends, gratuitous ARPs, timer expiries). With any of them unlimited the state
// space is infinite by construction: k sends at one instant put k packets in flight (a distinct
// state for every k), and unlimited periodic timers move the logical clock on forever
// (test/unit/check/exhaustiveScope.test.ts shows both).
// Why a ladder and not one scope: each known failure needs a different budget to show, and the
// budgets multiply. The one scope that holds them all (moves=2, sends=4, timerExpiries=1,
// spoofs=1) has millions of states in the seed lab; the earlier single default (moves=2, sends=2,
// timerExpiries=1) took 3.1 million states and 164 s there and still missed six of the nine
// bug-zoo mutants. Four small scopes, searched one after another, reach every failure the
// single one reached and those six too, with a third of the states (README, "Exhaustive
// scope"). This is Alloy's small-scope habit with several `check` commands: "holds" means holds
// in every rung, each rung said by name; a violation is the shortest of the first rung that
// has one (a shorter one may need another rung's budgets, and the report says which rung).
// Each rung is a narrowing of the model's bounds (narrowBounds.ts: only enabledActions and the
// fingerprint read them), so every counterexample is a schedule of the model itself.

import type { Bounds } from './scenario.js';
import { BUDGET_KEYS, type BudgetKey } from './world/world.js';

/** A rung sets every environment budget. */
export type Rung = Readonly<Record<BudgetKey, number>>;

const QUIET = { losses: 0, duplicates: 0, reboots: 0, garps: 0 } as const;

/**
 * The ladder, cheapest first (seed lab, timestamped registration, states per property at depth
 * 16: about 400, 6,500, 50,000 and 160,000). What each rung is for:
 * 1. an off-path Map-Register with a wrong key (`no-auth-check`; PROTOCOL.md §3.3);
 * 2. two moves, A -> B -> A, racing their own registrations (F3; `no-notify-previous`,
 *    `refresh-after-move`, `merge-rlocs`);
 * 3. four packets around one move: a cached mapping, the move, the SMR and the refresh it asks
 *    for (`no-smr`, `smr-ignored`, `smr-request-to-source`);
 * 4. one timer expiry: the periodic Map-Register crossing a move (F2).
 * Left out, each for its cost, named in the README: losses, reboots, gratuitous ARPs, and
 * duplicates (`any-nonce` needs `duplicates=1,sends=4`: 417,000 states for one property; a rung
 * never exceeds the model's own bounds anyway, and the seed lab's allow no duplicate; a user's
 * `--bounds duplicates=1` holds in every rung, and rung 3 then finds it).
 */
export const EXHAUSTIVE_RUNGS: readonly Rung[] = [
  { moves: 1, sends: 1, spoofs: 1, timerExpiries: 0, ...QUIET },
  { moves: 2, sends: 2, spoofs: 0, timerExpiries: 0, ...QUIET },
  { moves: 1, sends: 4, spoofs: 0, timerExpiries: 0, ...QUIET },
  { moves: 1, sends: 2, spoofs: 0, timerExpiries: 1, ...QUIET },
];

/**
 * The depth the ladder is searched to when `--depth` is not given: past the end of every rung
 * (the seed lab's deepest ends before 40; every budget is capped, so each rung is finite), so a
 * rung's "holds" is a proof for its whole scope, not "within depth 16". The state budget still
 * stops a model whose rungs are larger.
 */
export const EXHAUSTIVE_LADDER_DEPTH = 100;

export interface ExhaustiveScope {
  /** The `--bounds` group that caps the model at the ladder's join (every rung fits in it); undefined when nothing needs capping. */
  caps: string | undefined;
  /** The rungs to search one after another; empty when the model (or the user's bounds) leaves a single scope: the capped model's own. */
  rungs: Rung[];
}

/**
 * The ladder for a model's `bounds`, given the keys the user set with `--bounds`: a key the user
 * gave is theirs in every rung, a model's bound below a rung's stays; rungs that another rung
 * contains are dropped (searching them again proves nothing new).
 */
export function exhaustiveScope(bounds: Bounds, given: ReadonlySet<string>): ExhaustiveScope {
  const own = (k: BudgetKey) => bounds[k] ?? Infinity;
  const fitted = EXHAUSTIVE_RUNGS.map((r) => Object.fromEntries(BUDGET_KEYS.map((k) => [k, given.has(k) ? own(k) : Math.min(r[k], own(k))])) as Record<BudgetKey, number>);
  const rungs = fitted.filter((r, i) => !fitted.some((o, j) => j !== i && contains(o, r) && (!contains(r, o) || j < i)));
  const caps: string[] = [];
  for (const k of BUDGET_KEYS) {
    if (given.has(k)) continue;
    const join = Math.max(...rungs.map((r) => r[k]));
    if (join < own(k)) caps.push(`${k}=${join}`);
  }
  return { caps: caps.length ? caps.join(',') : undefined, rungs: rungs.length > 1 ? rungs : [] };
}

/** Does scope `a` contain scope `b` (every budget at least as large)? */
function contains(a: Rung, b: Rung): boolean {
  return BUDGET_KEYS.every((k) => a[k] >= b[k]);
}

/** A rung as a `--bounds` group (finite keys only): `moves=1,losses=0,...`. */
export function rungText(r: Rung): string {
  return BUDGET_KEYS.filter((k) => Number.isFinite(r[k]))
    .map((k) => `${k}=${r[k]}`)
    .join(',');
}
