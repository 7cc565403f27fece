// A machine's states and transitions as its diagram draws them and coverage counts them: one
// arrow per (source state, event, target state), from xstate/graph's directed graph. PURE.
// Guarded variants with the same source, event and target are one arrow. A transition declared
// on the machine's root (e.g. `reboot` from any state) is one arrow from ANY; a targetless one
// there stays in whatever state the machine was in (to ANY).

import type { AnyStateMachine, AnyTransitionDefinition } from 'xstate';
import { toDirectedGraph, type DirectedGraphNode } from 'xstate/graph';

/** The source (or target) of a transition declared on the machine's root: any state. */
export const ANY = '*';

export interface Arrow {
  from: string;
  event: string;
  to: string;
}

export interface MachineGraph {
  initial: string;
  /** Every state, in declaration order. */
  states: string[];
  /** Every arrow, in declaration order (states first to last, then the root's). */
  arrows: Arrow[];
}

/** The arrow a transition XState took (or declares) belongs to. */
export function arrowOf(t: AnyTransitionDefinition): Arrow {
  const atRoot = t.source.path.length === 0;
  const from = atRoot ? ANY : t.source.key;
  const target = t.target?.[0];
  return { from, event: t.eventType, to: target ? target.key : from };
}

/** A stable key of an arrow (also its text): `cached --smr.receive--> refreshing`. */
export function arrowKey(a: Arrow): string {
  return `${a.from === ANY ? 'any state' : a.from} --${a.event}--> ${a.to === ANY ? '(same state)' : a.to}`;
}

/** States and arrows of a flat machine, from `toDirectedGraph` (so exactly those of its graph). */
export function machineGraph(machine: AnyStateMachine): MachineGraph {
  const graph = toDirectedGraph(machine);
  const arrows: Arrow[] = [];
  const seen = new Set<string>();
  const add = (node: DirectedGraphNode) => {
    for (const e of node.edges) {
      const a = arrowOf(e.transition);
      const k = arrowKey(a);
      if (!seen.has(k)) {
        seen.add(k);
        arrows.push(a);
      }
    }
  };
  graph.children.forEach(add);
  add(graph);
  return {
    initial: machine.root.initial?.target?.[0]?.key ?? graph.children[0]?.stateNode.key ?? '',
    states: graph.children.map((c) => c.stateNode.key),
    arrows,
  };
}
