// `roamcheck replay TRACE`: re-run a saved trace against its model and print it step by step;
// exit 1 if it still violates its property, 0 if not, 2 if the file or model is bad. ADAPTER.

import { diag } from '../core/diagnostic.js';
import { runActions } from '../core/explore/runSchedule.js';
import { stepData, type TraceFile } from '../core/trace/trace.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import type { Io } from './io.js';
import { diagnosticLine, fail } from './fail.js';
import { loadTraceModel, readTrace } from './readTrace.js';

export async function replayCommand(file: string, opts: { json?: boolean }, io: Io): Promise<number> {
  const parsed = readTrace(file, io.cwd);
  if (!parsed.trace) return fail(parsed.diagnostics, io);
  const t = parsed.trace;
  const run = loadTraceModel(t, io.cwd);
  if (!run.model) return fail(run.diagnostics, io);
  const property = t.property ? BUILTIN_PROPERTIES.find((p) => p.id === t.property) : null;
  if (t.property && !property) return fail([diag('error', 'RC232', `unknown property "${t.property}" in the trace`, { file })], io);
  const r = runActions(run.model, property ?? null, t.actions, true);
  if (r.notEnabled !== undefined) {
    return fail(
      [
        diag('error', 'RC233', `step ${r.notEnabled + 1} (${JSON.stringify(t.actions[r.notEnabled])}) is not enabled in model ${run.model.scenario.name}: the trace does not fit this model`, {
          file,
          hint: 'was the model or roamcheck changed since the trace was saved?',
        }),
      ],
      io,
    );
  }
  const steps = r.actions.map((a, i) => stepData(i, a, r.times![i], r.obs![i], r.texts![i]));
  if (opts.json) {
    const out: TraceFile = { ...t, verdict: property ? (r.violation ? 'violated' : 'holds') : null, message: r.violation?.message ?? null, actions: r.actions, steps };
    io.out(JSON.stringify(out, null, 2) + '\n');
  } else {
    io.out(`replay ${file}: model ${t.model}${t.options.mutant ? `, mutant ${t.options.mutant}` : ''}${t.property ? `, property ${t.property}` : ''}\n`);
    for (const s of steps) {
      io.out(`${String(s.i + 1).padStart(3)}. [t=${s.t}s] ${s.text}\n`);
      for (const l of s.log) io.out(`       ${l.node}: ${l.text}\n`);
    }
    io.out(r.violation ? `VIOLATED ${t.property}: ${r.violation.message}\n` : property ? `holds: ${t.property} is not violated by this trace\n` : '');
  }
  if (r.violation && r.actions.length < t.actions.length) {
    io.err(diagnosticLine(diag('info', 'RC234', `the violation happens at step ${r.actions.length}; the ${t.actions.length - r.actions.length} later actions were not replayed`, { file })) + '\n');
  }
  return r.violation ? 1 : 0;
}
