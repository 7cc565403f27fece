// Bad input ends a command the same way everywhere: one line per diagnostic on stderr, exit 2.
// ADAPTER.

import { formatDiagnostic, type Diagnostic } from '../core/diagnostic.js';
import type { Io } from './io.js';

export function fail(diagnostics: readonly Diagnostic[], io: Io): number {
  for (const d of diagnostics) io.err(formatDiagnostic(d) + '\n');
  return 2;
}
