// An event log in the words of the protocol: one line per thing a node said or did.
// PURE: (steps) -> string.

import type { Observation } from '../core/world/observation.js';

export interface LoggedStep {
  t: number;
  obs: readonly Observation[];
}

/** `[   0.000] node: text` lines; times in seconds of logical clock. */
export function renderEventLog(steps: readonly LoggedStep[]): string {
  const lines: string[] = [];
  for (const s of steps) {
    for (const o of s.obs) {
      if (o.kind === 'log') lines.push(`[${(s.t / 1000).toFixed(3).padStart(9)}] ${o.node}: ${o.text}`);
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
