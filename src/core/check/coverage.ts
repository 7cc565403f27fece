// Coverage in protocol terms (`check --coverage`): which machine states and transitions, message
// types, timers, environment actions and faults a check exercised, and how far each property got.
// PURE. Collected only when asked for, by wrapping the model's machine runners (each stepped
// event is matched to the transition XState takes, an arrow of the machine's xstate/graph graph)
// and the property (each explored step's action): the hot loop of a plain check is untouched.
// The raw CoverageData of several properties (or worker threads) merges by adding counts;
// coverageSummary.ts turns it into the report's `coverage`.

import type { Property, Vacuity } from '../properties/property.js';
import { MachineRunner, type MachineStep, type Snap } from '../machines/machineRunner.js';
import { parseActorId, type Model } from '../world/model.js';
import { BUDGET_KEYS } from '../world/world.js';
import { arrowKey, arrowOf } from './coverageGraph.js';

/** The model's runners, each a machine as coverage names it. */
export const COVERED_RUNNERS = {
  dyn: 'dynEid',
  ms: 'mapServer',
  mc: 'mapCache',
  mcSmrIgnore: 'mapCache (smr ignore)',
  arpHost: 'arpCache (host)',
  arpRouter: 'arpCache (router)',
} as const satisfies Record<keyof Model['runners'], string>;

/** Budgets whose highest use in one run coverage reports (World.used): all of them. */
export { BUDGET_KEYS };

type Counts = Record<string, number>;

/** What one check of one property exercised, as counts (merge by adding). */
export interface CoverageData {
  /** By machine name: transitions taken (by arrow key), and states stepped from or into. */
  machines: Record<string, { arrows: Counts; states: Counts }>;
  /** By message type: delivered, lost (msg.drop) and duplicated, as explored actions. */
  messages: Record<string, { delivered: number; lost: number; duplicated: number }>;
  /** Timers fired, by `machine timer`. */
  timers: Counts;
  /** Explored actions by type (host.move, msg.drop, xtr.reboot, ...). */
  actions: Counts;
  /** Highest use of each budget within one run (or one explored path). */
  maxPerRun: Counts;
  /** By property id: steps that judged something, and the furthest vacuity stage reached. */
  properties: Record<string, { judgedSteps: number; stage: number | null; reason: string | null }>;
}

export function emptyCoverage(): CoverageData {
  return { machines: {}, messages: {}, timers: {}, actions: {}, maxPerRun: {}, properties: {} };
}

const add = (c: Counts, k: string, n = 1) => {
  c[k] = (c[k] ?? 0) + n;
};

/** Add `b` into `a` (property by property, worker by worker); returns `a`. */
export function mergeCoverage(a: CoverageData, b: CoverageData): CoverageData {
  for (const [m, d] of Object.entries(b.machines)) {
    const into = (a.machines[m] ??= { arrows: {}, states: {} });
    for (const [k, n] of Object.entries(d.arrows)) add(into.arrows, k, n);
    for (const [k, n] of Object.entries(d.states)) add(into.states, k, n);
  }
  for (const [t, d] of Object.entries(b.messages)) {
    const into = (a.messages[t] ??= { delivered: 0, lost: 0, duplicated: 0 });
    into.delivered += d.delivered;
    into.lost += d.lost;
    into.duplicated += d.duplicated;
  }
  for (const [k, n] of Object.entries(b.timers)) add(a.timers, k, n);
  for (const [k, n] of Object.entries(b.actions)) add(a.actions, k, n);
  for (const [k, n] of Object.entries(b.maxPerRun)) a.maxPerRun[k] = Math.max(a.maxPerRun[k] ?? 0, n);
  for (const [id, p] of Object.entries(b.properties)) {
    const q = a.properties[id];
    if (!q) a.properties[id] = { ...p };
    else {
      q.judgedSteps += p.judgedSteps;
      if (p.stage !== null && (q.stage === null || p.stage > q.stage)) Object.assign(q, { stage: p.stage, reason: p.reason });
    }
  }
  return a;
}

/**
 * A runner that steps exactly as the one it wraps (sharing its cache) and counts, for every
 * event, the transition XState takes: matched once per (state, context, event), then memoised.
 */
class RecordingRunner extends MachineRunner {
  private readonly taken = new Map<string, string[]>();

  constructor(
    private readonly inner: MachineRunner,
    private readonly into: { arrows: Counts; states: Counts },
  ) {
    super(inner.machine, inner.initial);
  }

