// The report's `coverage` (check --coverage): raw counts (coverage.ts) read against what could
// have happened: every state and arrow of each machine's xstate/graph graph, every control
// message type, every timer a machine handles, every budget with its bound. PURE, and ordered
// (machines, states and arrows in declaration order; the rest in fixed or sorted order), so the
// same check gives the same coverage, byte for byte.

import type { Model } from '../world/model.js';
import { BUDGET_KEYS, COVERED_RUNNERS, type CoverageData } from './coverage.js';
import { arrowKey, machineGraph } from './coverageGraph.js';

export interface MachineCoverage {
  machine: string;
  states: { total: number; reached: string[]; unreached: string[] };
  transitions: {
    total: number;
    reached: number;
    /** Arrows of the graph never taken, as `state --event--> state`. */
    unreached: string[];
    /** Arrows taken, with how often. */
    taken: { transition: string; count: number }[];
  };
}

export interface Coverage {
  machines: MachineCoverage[];
  /** Every control message type (and any other type that was explored), with its counts. */
  messages: { type: string; delivered: number; lost: number; duplicated: number }[];
  /** Every timer event a machine handles, with how often it fired. */
  timers: { machine: string; timer: string; fired: number }[];
  /** Explored actions by type: the environment (moves, sends, ARP), faults, deliveries, timers. */
  actions: { action: string; count: number }[];
  /** The highest use of each budget within one run, beside its bound (null: unlimited). */
  budgets: { budget: string; maxPerRun: number; bound: number | null }[];
  /** Per property: steps that judged something; armed: it judged, or got past its first vacuity stage. */
  properties: { id: string; judgedSteps: number; armed: boolean | null; furthest: string | null }[];
}

/** Control messages, always listed (zero counts are the point: what the bounds never exercised). */
const CONTROL_TYPES = ['map-register', 'map-notify', 'map-notify-ack', 'map-request', 'map-reply', 'smr', 'data'];
const ACTION_TYPES = ['host.move', 'hosts.move', 'host.send', 'host.garp', 'msg.deliver', 'msg.drop', 'msg.duplicate', 'timer.expire', 'xtr.reboot', 'ms.restart', 'spoof.register'];

export function coverageSummary(model: Model, data: CoverageData): Coverage {
  const machines: MachineCoverage[] = [];
  const timers: Coverage['timers'] = [];
  for (const [runner, name] of Object.entries(COVERED_RUNNERS) as [keyof Model['runners'], string][]) {
    const seen = data.machines[name] ?? { arrows: {}, states: {} };
    // The smr-ignore variant exists only where a router is configured with it.
    if (runner === 'mcSmrIgnore' && !Object.keys(seen.states).length && ![...model.topo.routers.values()].some((r) => r.spec.smrIgnore)) continue;
    const g = machineGraph(model.runners[runner].machine);
    const keys = g.arrows.map(arrowKey);
    const extra = Object.keys(seen.arrows)
      .filter((k) => !keys.includes(k))
      .sort();
    machines.push({
      machine: name,
      states: { total: g.states.length, reached: g.states.filter((s) => seen.states[s]), unreached: g.states.filter((s) => !seen.states[s]) },
      transitions: {
        total: keys.length,
        reached: keys.filter((k) => seen.arrows[k]).length,
        unreached: keys.filter((k) => !seen.arrows[k]),
        taken: [...keys, ...extra].filter((k) => seen.arrows[k]).map((k) => ({ transition: k, count: seen.arrows[k] })),
      },
    });
    const timerNames = [...new Set(g.arrows.filter((a) => a.event.startsWith('timer.')).map((a) => a.event.slice('timer.'.length)))];
    const fired = Object.keys(data.timers)
      .filter((k) => k.startsWith(`${name} `))
      .map((k) => k.slice(name.length + 1));
    for (const t of [...timerNames, ...fired.filter((f) => !timerNames.includes(f)).sort()]) timers.push({ machine: name, timer: t, fired: data.timers[`${name} ${t}`] ?? 0 });
  }
  const zero = { delivered: 0, lost: 0, duplicated: 0 };
  const types = [
    ...CONTROL_TYPES,
    ...Object.keys(data.messages)
      .filter((t) => !CONTROL_TYPES.includes(t))
      .sort(),
  ];
  const bounds = model.scenario.bounds as unknown as Record<string, number | undefined>;
  return {
    machines,
    messages: types.map((type) => ({ type, ...zero, ...data.messages[type] })),
    timers,
    actions: [
      ...ACTION_TYPES,
      ...Object.keys(data.actions)
        .filter((a) => !ACTION_TYPES.includes(a))
        .sort(),
    ].map((action) => ({ action, count: data.actions[action] ?? 0 })),
    budgets: BUDGET_KEYS.map((budget) => {
      const b = bounds[budget];
      return { budget, maxPerRun: data.maxPerRun[budget] ?? 0, bound: b === undefined || !Number.isFinite(b) ? null : b };
    }),
    properties: Object.entries(data.properties).map(([id, p]) => ({
      id,
      judgedSteps: p.judgedSteps,
      armed: p.judgedSteps > 0 ? true : p.stage === null ? null : p.stage > 0,
      furthest: p.judgedSteps > 0 ? null : p.reason,
    })),
  };
}
