// Documentation diagrams as SVG pictures: a machine's states and transitions (the arrows of its
// xstate/graph graph) and a model's topology, laid out and drawn by Graphviz (graphvizSvg.ts).
// PURE: data -> SVG text (async only because Graphviz's WebAssembly is instantiated once).
// Every name is passed to Graphviz as data and escaped by it; each state is one `g.node.state`.

import type { AnyStateMachine } from 'xstate';
import { ANY, machineGraph } from '../core/check/coverageGraph.js';
import type { Scenario } from '../core/scenario.js';
import { subnetOf } from '../core/world/addr.js';
import { graphvizSvg, gvLabel, gvName, type Graph } from './graphvizSvg.js';

const FONT = 'Helvetica,Arial,sans-serif';
const INK = '#24292f';
const LINE = '#57606a';

/** Pseudo-nodes; a space keeps them apart from any state name a machine declares. */
const START = ' start';
const ANYWHERE = ' any state';

/** A machine's state diagram: one node per state, one edge per (source, target), labelled with its events. */
export function machineSvg(machine: AnyStateMachine, title: string): Promise<string> {
  const g = machineGraph(machine);
  const node = (s: string) => (s === ANY ? ANYWHERE : gvName(s));
  // Parallel arrows (same source and target) share one edge whose label lists their events.
  const edges = new Map<string, { tail: string; head: string; events: string[] }>();
  for (const a of g.arrows) {
    const tail = node(a.from);
    const head = a.to === ANY ? tail : node(a.to);
    const k = `${tail}\u0000${head}`;
    const e = edges.get(k) ?? { tail, head, events: [] };
    if (!e.events.includes(a.event)) e.events.push(a.event);
    edges.set(k, e);
  }
  const graph: Graph = {
    name: title,
    directed: true,
    graphAttributes: { rankdir: 'LR', label: gvLabel(title), labelloc: 't', fontname: FONT, fontsize: 16, fontcolor: INK, nodesep: 0.35, ranksep: 0.6, pad: 0.2 },
    nodeAttributes: { fontname: FONT, fontsize: 13, fontcolor: INK, color: LINE, shape: 'box', style: 'rounded,filled', fillcolor: '#f6f8fa' },
    edgeAttributes: { fontname: FONT, fontsize: 10, fontcolor: INK, color: LINE, arrowsize: 0.7 },
    nodes: [
      { name: START, attributes: { shape: 'point', width: 0.15, class: 'initial', label: '', fillcolor: INK, color: INK } },
      ...g.states.map((s) => ({ name: node(s), attributes: { label: gvLabel(s), class: 'state' } })),
      ...(g.arrows.some((a) => a.from === ANY) ? [{ name: ANYWHERE, attributes: { label: 'any state', class: 'any', style: 'rounded,dashed', fillcolor: 'white', fontcolor: LINE } }] : []),
    ],
    edges: [
      { tail: START, head: node(g.initial), attributes: { class: 'initial' } },
      ...[...edges.values()].map((e) => ({ tail: e.tail, head: e.head, attributes: { label: gvLabel(...e.events), class: 'transition' } })),
    ],
  };
  return graphvizSvg(graph);
}

/** A model's topology: routers (roles, RLOC), segments, hosts (and where they may move), clients, the underlay. */
export function topologySvg(s: Scenario): Promise<string> {
  const R = (n: string) => gvName(`router:${n}`);
  const S = (n: string) => gvName(`segment:${n}`);
  const H = (n: string) => gvName(`host:${n}`);
  const C = (n: string) => gvName(`client:${n}`);
  const nodes: NonNullable<Graph['nodes']> = [];
  const edges: NonNullable<Graph['edges']> = [];
  for (const r of s.routers) {
    const roles = [r.itr && 'ITR', r.etr && 'ETR', r.ms && 'MS', r.mr && 'MR', r.pitr && 'PITR', r.petr && 'PETR'].filter(Boolean).join('/');
    const lines = [r.name, ...(roles ? [roles] : []), ...(r.rloc ? [`RLOC ${r.rloc}`] : [])];
    nodes.push({ name: R(r.name), attributes: { label: gvLabel(...lines), class: 'router', shape: 'box', style: 'filled', fillcolor: '#ddf4ff' } });
  }
  for (const seg of s.segments) {
    nodes.push({
      name: S(seg.name),
      attributes: { label: gvLabel(`${seg.name}${seg.isolated ? ' (isolated)' : ''}`), class: 'segment', shape: 'box', style: 'rounded,filled', fillcolor: '#f6f8fa', margin: '0.2,0.08' },
    });
    for (const a of seg.interfaces) edges.push({ tail: R(a.router), head: S(seg.name), attributes: { label: gvLabel(a.iface), dir: 'none', class: 'attachment' } });
  }
  const segOf = (router: string, iface: string) => s.segments.find((g) => g.interfaces.some((a) => a.router === router && a.iface === iface))?.name;
  for (const h of s.hosts) {
    nodes.push({ name: H(h.name), attributes: { label: gvLabel(h.name, h.ip), class: 'host', shape: 'parallelogram', style: 'filled', fillcolor: '#dafbe1' } });
    const home = segOf(h.at.router, h.at.iface);
    if (home !== undefined) edges.push({ tail: S(home), head: H(h.name), attributes: { dir: 'none', class: 'attachment' } });
    for (const m of h.moves) {
      const to = segOf(m.router, m.iface);
      if (to !== undefined && to !== home) edges.push({ tail: H(h.name), head: S(to), attributes: { label: 'may move', style: 'dashed', class: 'move', constraint: false } });
    }
  }
  for (const c of s.clients) {
    nodes.push({ name: C(c.name), attributes: { label: gvLabel(c.name, c.ip), class: 'client', shape: 'parallelogram', style: 'filled', fillcolor: '#fff8c5' } });
    edges.push({ tail: C(c.name), head: R(c.via), attributes: { dir: 'none', class: 'attachment' } });
  }
  // The underlay: routers sharing a connected subnet that is not a mobility segment.
  for (let i = 0; i < s.routers.length; i++) {
    for (let j = i + 1; j < s.routers.length; j++) {
      const shared = s.routers[i].interfaces.find(
        (a) =>
          a.address !== undefined &&
          a.prefixLength !== undefined &&
          a.prefixLength < 32 &&
          !a.mobility.length &&
          s.routers[j].interfaces.some(
            (b) => b.address !== undefined && b.prefixLength === a.prefixLength && subnetOf(a.address!, a.prefixLength!).first === subnetOf(b.address, a.prefixLength!).first,
          ),
      );
      if (shared)
        edges.push({
          tail: R(s.routers[i].name),
          head: R(s.routers[j].name),
          attributes: { dir: 'none', penwidth: 2.5, class: 'underlay', tooltip: gvLabel(`underlay ${shared.address}/${shared.prefixLength}`) },
        });
    }
  }
  return graphvizSvg({
    name: s.name,
    directed: true,
    graphAttributes: { rankdir: 'TB', label: gvLabel(`${s.name} topology`), labelloc: 't', fontname: FONT, fontsize: 16, fontcolor: INK, nodesep: 0.4, ranksep: 0.55, pad: 0.2 },
    nodeAttributes: { fontname: FONT, fontsize: 12, fontcolor: INK, color: LINE },
    edgeAttributes: { fontname: FONT, fontsize: 10, fontcolor: INK, color: LINE, arrowsize: 0.7 },
    nodes,
    edges,
  });
}
