// Counterexample and simulation traces as versioned data (DESIGN.md §6: `roamcheck-trace` v1).
// PURE. A trace holds what is needed to rebuild the run (model source, options, seed, actions)
// and enough of each step to render it without re-running anything.

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
