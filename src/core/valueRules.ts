// What each bound and timer of a scenario may be, one table read by scenario.yaml's schema
// (config/) and by `--bounds`/`--set` (overrides.ts), so the file and the command line agree. PURE.

import { LIMITS } from './limits.js';
import { describeRange } from './parseDecimal.js';
import { DEFAULT_TIMERS } from './scenario.js';

/** A number's allowed range; `inf` also allows Infinity ("unlimited"). */
export interface NumberRule {
  min: number;
  max: number;
  fraction?: boolean;
  inf?: boolean;
}

export const NUMBER_BOUNDS = ['moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'steps', 'maxLatency', 'timerExpiries', 'sends', 'garps'] as const;
/** Bounds that are switches, not budgets. */
export const FLAG_BOUNDS = ['settleBeforeMove'] as const;
export const BOUND_KEYS: readonly string[] = [...NUMBER_BOUNDS, ...FLAG_BOUNDS];
export type NumberBound = (typeof NUMBER_BOUNDS)[number];

/** Timers that count retries rather than seconds. */
const RETRY_COUNTS: ReadonlySet<string> = new Set(['mapRequestRetries', 'notifyRetries', 'arpRetries']);
export const TIMER_KEYS: readonly string[] = Object.keys(DEFAULT_TIMERS);

export function isNumberBound(k: string): k is NumberBound {
  return (NUMBER_BOUNDS as readonly string[]).includes(k);
}
export function isFlagBound(k: string): boolean {
  return (FLAG_BOUNDS as readonly string[]).includes(k);
}
export function isTimer(k: string): boolean {
  return TIMER_KEYS.includes(k);
}

/**
 * `steps` is at least 1 (a bound of 0 makes every run empty, so every property would hold on
 * nothing) and never unlimited (it sizes fast-check's arrays); the budgets may be `inf`.
 */
export function boundRule(k: NumberBound): NumberRule {
  if (k === 'steps') return { min: 1, max: LIMITS.steps };
  if (k === 'maxLatency') return { min: 0, max: LIMITS.budget, fraction: true, inf: true };
  return { min: 0, max: LIMITS.budget, inf: true };
}

/** Seconds are at least 1 ms: a zero (or 1e-300) timer re-arms at the same instant forever. */
export function timerRule(k: string): NumberRule {
  return RETRY_COUNTS.has(k) ? { min: 0, max: LIMITS.retries } : { min: LIMITS.timerMinSeconds, max: LIMITS.timerMaxSeconds, fraction: true };
}

/** "a whole number from 0 to 1000000 or inf", for messages. */
export function describeRule(r: NumberRule, unit = ''): string {
  return `${describeRange(r, r.fraction ? `a number${unit}` : `a whole number${unit}`)}${r.inf ? ' or inf' : ''}`;
}
