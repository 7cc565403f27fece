// Command-line overrides of a scenario: `--bounds moves=1,losses=0` and `--set KEY=VALUE`.
// PURE. Every bad value is a Diagnostic (RC102/RC103) naming the key and what was expected.

import { diag, type Diagnostic } from './diagnostic.js';
import { CONVERGENCE_KEYS, REGISTRATIONS, type Bounds, type Convergence, type Registration, type Scenario, type Timers } from './scenario.js';

const NUMBER_BOUNDS = ['moves', 'losses', 'duplicates', 'reboots', 'spoofs', 'steps', 'maxLatency', 'timerExpiries', 'sends', 'garps'] as const;
const FLAG_BOUNDS = ['settleBeforeMove'] as const;
const BOUND_KEYS: readonly string[] = [...NUMBER_BOUNDS, ...FLAG_BOUNDS];
type NumberBound = (typeof NUMBER_BOUNDS)[number];
type FlagBound = (typeof FLAG_BOUNDS)[number];

function flag(text: string): boolean | undefined {
  return /^(true|1|yes|on)$/i.test(text) ? true : /^(false|0|no|off)$/i.test(text) ? false : undefined;
}

/** Set one bound from text; returns what it must be when the text does not fit. */
function setBound(bounds: Bounds, k: string, v: string): string | undefined {
  if ((FLAG_BOUNDS as readonly string[]).includes(k)) {
    const f = flag(v);
    if (f === undefined) return 'true or false';
    bounds[k as FlagBound] = f;
    return undefined;
  }
  const n = number(v);
  if (n === undefined) return 'a number >= 0 or "inf"';
  bounds[k as NumberBound] = n;
  return undefined;
}

function number(text: string): number | undefined {
  if (/^(inf|infinity|unlimited|\.inf)$/i.test(text)) return Infinity;
  const n = Number(text);
  return text.trim() !== '' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

/** Apply `--bounds` (comma-separated key=value) and `--set` overrides; returns a new scenario. */
export function applyOverrides(
  scenario: Scenario,
  opts: { bounds?: string[]; sets?: string[] },
): { scenario?: Scenario; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const bounds: Bounds = { ...scenario.bounds };
  const timers: Timers = { ...scenario.timers };
  let registration: Registration = scenario.registration;
  let l2 = scenario.l2;
  const convergence: Partial<Convergence> = { ...scenario.convergence };
  for (const group of opts.bounds ?? []) {
    for (const item of group.split(',').filter(Boolean)) {
      const [k, v = ''] = item.split('=');
      if (!BOUND_KEYS.includes(k)) {
        diagnostics.push(diag('error', 'RC102', `--bounds: unknown bound "${k}"`, { hint: `bounds: ${BOUND_KEYS.join(', ')}` }));
        continue;
      }
      const must = setBound(bounds, k, v);
      if (must) diagnostics.push(diag('error', 'RC102', `--bounds: "${k}" must be ${must}, got "${v}"`));
    }
  }
  for (const item of opts.sets ?? []) {
    const eq = item.indexOf('=');
    const k = eq < 0 ? item : item.slice(0, eq);
    const v = eq < 0 ? '' : item.slice(eq + 1);
    if (k === 'registration') {
      if ((REGISTRATIONS as readonly string[]).includes(v)) registration = v as Registration;
      else diagnostics.push(diag('error', 'RC103', `--set registration: must be one of ${REGISTRATIONS.join(', ')}, got "${v}"`));
    } else if (k === 'l2') {
      if (v === 'atomic' || v === 'async') l2 = v;
      else diagnostics.push(diag('error', 'RC103', `--set l2: must be atomic or async, got "${v}"`));
    } else if (k.startsWith('timers.') && k.slice(7) in timers) {
      const n = number(v);
      if (n === undefined || n === Infinity) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be a number of seconds >= 0, got "${v}"`));
      else timers[k.slice(7) as keyof Timers] = n;
    } else if (k.startsWith('bounds.') && BOUND_KEYS.includes(k.slice(7))) {
      const must = setBound(bounds, k.slice(7), v);
      if (must) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be ${must}, got "${v}"`));
    } else if (k.startsWith('convergence.') && (CONVERGENCE_KEYS as readonly string[]).includes(k.slice(12))) {
      const n = number(v);
      if (n === undefined || n === Infinity || n === 0) diagnostics.push(diag('error', 'RC103', `--set ${k}: must be a number > 0, got "${v}"`));
      else convergence[k.slice(12) as keyof Convergence] = n;
    } else {
      diagnostics.push(
        diag('error', 'RC103', `--set: unknown option "${k}"`, {
          hint: `registration, l2, timers.<${Object.keys(timers).join('|')}>, bounds.<${BOUND_KEYS.join('|')}>, convergence.<${CONVERGENCE_KEYS.join('|')}>`,
        }),
      );
    }
  }
  if (diagnostics.length) return { diagnostics };
  const conv = Object.keys(convergence).length ? { convergence } : {};
  return { scenario: { ...scenario, bounds, timers, registration, l2, ...conv }, diagnostics };
}
