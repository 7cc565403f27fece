// `roamcheck trace show|html|mermaid|itf TRACE [-o FILE]`: render a saved trace. ADAPTER.
// Every format re-runs the trace on its model (to know who sent what, and every state).

import { resolve } from 'node:path';
import { diag } from '../core/diagnostic.js';
import { runActions } from '../core/explore/runSchedule.js';
import { itfOf } from '../core/trace/itf.js';
import { sequenceOf } from '../core/trace/sequence.js';
import { snapshotSteps } from '../core/trace/snapshotSteps.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { ANSI_PAINT } from '../render/ansiPaint.js';
import { NO_PAINT } from '../render/checkText.js';
import { renderTraceHtml } from '../render/traceHtml.js';
import { explorerData } from '../render/traceHtmlData.js';
import { renderTraceMermaid } from '../render/traceMermaid.js';
import { renderTraceSequenceSvg } from '../render/traceSequenceSvg.js';
import { renderTraceShow } from '../render/traceShow.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { loadTraceModel, readTrace } from './readTrace.js';
import { checkOutput, outputError, writeOutput } from './safeWrite.js';

const FORMATS = ['show', 'html', 'mermaid', 'itf'] as const;

export interface TraceOptions {
  output?: string;
  force?: boolean;
  /** `show`: the whole state after each step. */
  full?: boolean;
  /** `show`: every node's log lines too. */
  log?: boolean;
  /** `--no-color` sets false; colour still needs a TTY without NO_COLOR (io.color). */
  color?: boolean;
  /** `mermaid`: `mermaid` (the diagram's text, default) or `svg` (the diagram drawn). */
  format?: string;
}

const MERMAID_FORMATS = ['mermaid', 'svg'];

export async function traceCommand(format: string, file: string, opts: TraceOptions, io: Io): Promise<number> {
  if (!(FORMATS as readonly string[]).includes(format)) {
    return fail([diag('error', 'RC111', `trace: unknown format "${format}"`, { hint: `formats: ${FORMATS.join(', ')}` })], io);
  }
  if (opts.format !== undefined && (format !== 'mermaid' || !MERMAID_FORMATS.includes(opts.format))) {
    return fail(
      [
        diag('error', 'RC117', format === 'mermaid' ? `trace mermaid: unknown --format "${opts.format}"` : `trace ${format}: --format is for trace mermaid`, {
          hint: `trace mermaid --format ${MERMAID_FORMATS.join('|')}`,
        }),
      ],
      io,
    );
  }
  // A bad -o is known before any work: a folder, a missing folder, an existing file without --force.
  const bad = opts.output === undefined ? null : checkOutput(resolve(io.cwd, opts.output), opts.output, !!opts.force);
  if (bad) return fail([bad], io);
  const parsed = readTrace(file, io.cwd);
  if (!parsed.trace) return fail(parsed.diagnostics, io);
  const t = parsed.trace;
  const run = loadTraceModel(t, io.cwd);
  if (!run.model) return fail(run.diagnostics, io);
  const model = run.model;
  const check = runActions(model, null, t.actions, false);
  if (check.notEnabled !== undefined) {
    return fail([diag('error', 'RC233', `step ${check.notEnabled + 1} is not enabled in model ${model.scenario.name}: the trace does not fit this model`, { file })], io);
  }
  let out: string;
  if (format === 'show') {
    out = renderTraceShow(t, snapshotSteps(model, t.actions), { full: opts.full, log: opts.log, paint: io.color && opts.color !== false && !opts.output ? ANSI_PAINT : NO_PAINT });
  } else if (format === 'html') {
    const property = BUILTIN_PROPERTIES.find((p) => p.id === t.property);
    out = renderTraceHtml(
      explorerData(model, t, snapshotSteps(model, t.actions), sequenceOf(model, t.actions), property ? { description: property.description, reference: property.reference } : undefined),
    );
  } else if (format === 'mermaid' && opts.format === 'svg') {
    out = renderTraceSequenceSvg(sequenceOf(model, t.actions), `${t.model}${t.property ? `: ${t.property}` : ''}`);
  } else if (format === 'mermaid') {
    out = renderTraceMermaid(sequenceOf(model, t.actions), `${t.model}${t.property ? `: ${t.property}` : ''}`);
  } else {
    out = JSON.stringify(itfOf(model, t.actions, { model: t.model, property: t.property ?? '', mutant: t.options.mutant ?? '' }), null, 2) + '\n';
  }
  if (!opts.output) {
    io.out(out);
    return 0;
  }
  // Nothing the user gave is overwritten unless they say so, and a symlink is never followed.
  try {
    writeOutput(resolve(io.cwd, opts.output), out, !!opts.force);
  } catch (e) {
    return fail([outputError(e, opts.output)], io);
  }
  return 0;
}
