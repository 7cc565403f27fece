// `roamcheck trace show|mermaid|itf TRACE [-o FILE]`: render a saved trace. ADAPTER.
// `mermaid` and `itf` re-run the trace on its model (to know who sent what, and every state).

import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { diag } from '../core/diagnostic.js';
import { runActions } from '../core/explore/runSchedule.js';
import { itfOf } from '../core/trace/itf.js';
import { sequenceOf } from '../core/trace/sequence.js';
import { renderTraceMermaid } from '../render/traceMermaid.js';
import { renderTraceShow } from '../render/traceShow.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { loadTraceModel, readTrace } from './readTrace.js';

const FORMATS = ['show', 'mermaid', 'itf'] as const;

export async function traceCommand(format: string, file: string, opts: { output?: string; force?: boolean }, io: Io): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(format)) {
    return fail([diag('error', 'RC111', `trace: unknown format "${format}"`, { hint: `formats: ${FORMATS.join(', ')}` })], io);
  }
  const parsed = readTrace(file, io.cwd);
  if (!parsed.trace) return fail(parsed.diagnostics, io);
  const t = parsed.trace;
  let out: string;
  if (format === 'show') out = renderTraceShow(t);
  else {
    const run = loadTraceModel(t, io.cwd);
    if (!run.model) return fail(run.diagnostics, io);
    const check = runActions(run.model, null, t.actions, false);
    if (check.notEnabled !== undefined) {
      return fail([diag('error', 'RC233', `step ${check.notEnabled + 1} is not enabled in model ${run.model.scenario.name}: the trace does not fit this model`, { file })], io);
    }
    out =
      format === 'mermaid'
        ? renderTraceMermaid(sequenceOf(run.model, t.actions), `${t.model}${t.property ? `: ${t.property}` : ''}`)
        : JSON.stringify(itfOf(run.model, t.actions, { model: t.model, property: t.property ?? '', mutant: t.options.mutant ?? '' }), null, 2) + '\n';
  }
  if (!opts.output) {
    io.out(out);
    return 0;
  }
  const target = resolve(io.cwd, opts.output);
  // Nothing the user gave is overwritten unless they say so.
  if (existsSync(target) && !opts.force) {
    return fail([diag('error', 'RC236', `${opts.output} exists; not overwritten`, { file: opts.output, hint: 'choose another -o, or add --force' })], io);
  }
  writeFileSync(target, out);
  return 0;
}
