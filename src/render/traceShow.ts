// `trace show`: a trace as text, each step followed by what it changed (traceDiff.ts), or by
// the whole state with `full`. PURE: (trace, its re-run states, options) -> string.

import type { TraceStates } from '../core/trace/snapshotSteps.js';
import type { TraceFile } from '../core/trace/trace.js';
import { renderTraceDiff, type TraceDiffOptions } from './traceDiff.js';

export function renderTraceShow(t: TraceFile, states: TraceStates, opts: TraceDiffOptions = {}): string {
  return renderTraceDiff(t, states, opts);
}