  override step(snap: Snap, event: { type: string }): MachineStep {
    return this.record(snap, event, this.inner.step(snap, event));
  }

  override stepUncached(snap: Snap, event: { type: string }): MachineStep {
    return this.record(snap, event, this.inner.stepUncached(snap, event));
  }

  private record(snap: Snap, event: { type: string }, r: MachineStep): MachineStep {
    const key = snap.v + '\u0000' + JSON.stringify(snap.c) + '\u0000' + JSON.stringify(event);
    let arrows = this.taken.get(key);
    if (arrows === undefined) {
      const state = this.machine.resolveState({ value: snap.v, context: snap.c });
      arrows = this.machine.getTransitionData(state, event as any).map((t) => arrowKey(arrowOf(t)));
      // Bounded like MachineRunner's own cache: crude, but memory stays flat.
      if (this.taken.size >= 200_000) this.taken.clear();
      this.taken.set(key, arrows);
    }
    for (const a of arrows) add(this.into.arrows, a);
    add(this.into.states, snap.v);
    if (r.next.v !== snap.v) add(this.into.states, r.next.v);
    return r;
  }
}

/** The machine (as coverage names it) that steps an actor. */
function machineOf(model: Model, actorId: string): string {
  const { kind, owner } = parseActorId(actorId);
  if (kind === 'mc') return model.topo.routers.get(owner)?.spec.smrIgnore ? COVERED_RUNNERS.mcSmrIgnore : COVERED_RUNNERS.mc;
  if (kind === 'arp') return owner.startsWith('h:') ? COVERED_RUNNERS.arpHost : COVERED_RUNNERS.arpRouter;
  return kind === 'dyn' ? COVERED_RUNNERS.dyn : COVERED_RUNNERS.ms;
}

export interface CoverageRun<S> {
  /** The model with recording runners: explore with it instead of the model. */
  model: Model;
  /** The property with every explored step observed: explore with it instead of the property. */
  property: Property<S>;
  data: CoverageData;
}

/** Wrap a model and a property so that everything an exploration does with them is counted. */
export function withCoverage<S>(model: Model, property: Property<S>): CoverageRun<S> {
  const data = emptyCoverage();
  const runners = Object.fromEntries(
    (Object.keys(COVERED_RUNNERS) as (keyof typeof COVERED_RUNNERS)[]).map((k) => [k, new RecordingRunner(model.runners[k], (data.machines[COVERED_RUNNERS[k]] ??= { arrows: {}, states: {} }))]),
  ) as unknown as Model['runners'];
  const covered: Model = { ...model, runners };
  const judge = (data.properties[property.id] = { judgedSteps: 0, stage: null as number | null, reason: null as string | null });
  const vacuity = property.vacuity?.bind(property);
  const furthest = (v: Vacuity) => {
    if (judge.stage === null || v.stage > judge.stage) Object.assign(judge, { stage: v.stage, reason: v.reason });
  };
  const observed: Property<S> = {
    ...property,
    init(m, world) {
      const s = property.init(m, world);
      if (vacuity) furthest(vacuity(s, m));
      return s;
    },
    step(s, ctx) {
      const a = ctx.action;
      add(data.actions, a.type);
      if (a.type === 'msg.deliver' || a.type === 'msg.drop' || a.type === 'msg.duplicate') {
        const m = ctx.before.msgs.find((x) => x.id === a.id);
        if (m) {
          const c = (data.messages[m.type] ??= { delivered: 0, lost: 0, duplicated: 0 });
          if (a.type === 'msg.deliver') c.delivered++;
          else if (a.type === 'msg.drop') c.lost++;
          else c.duplicated++;
        }
      } else if (a.type === 'timer.expire') {
        const t = ctx.before.timers.find((x) => x.key === a.key);
        if (t) add(data.timers, `${machineOf(model, t.actor)} ${t.name.split(':')[0]}`);
      }
      for (const k of BUDGET_KEYS) {
        const used = ctx.after.used[k];
        if (used > (data.maxPerRun[k] ?? 0)) data.maxPerRun[k] = used;
      }
      const r = property.step(s, ctx);
      if (r.judged) judge.judgedSteps++;
      else if (vacuity && judge.judgedSteps === 0) furthest(vacuity(r.state, ctx.model));
      return r;
    },
  };
  return { model: covered, property: observed, data };
}
