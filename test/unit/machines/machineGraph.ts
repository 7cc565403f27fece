// Shared harness for the machine tests: every state and every transition walked with xstate/graph.
// The graph search (getShortestPaths) finds every reachable snapshot for a representative event
// alphabet; from each, every event is stepped through MachineRunner.stepUncached and the transition
// XState took is matched to the edges of toDirectedGraph(machine). Also: the MachineRunner replay
// along the test model, simple-path routes, and small helpers for reading outputs.

import { expect } from 'vitest';
import type { AnyMachineSnapshot, AnyStateMachine, AnyTransitionDefinition, EventObject } from 'xstate';
import { createTestModel, getShortestPaths, getSimplePaths, type DirectedGraphNode } from 'xstate/graph';
import { MachineRunner, type MachineStep, type Snap } from '../../../src/core/machines/machineRunner.js';
import type { Out } from '../../../src/core/machines/out.js';

/** One transition taken from one reachable snapshot. */
export interface Exercised<E extends EventObject> {
  /** `state event#i`: the i-th transition declared for `event` on `state`. */
  edge: string;
  from: Snap;
  event: E;
  to: Snap;
  outs: readonly Out[];
}

/** What `explore` found: the state values reached and every transition exercised. */
export interface Exploration<E extends EventObject> {
  reached: Set<string>;
  exercised: Exercised<E>[];
}

/** An event alphabet, built from the snapshot it is offered in (most ignore it). */
export type Alphabet<E extends EventObject> = (s: Snap) => E[];

export const toSnap = (s: AnyMachineSnapshot): Snap => ({ v: String(s.value), c: s.context });

export function edgeKey(t: AnyTransitionDefinition): string {
  const declared = t.source.transitions.get(t.eventType) ?? [];
  return `${t.source.path.join('.') || '(root)'} ${t.eventType}#${declared.indexOf(t)}`;
}

export function graphEdges(node: DirectedGraphNode): string[] {
  return [...node.edges.map((e) => edgeKey(e.transition)), ...node.children.flatMap(graphEdges)];
}

/** Every reachable snapshot (shortest paths), and every transition taken from each of them.
 * `serialize` says when two snapshots are the same node of the search (exactly equal by default). */
export function explore<E extends EventObject>(machine: AnyStateMachine, initial: Snap, alphabet: Alphabet<E>, serialize: (s: Snap) => string = (s) => JSON.stringify(s)): Exploration<E> {
  const paths = getShortestPaths(machine, { events: (s) => alphabet(toSnap(s)), serializeState: (s) => serialize(toSnap(s)) });
  const runner = new MachineRunner(machine, initial);
  const exercised: Exercised<E>[] = [];
  for (const p of paths) {
    const from = toSnap(p.state);
    for (const event of alphabet(from)) {
      const taken = machine.getTransitionData(p.state, event);
      if (taken.length === 0) continue;
      const { next, outs } = runner.stepUncached(from, event);
      for (const t of taken) exercised.push({ edge: edgeKey(t), from, event, to: next, outs });
    }
  }
  return { reached: new Set(paths.map((p) => String(p.state.value))), exercised };
}

/** Outputs other than log lines, which carry the protocol effects. */
export const effects = (outs: readonly Out[]) => outs.filter((o) => o.kind !== 'log');
/** The text of the log lines among the outputs. */
export const logs = (outs: readonly Out[]) => outs.flatMap((o) => (o.kind === 'log' ? [o.text] : []));

/** `steps(from, e1, e2, …)`: each step of the runner from `from`, the next starting where the last ended. */
export function stepper<E extends EventObject>(runner: MachineRunner) {
  return (from: Snap, ...events: E[]): MachineStep[] => {
    const trail: MachineStep[] = [];
    let at = from;
    for (const e of events) {
      const step = runner.stepUncached(at, e);
      trail.push(step);
      at = step.next;
    }
    return trail;
  };
}

/** Replays every shortest path of the test model through MachineRunner, expecting the runner's
 * snapshot to equal XState's at every state, and the paths to visit every state of the machine.
 * Events are matched by type, so the alphabet offered in `initial` must hold every event type. */
export async function expectReplayedAlongTestModel<E extends EventObject>(
  machine: AnyStateMachine,
  initial: Snap,
  alphabet: Alphabet<E>,
  filterEvents?: (s: AnyMachineSnapshot, e: E) => boolean,
): Promise<void> {
  const model = createTestModel(machine, {
    events: (s) => alphabet(toSnap(s)),
    ...(filterEvents ? { filterEvents } : {}),
    serializeState: (s) => JSON.stringify(toSnap(s)),
  });
  const runner = new MachineRunner(machine, initial);
  let sut: Snap = initial;
  const exec = (step: { event: EventObject }) => {
    sut = runner.stepUncached(sut, step.event).next;
  };
  const events = Object.fromEntries(alphabet(initial).map((e) => [e.type, exec]));
  const paths = model.getShortestPaths();
  // (test-model paths are deduplicated: a path that is a prefix of another is left out)
  const visited = new Set(paths.flatMap((p) => p.steps.map((s) => String(s.state.value))));
  expect(visited).toEqual(new Set(Object.keys(machine.root.states)));
  for (const path of paths) {
    sut = initial;
    await path.test({ events, states: { '*': (s) => expect(sut).toEqual(toSnap(s)) } });
  }
}

/** The simple paths to the first snapshot whose state value is `target`, snapshots told apart by value alone. */
export function simplePathsTo<E extends EventObject>(machine: AnyStateMachine, alphabet: Alphabet<E>, target: string) {
  return getSimplePaths(machine, {
    events: (s: AnyMachineSnapshot) => alphabet(toSnap(s)),
    serializeState: (s: AnyMachineSnapshot) => String(s.value),
    toState: (s) => s.matches(target),
  });
}

/** The same simple paths as routes: `a > b > c`, one per state sequence. */
export function simpleRoutesTo<E extends EventObject>(machine: AnyStateMachine, alphabet: Alphabet<E>, target: string): Set<string> {
  return new Set(simplePathsTo(machine, alphabet, target).map((p) => p.steps.map((s) => String(s.state.value)).join(' > ')));
}
