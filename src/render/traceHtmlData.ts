// The data the HTML explorer shows, as one JSON-able object: the trace's header, the topology,
// the state before and after every step with what each step changed, the message sequence.
// PURE: (model, trace, re-run states, sequence) -> ExplorerData. The page script (traceHtmlScript.ts)
// only reads it; nothing in it is ever parsed as HTML.

import type { Sequence } from '../core/trace/sequence.js';
import type { PacketPath } from '../core/trace/packetPath.js';
import { rowId, type Snapshot } from '../core/trace/snapshot.js';
import type { TraceStates } from '../core/trace/snapshotSteps.js';
import type { TraceFile } from '../core/trace/trace.js';
import type { Model } from '../core/world/model.js';
import { changeText } from './traceDiff.js';

export interface ExplorerStep {
  /** 1-based, as `trace show` numbers steps. */
  n: number;
  text: string;
  t: number;
  log: { node: string; text: string }[];
  /** Row ids (snapshot.ts rowId) changed by the step, with the change in words. */
  changes: { row: string; text: string; removed: boolean; before: string }[];
  sent: string[];
  gone: string[];
  fates: { packet: string; fate: string; reason?: string; at: string }[];
  packets: PacketPath[];
}

export interface ExplorerData {
  format: 'roamcheck-explorer';
  model: string;
  source: string;
  property: string | null;
  mutant: string | null;
  seed: number | null;
  verdict: 'violated' | 'holds' | null;
  message: string | null;
  /** The property's meaning and where its rule comes from, when it is a built-in one. */
  explain: { description: string; reference: string } | null;
  topology: {
    routers: { name: string; rloc: string; roles: string[] }[];
    hosts: { name: string; ip: string }[];
    clients: { name: string; ip: string; via: string }[];
  };
  /** states[0] before the first step, states[k] after step k. */
  states: Snapshot[];
  steps: ExplorerStep[];
  sequence: { participants: string[]; events: (Sequence['events'][number] & { step: number })[] };
}

export function explorerData(model: Model, t: TraceFile, states: TraceStates, seq: Sequence, explain?: { description: string; reference: string }): ExplorerData {
  const topo = model.topo;
  const roles = (r: { itr: boolean; etr: boolean; ms: boolean; pitr: boolean; petr: boolean }) =>
    [r.ms && 'MS/MR', r.itr && r.etr ? 'xTR' : r.itr ? 'ITR' : r.etr ? 'ETR' : false, r.pitr && 'PITR', r.petr && 'PETR'].filter((x): x is string => !!x);
  return {
    format: 'roamcheck-explorer',
    model: t.model,
    source: t.source,
    property: t.property,
    mutant: t.options.mutant,
    seed: t.seed,
    verdict: t.verdict,
    message: t.message,
    explain: explain ?? null,
    topology: {
      routers: [...topo.routers.values()].map((r) => ({ name: r.name, rloc: r.rloc, roles: roles(r.spec) })).sort((a, b) => cmp(a.name, b.name)),
      hosts: [...topo.hosts.values()].map((h) => ({ name: h.name, ip: h.spec.ip })),
      clients: [...topo.clients.values()].map((c) => ({ name: c.name, ip: c.ip, via: c.via })),
    },
    states: [states.initial, ...states.steps.map((s) => s.snapshot)],
    steps: states.steps.map((s, k) => ({
      n: s.i + 1,
      text: s.text,
      t: s.snapshot.t,
      log: t.steps[k]?.log ?? [],
      changes: s.changes.map((c) => ({ row: rowId(c), text: changeText(c), removed: !c.after, before: c.before?.value ?? '' })),
      sent: s.sent.map((m) => m.text),
      gone: s.gone.map((m) => m.text),
      fates: s.fates,
      packets: s.packets,
    })),
    sequence: { participants: seq.participants, events: seq.events.map((e, k) => ({ ...e, step: seq.stepOf[k] + 1 })) },
  };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
