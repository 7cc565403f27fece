// A Model: the scenario compiled for stepping, with its machines built for one mutant.
// PURE. Everything `step` needs besides the World itself; built once per check.

import { createArpCacheMachine, ARP_CACHE_INITIAL } from '../machines/arpCacheMachine.js';
import { createDynEidMachine, DYN_EID_INITIAL } from '../machines/dynEidMachine.js';
import { MachineRunner, type Snap } from '../machines/machineRunner.js';
import { createMapCacheMachine, MAP_CACHE_INITIAL } from '../machines/mapCacheMachine.js';
import { createMapServerMachine, MAP_SERVER_INITIAL } from '../machines/mapServerMachine.js';
import type { TimerLength } from '../machines/out.js';
import type { Scenario, Timers } from '../scenario.js';
import type { ActorRef } from './actorRef.js';
import { compileTopology, type Topology } from './topology.js';

export type ActorKind = 'dyn' | 'ms' | 'mc' | 'arp';

export interface Model {
  scenario: Scenario;
  topo: Topology;
  mutant: string | null;
  runners: {
    dyn: MachineRunner;
    ms: MachineRunner;
    mc: MachineRunner;
    mcSmrIgnore: MachineRunner;
    arpHost: MachineRunner;
    arpRouter: MachineRunner;
  };
  maxLatencyMs: number;
  /** Whether some router's map-cache ignores SMRs (`smrIgnore`): only then does runnerFor read an mc id's router. */
  anySmrIgnore: boolean;
  /** When false, every machine is stepped through XState directly (the benchmark baseline). */
  cached: boolean;
}

export const INITIAL: Record<ActorKind, Snap> = {
  dyn: DYN_EID_INITIAL,
  ms: MAP_SERVER_INITIAL,
  mc: MAP_CACHE_INITIAL,
  arp: ARP_CACHE_INITIAL,
};

export function createModel(scenario: Scenario, opts: { mutant?: string | null; cached?: boolean } = {}): Model {
  const mutant = opts.mutant ?? null;
  const mutants = new Set(mutant ? [mutant] : []);
  const t = scenario.timers;
  return {
    scenario,
    topo: compileTopology(scenario),
    mutant,
    runners: {
      dyn: new MachineRunner(createDynEidMachine(mutants, { timestamped: scenario.registration === 'timestamped' }), DYN_EID_INITIAL),
      ms: new MachineRunner(createMapServerMachine(mutants, scenario.registration, t.notifyRetries), MAP_SERVER_INITIAL),
      mc: new MachineRunner(createMapCacheMachine(mutants, { retries: t.mapRequestRetries, smrIgnore: false }), MAP_CACHE_INITIAL),
      mcSmrIgnore: new MachineRunner(createMapCacheMachine(mutants, { retries: t.mapRequestRetries, smrIgnore: true }), MAP_CACHE_INITIAL),
      arpHost: new MachineRunner(createArpCacheMachine(mutants, { kind: 'host', retries: t.arpRetries }), ARP_CACHE_INITIAL),
      arpRouter: new MachineRunner(createArpCacheMachine(mutants, { kind: 'router', retries: t.arpRetries }), ARP_CACHE_INITIAL),
    },
    maxLatencyMs: scenario.bounds.maxLatency * 1000,
    anySmrIgnore: scenario.routers.some((r) => r.smrIgnore),
    cached: opts.cached ?? true,
  };
}

/** Actor ids: `dyn|ROUTER|IP`, `ms|ROUTER|IP`, `mc|ROUTER|IP`, `arp|h:HOST|IP`, `arp|r:ROUTER@IFACE|IP`. */
export function parseActorId(id: string): ParsedActorId {
  let p = parsedIds.get(id);
  if (p === undefined) {
    const [kind, owner, ip] = id.split('|');
    p = { kind: kind as ActorKind, owner, ip };
    // Ids are few per model but the table is module-wide: bounded, like the runners' caches.
    if (parsedIds.size >= 100_000) parsedIds.clear();
    parsedIds.set(id, p);
  }
  return p;
}

export interface ParsedActorId {
  readonly kind: ActorKind;
  readonly owner: string;
  readonly ip: string;
}

/** Ids are parsed by readers of worlds (monitors, coverage): once per id is enough (they are immutable text). The engine reads an actor ref's parts (actorRef.ts). */
const parsedIds = new Map<string, ParsedActorId>();

/**
 * The runner of an actor, told by its ref's kind (actorRef.ts): every fire asks. Only a map-cache
 * actor's router is looked up, and only when some router's map-cache ignores SMRs.
 */
export function runnerFor(model: Model, actor: ActorRef): MachineRunner {
  switch (actor.kind) {
    case 'dyn':
      return model.runners.dyn;
    case 'arp':
      return actor.hostArp ? model.runners.arpHost : model.runners.arpRouter;
    case 'ms':
      return model.runners.ms;
    default:
      if (!model.anySmrIgnore) return model.runners.mc;
      return model.topo.routers.get(actor.owner)?.spec.smrIgnore ? model.runners.mcSmrIgnore : model.runners.mc;
  }
}

/** A named timer length in ms for an actor (router ARP timeouts are per interface). */
export function timerMs(model: Model, actor: ActorRef, after: TimerLength): number {
  // A field load, not `in`: asked for every timer armed.
  const seconds = (after as { seconds?: number }).seconds;
  if (seconds !== undefined) return seconds * 1000;
  after = after as Exclude<TimerLength, { seconds: number }>;
  if (after.timer === 'routerArpTimeout') {
    // Per interface: armed on every ARP refresh of every router, so the ref remembers the last
    // model's answer (a field compare; a WeakMap by model and a Map by owner cost more, perf; issue 9).
    if (actor.cachedFor === model) return actor.cachedMs;
    const spec = model.topo.routers.get(actor.node)?.ifaces.find((i) => i.name === actor.iface)?.spec;
    actor.cachedFor = model;
    actor.cachedMs = (spec?.arpTimeout ?? 14400) * 1000;
    return actor.cachedMs;
  }
  const base = model.scenario.timers[after.timer as keyof Timers];
  return Math.round(base * (after.scale ?? 1) * 1000);
}
