// Command-line overrides of a scenario: `--bounds moves=1,losses=0` and `--set KEY=VALUE`.
// PURE. Every bad item is a Diagnostic (RC102/RC103) naming the key and what was expected; the
// number grammar is parseDecimal's and the ranges are valueRules' (the same as scenario.yaml's).
// Keys are looked up in fixed lists, never with `in` on an object, so `timers.toString` or
// `bounds.__proto__` is an unknown key like any other.

import { diag, type Diagnostic } from './diagnostic.js';
import { parseDecimal } from './parseDecimal.js';
import { CONVERGENCE_KEYS, REGISTRATIONS, type Bounds, type Convergence, type Registration, type Scenario, type Timers } from './scenario.js';
import { BOUND_KEYS, boundRule, describeRule, isFlagBound, isNumberBound, isTimer, TIMER_KEYS, timerRule, type NumberRule } from './valueRules.js';

/** What `--bounds` and `--set` change, scenario-independent (checked before a model is read). */
export interface Overrides {
  bounds: Partial<Bounds>;
  timers: Partial<Timers>;
  registration?: Registration;
  l2?: 'atomic' | 'async';
  /** The convergence bound of eventual properties (scenario `convergence:`). */
  convergence: Partial<Convergence>;
}

/** Convergence bounds are positive (a bound of 0 would judge before anything could settle), as in scenario.yaml. */
const CONVERGENCE_RULES: Readonly<Record<string, NumberRule>> = {
  seconds: { min: 0.001, max: 10_000_000, fraction: true },
  retransmissions: { min: 1, max: 1000 },
};

function flag(text: string): boolean | undefined {
  return /^(true|1|yes|on)$/i.test(text) ? true : /^(false|0|no|off)$/i.test(text) ? false : undefined;
}

function ruled(text: string, rule: NumberRule): number | undefined {
  if (rule.inf && text === 'inf') return Infinity;
  return parseDecimal(text, rule);
}

/** `KEY=VALUE` split at the first `=`; undefined when there is no `=` or no key. */
function keyValue(item: string): [string, string] | undefined {
  const eq = item.indexOf('=');
  return eq <= 0 ? undefined : [item.slice(0, eq), item.slice(eq + 1)];
}

/** Set one bound from text; returns what it must be when the text does not fit. */
function setBound(bounds: Partial<Bounds>, k: string, v: string): string | undefined {
  if (isFlagBound(k)) {
    const f = flag(v);
    if (f === undefined) return 'true or false';
    bounds.settleBeforeMove = f;
    return undefined;
  }
  if (!isNumberBound(k)) return undefined; // callers check the key first
  const rule = boundRule(k);
  const n = ruled(v, rule);
  if (n === undefined) return describeRule(rule);
  bounds[k] = n;
  return undefined;
}

/** Read `--bounds` groups (comma-separated KEY=VALUE) and `--set` items, reporting every bad one. */
export function parseOverrides(opts: { bounds?: readonly string[]; sets?: readonly string[] }): { overrides: Overrides; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const overrides: Overrides = { bounds: {}, timers: {}, convergence: {} };
  const boundsHint = { hint: `bounds: ${BOUND_KEYS.join(', ')}` };
  for (const group of opts.bounds ?? []) {
    for (const item of group.split(',')) {
      const kv = keyValue(item);
      if (!kv) {
        diagnostics.push(diag('error', 'RC102', `--bounds: expected KEY=VALUE, got "${item}"`, { hint: 'e.g. --bounds moves=1,losses=0' }));
        continue;
      }
      const [k, v] = kv;
      if (!BOUND_KEYS.includes(k)) {
        diagnostics.push(diag('error', 'RC102', `--bounds: unknown bound "${k}"`, boundsHint));
        continue;
      }
      const must = setBound(overrides.bounds, k, v);
      if (must) diagnostics.push(diag('error', 'RC102', `--bounds: "${k}" must be ${must}, got "${v}"`));
    }
  }
  for (const item of opts.sets ?? []) {
    const kv = keyValue(item);
    if (!kv) {
      diagnostics.push(diag('error', 'RC103', `--set: expected KEY=VALUE, got "${item}"`, { hint: 'e.g. --set registration=timestamped' }));
      continue;
    }
    const [k, v] = kv;
    const sub = k.slice(k.indexOf('.') + 1);
    if (k === 'registration') {
      if ((REGISTRATIONS as readonly string[]).includes(v)) overrides.registration = v as Registration;
      else diagnostics.push(diag('error', 'RC103', `--set registration: must be one of ${REGISTRATIONS.join(', ')}, got "${v}"`));
    } else if (k === 'l2') {
      if (v === 'atomic' || v === 'async') overrides.l2 = v;
      else diagnostics.push(diag('error', 'RC103', `--set l2: must be atomic or async, got "${v}"`));
    } else if (k.startsWith('timers.') && isTimer(sub)) {
      const rule = timerRule(sub);
      const n = ruled(v, rule);
      if (n === undefined) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be ${describeRule(rule, rule.fraction ? ' of seconds' : '')}, got "${v}"`));
      else overrides.timers[sub as keyof Timers] = n;
    } else if (k.startsWith('bounds.') && BOUND_KEYS.includes(sub)) {
      const must = setBound(overrides.bounds, sub, v);
      if (must) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be ${must}, got "${v}"`));
    } else if (k.startsWith('convergence.') && (CONVERGENCE_KEYS as readonly string[]).includes(sub)) {
      const rule = CONVERGENCE_RULES[sub];
      const n = ruled(v, rule);
      if (n === undefined) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be ${describeRule(rule)}, got "${v}"`));
      else overrides.convergence[sub as keyof Convergence] = n;
    } else {
      diagnostics.push(
        diag('error', 'RC103', `--set: unknown option "${k}"`, {
          hint: `registration, l2, timers.<${TIMER_KEYS.join('|')}>, bounds.<${BOUND_KEYS.join('|')}>, convergence.<${CONVERGENCE_KEYS.join('|')}>`,
        }),
      );
    }
  }
  return { overrides, diagnostics };
}

/** Apply `--bounds` (comma-separated key=value) and `--set` overrides; returns a new scenario. */
export function applyOverrides(scenario: Scenario, opts: { bounds?: readonly string[]; sets?: readonly string[] }): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const { overrides: o, diagnostics } = parseOverrides(opts);
  if (diagnostics.length) return { diagnostics };
  return {
    scenario: {
      ...scenario,
      bounds: { ...scenario.bounds, ...o.bounds },
      timers: { ...scenario.timers, ...o.timers },
      registration: o.registration ?? scenario.registration,
      l2: o.l2 ?? scenario.l2,
      ...(Object.keys(o.convergence).length ? { convergence: { ...scenario.convergence, ...o.convergence } } : {}),
    },
    diagnostics,
  };
}
