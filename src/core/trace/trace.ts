// Counterexample and simulation traces as versioned data (DESIGN.md §6: `roamcheck-trace` v1).
// PURE. A trace holds what is needed to rebuild the run (model source, options, seed, actions)
// and enough of each step to render it without re-running anything.

import { diag, type Diagnostic } from '../diagnostic.js';
import { actionText, type Action } from '../world/action.js';
import type { Observation } from '../world/observation.js';

export const TRACE_FORMAT = 'roamcheck-trace';
export const TRACE_VERSION = 1;

export interface TraceOptions {
  registration: string;
  mutant: string | null;
  /** The `--bounds` and `--set` overrides given on the command line, verbatim. */
  bounds: string[];
  sets: string[];
}

export interface TraceStepData {
  i: number;
  action: string;
  /** The action in protocol words. */
  text: string;
  /** Logical time after the step, seconds. */
  t: number;
  summary: string;
  log: { node: string; text: string }[];
  fates: { packet: string; fate: string; reason?: string; at: string }[];
}

export interface TraceFile {
  format: typeof TRACE_FORMAT;
  version: typeof TRACE_VERSION;
  tool: 'roamcheck';
  model: string;
  /** The model folder as given on the command line, or `embedded:seed-lab`. */
  source: string;
  options: TraceOptions;
  seed: number | null;
  path: string | null;
  property: string | null;
  verdict: 'violated' | 'holds' | null;
  message: string | null;
  actions: Action[];
  steps: TraceStepData[];
}

/** One line saying what a step did, from its observations. */
export function summarize(action: Action, obs: readonly Observation[]): string {
  const parts: string[] = [];
  for (const o of obs) {
    if (o.kind === 'fate') parts.push(o.fate === 'delivered' ? `${o.pkt.src} -> ${o.pkt.dst} delivered` : `${o.pkt.src} -> ${o.pkt.dst} dropped (${o.reason}) at ${o.at}`);
  }
  const logs = obs.filter((o): o is Extract<Observation, { kind: 'log' }> => o.kind === 'log');
  // A simultaneous move says every host's vMotion, not only the first.
  const heads = action.type === 'hosts.move' ? logs.filter((l) => l.text.startsWith('vMotion ')) : logs.slice(0, 1);
  const head = heads.length ? heads.map((l) => `${l.node}: ${l.text}`).join('; ') : actionText(action);
  return parts.length ? `${head}; ${parts.join('; ')}` : head;
}

export function stepData(i: number, action: Action, t: number, obs: readonly Observation[], text?: string): TraceStepData {
  return {
    i,
    action: action.type,
    text: text ?? actionText(action),
    t: t / 1000,
    summary: summarize(action, obs),
    log: obs.flatMap((o) => (o.kind === 'log' ? [{ node: o.node, text: o.text }] : [])),
    fates: obs.flatMap((o) => (o.kind === 'fate' ? [{ packet: `${o.pkt.src}->${o.pkt.dst}#${o.pkt.id}`, fate: o.fate, reason: o.reason, at: o.at }] : [])),
  };
}

const ACTION_FIELDS: Record<string, Record<string, 'number' | 'string' | 'moves'>> = {
  'msg.deliver': { id: 'number' },
  'msg.drop': { id: 'number' },
  'msg.duplicate': { id: 'number' },
  'timer.expire': { key: 'string' },
  'host.move': { host: 'string', to: 'string' },
  'hosts.move': { moves: 'moves' },
  'host.send': { src: 'string', dst: 'string' },
  'host.garp': { host: 'string' },
  'xtr.reboot': { router: 'string' },
  'ms.restart': { router: 'string' },
  'spoof.register': { eid: 'string' },
  'clock.wait': { until: 'number' },
};

/** Parse and validate a trace file's text; every problem is a diagnostic naming the file. */
export function parseTrace(text: string, file: string): { trace?: TraceFile; diagnostics: Diagnostic[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec(String(e));
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    return { diagnostics: [diag('error', 'RC230', `not valid JSON: ${(e as Error).message}`, { file, line, hint: 'a trace is the JSON file roamcheck wrote under --trace-dir' })] };
  }
  const d: Diagnostic[] = [];
  const bad = (message: string, hint?: string) => d.push(diag('error', 'RC231', message, { file, line: lineOf(text, message), hint }));
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    bad('a trace must be a JSON object');
    return { diagnostics: d };
  }
  const t = data as Record<string, unknown>;
  if (t.format !== TRACE_FORMAT) bad(`"format" must be "${TRACE_FORMAT}", got ${JSON.stringify(t.format)}`);
  if (t.version !== TRACE_VERSION) bad(`"version" must be ${TRACE_VERSION}, got ${JSON.stringify(t.version)}`, 'this roamcheck reads trace format version 1');
  if (typeof t.source !== 'string') bad('"source" must be a string (the model folder or embedded:seed-lab)');
  const o = t.options as Record<string, unknown> | undefined;
  if (!o || typeof o !== 'object' || !Array.isArray(o.bounds) || !Array.isArray(o.sets) || !(o.mutant === null || typeof o.mutant === 'string')) {
    bad('"options" must be an object with "mutant" (string or null), "bounds" and "sets" (arrays of strings)');
  }
  if (!Array.isArray(t.actions)) bad('"actions" must be an array of actions');
  else {
    t.actions.forEach((a, i) => {
      const fields = a && typeof a === 'object' ? ACTION_FIELDS[(a as { type?: string }).type ?? ''] : undefined;
      if (!fields) return bad(`"actions[${i}]" has unknown type ${JSON.stringify((a as { type?: unknown })?.type)}`, `types: ${Object.keys(ACTION_FIELDS).join(', ')}`);
      for (const [k, ty] of Object.entries(fields)) {
        const v = (a as Record<string, unknown>)[k];
        if (ty === 'moves' ? !isMoveList(v) : typeof v !== ty) bad(`"actions[${i}].${k}" must be ${ty === 'moves' ? 'a non-empty list of { host, to } (strings)' : `a ${ty}`}`);
      }
    });
  }
  if (d.length) return { diagnostics: d };
  return { trace: data as TraceFile, diagnostics: [] };
}

/** `hosts.move`'s list of { host, to }. */
function isMoveList(v: unknown): boolean {
  return Array.isArray(v) && v.length > 0 && v.every((m) => m && typeof m === 'object' && typeof m.host === 'string' && typeof m.to === 'string');
}

/** Best-effort line of the key a message names, so diagnostics point into the file. */
function lineOf(text: string, message: string): number | undefined {
  const m = /"([a-z]+)/.exec(message);
  if (!m) return undefined;
  const at = text.indexOf(`"${m[1]}"`);
  return at < 0 ? undefined : text.slice(0, at).split('\n').length;
}
