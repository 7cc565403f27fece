// Documentation diagrams as Mermaid: state diagrams of the machines (from xstate/graph's
// directed graph) and the topology of a model. PURE: data -> string. The topology's names come
// from configs and the scenario: node ids are generated (r0 routers, s0 segments, h0 hosts, c0
// clients) and every name is an escaped label (mermaidText.ts).

import type { AnyStateMachine } from 'xstate';
import { toDirectedGraph } from 'xstate/graph';
import type { Scenario } from '../core/scenario.js';
import { subnetOf } from '../core/world/addr.js';
import { idsFor, mermaidLabel as text, mermaidTitle } from './mermaidText.js';

/** `stateDiagram-v2` of a machine: one arrow per (source, target, event), guarded variants merged. */
export function machineMermaid(machine: AnyStateMachine, title: string): string {
  const graph = toDirectedGraph(machine);
  const lines = ['---', `title: ${mermaidTitle(title)}`, '---', 'stateDiagram-v2'];
  const initial = machine.root.initial?.target?.[0]?.key;
  if (initial) lines.push(`  [*] --> ${initial}`);
  const seen = new Set<string>();
  for (const child of graph.children) {
    for (const e of child.edges) {
      const from = e.source.key;
      const to = e.target.key;
      const line = `  ${from} --> ${to}: ${e.label.text}`;
      if (!seen.has(line)) {
        seen.add(line);
        lines.push(line);
      }
    }
  }
  return lines.join('\n') + '\n';
}

/** `flowchart` of a model: routers with roles and RLOCs, segments, hosts (and where they may move), clients. */
export function topologyMermaid(s: Scenario): string {
  const lines = ['---', `title: ${mermaidTitle(s.name)}`, '---', 'flowchart LR'];
  const router = idsFor('r');
  const segment = idsFor('s');
  const host = idsFor('h');
  const client = idsFor('c');
  for (const r of s.routers) {
    const roles = [r.itr && 'ITR', r.etr && 'ETR', r.ms && 'MS', r.mr && 'MR', r.pitr && 'PITR', r.petr && 'PETR'].filter(Boolean).join('/');
    lines.push(`  ${router(r.name)}["${text(r.name)}<br/>${roles}${r.rloc ? `<br/>RLOC ${text(r.rloc)}` : ''}"]`);
  }
  for (const seg of s.segments) {
    lines.push(`  ${segment(seg.name)}(["${text(seg.name)}${seg.isolated ? ' (isolated)' : ''}"])`);
    for (const a of seg.interfaces) lines.push(`  ${router(a.router)} ---|"${text(a.iface)}"| ${segment(seg.name)}`);
  }
  const segOf = (router: string, iface: string) => s.segments.find((g) => g.interfaces.some((a) => a.router === router && a.iface === iface))?.name;
  for (const h of s.hosts) {
    lines.push(`  ${host(h.name)}[/"${text(h.name)}<br/>${text(h.ip)}"/]`);
    const home = segOf(h.at.router, h.at.iface);
    if (home) lines.push(`  ${host(h.name)} --- ${segment(home)}`);
    for (const m of h.moves) {
      const to = segOf(m.router, m.iface);
      if (to) lines.push(`  ${host(h.name)} -. may move .-> ${segment(to)}`);
    }
  }
  for (const c of s.clients) lines.push(`  ${client(c.name)}[/"${text(c.name)}<br/>${text(c.ip)}"/] --- ${router(c.via)}`);
  // The underlay: routers sharing a connected subnet.
  for (let i = 0; i < s.routers.length; i++) {
    for (let j = i + 1; j < s.routers.length; j++) {
      const shared = s.routers[i].interfaces.find(
        (a) =>
          a.address &&
          a.prefixLength !== undefined &&
          a.prefixLength < 32 &&
          s.routers[j].interfaces.some((b) => b.address && b.prefixLength === a.prefixLength && sameSubnet(a.address!, b.address!, a.prefixLength!)),
      );
      if (shared && !shared.mobility.length) lines.push(`  ${router(s.routers[i].name)} === ${router(s.routers[j].name)}`);
    }
  }
  return lines.join('\n') + '\n';
}

function sameSubnet(a: string, b: string, len: number): boolean {
  return subnetOf(a, len).first === subnetOf(b, len).first;
}
