// Exit codes (DESIGN.md §6, README "Exit codes") and the one way bad input ends a command: one
// line per diagnostic on stderr, exit 2. ADAPTER.

import { formatDiagnostic, type Diagnostic } from '../core/diagnostic.js';
import { escapeControls } from '../render/terminalText.js';
import type { Io } from './io.js';

/** What a CI job can trust: 0 only when every property was decided and holds (or matches `--expect`). */
export const EXIT = {
  /** Every property decided: holds (with `--expect`: every verdict as expected). */
  ok: 0,
  /** A violation (with `--expect`: a decided verdict that differs), or lint findings. */
  violated: 1,
  /** Invalid input, including a user property that throws; nothing or not everything was checked. */
  input: 2,
  /** A bug in roamcheck. */
  internal: 3,
  /** Some property undecided (`unknown`: a budget ran out or the run was interrupted), none violated. */
  unknown: 4,
} as const;

const RANK: Record<number, number> = { [EXIT.ok]: 0, [EXIT.unknown]: 1, [EXIT.violated]: 2, [EXIT.input]: 3, [EXIT.internal]: 4 };

/** The code that says more of two (a run over several models): internal > input > violated > unknown > ok. */
export function worseExit(a: number, b: number): number {
  return (RANK[b] ?? 5) > (RANK[a] ?? 5) ? b : a;
}

/** One diagnostic as one line, whatever control characters the names in it hold. */
export function diagnosticLine(d: Diagnostic): string {
  return escapeControls(formatDiagnostic(d));
}

export function fail(diagnostics: readonly Diagnostic[], io: Io): number {
  for (const d of diagnostics) io.err(diagnosticLine(d) + '\n');
  return EXIT.input;
}
