// A trace as text, step by step with everything each node logged. PURE: (trace) -> string.

import type { TraceFile } from '../core/trace/trace.js';

export function renderTraceShow(t: TraceFile): string {
  const head = `trace of model ${t.model}${t.options.mutant ? `, mutant ${t.options.mutant}` : ''}${t.property ? `, property ${t.property}` : ''}${t.seed !== null ? `, seed ${t.seed}` : ''}`;
  const lines = [head];
  for (const s of t.steps) {
    lines.push(`${String(s.i + 1).padStart(3)}. [t=${s.t}s] ${s.text}`);
    for (const l of s.log) lines.push(`       ${l.node}: ${l.text}`);
  }
  if (t.verdict === 'violated') lines.push(`VIOLATED ${t.property}: ${t.message}`);
  return lines.join('\n') + '\n';
}
