// Diagnostics: bad input reported as data, never thrown (STYLE.md "three kinds of failure").
// PURE. Codes: RC1xx command line, RC2xx files and syntax, RC3xx model semantics.

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `RC201`. */
  code: string;
  message: string;
  file?: string;
  line?: number;
  hint?: string;
}

export function diag(severity: Severity, code: string, message: string, where: { file?: string; line?: number; hint?: string } = {}): Diagnostic {
  return { severity, code, message, ...where };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** One line per diagnostic: `file:line: error RC201: message (hint: ...)`. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}` : ''}: ` : '';
  const hint = d.hint ? ` (hint: ${d.hint})` : '';
  return `${where}${d.severity} ${d.code}: ${d.message}${hint}`;
}
