// `roamcheck simulate [MODEL] --do ACTION ...`: scripted actions, printed as an event log in
// the words of the protocol, or as a trace with --json. ADAPTER.

import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import { parseScriptOp, type ScriptOp } from '../core/explore/script.js';
import { simulate } from '../core/explore/simulate.js';
import { stepData, TRACE_FORMAT, TRACE_VERSION, type TraceFile } from '../core/trace/trace.js';
import { renderEventLog } from '../render/eventLog.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { loadForRun, type RunOptions } from './loadForRun.js';

export async function simulateCommand(modelArg: string | undefined, opts: RunOptions & { do?: string[]; json?: boolean }, io: Io): Promise<number> {
  const run = loadForRun(modelArg, opts, io.cwd);
  if (!run.model) return fail(run.diagnostics, io);
  const ops: ScriptOp[] = [];
  const bad: Diagnostic[] = [];
  for (const text of opts.do ?? []) {
    const r = parseScriptOp(run.model, text);
    if ('op' in r) ops.push(r);
    else bad.push(r);
  }
  if ((opts.do ?? []).length > LIMITS.doActions)
    bad.push(diag('error', 'RC101', `--do: at most ${LIMITS.doActions} actions in one run, got ${(opts.do ?? []).length}`, { hint: 'split the script into several runs' }));
  const waited = ops.reduce((sum, o) => sum + (o.op === 'wait' ? o.seconds : 0), 0);
  if (waited > LIMITS.waitSeconds)
    bad.push(diag('error', 'RC101', `--do: the waits add up to ${waited} s, more than ${LIMITS.waitSeconds} s`, { hint: 'simulate a shorter time; timers repeat, so a day shows every behaviour' }));
  if (bad.length) return fail(bad, io);
  const result = simulate(run.model, ops);
  if (opts.json) {
    const trace: TraceFile = {
      format: TRACE_FORMAT,
      version: TRACE_VERSION,
      tool: 'roamcheck',
      model: run.model.scenario.name,
      source: run.source,
      options: { registration: run.model.scenario.registration, mutant: opts.mutant ?? null, bounds: opts.bounds ?? [], sets: opts.set ?? [] },
      seed: null,
      path: null,
      property: null,
      verdict: null,
      message: null,
      actions: result.steps.map((s) => s.action),
      steps: result.steps.map((s, i) => stepData(i, s.action, s.t, s.obs, s.text)),
    };
    io.out(JSON.stringify(trace, null, 2) + '\n');
  } else {
    io.out(renderEventLog(result.steps));
  }
  return 0;
}
