import { describe, expect, it } from 'vitest';
import { toDirectedGraph } from 'xstate/graph';
import { machineGraph } from '../../../src/core/check/coverageGraph.js';
import { machineCatalog } from '../../../src/core/machines/catalog.js';
import type { Scenario } from '../../../src/core/scenario.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import { machineSvg, topologySvg } from '../../../src/render/diagramSvg.js';
import { allText, byClass, descendants, parseSvg } from './svgXml.js';

/** The text of a state node: Graphviz puts the node's name in its <title>. */
const titleOf = (g: ReturnType<typeof byClass>[number]) => g.children.find((c) => c.name === 'title')!.text.trim();

describe('machineSvg', () => {
  for (const m of machineCatalog()) {
    it(`should draw ${m.name} as well-formed SVG with one node per state of its xstate/graph graph`, async () => {
      const svg = parseSvg(await machineSvg(m.machine, m.name));
      const states = byClass(svg, 'node', 'state');
      const graphStates = toDirectedGraph(m.machine).children.map((c) => c.stateNode.key);
      expect(states.map(titleOf).sort()).toEqual([...graphStates].sort());
      // Every event of every arrow is written on an edge.
      const edgeText = byClass(svg, 'edge', 'transition').map(allText).join('\n');
      for (const a of machineGraph(m.machine).arrows) expect(edgeText).toContain(a.event);
    });
  }

  it('should give the same bytes every time', async () => {
    const m = machineCatalog()[0];
    expect(await machineSvg(m.machine, 'x')).toBe(await machineSvg(m.machine, 'x'));
  });
});

/** The seed lab with every name of router, host, client and segment made hostile to XML and Graphviz. */
function hostileLab(): Scenario {
  const evil = (s: string) => `${s}<script>alert("x")</script>&amp;&bogus;'\\N\\G{|}\u0001`;
  let text = JSON.stringify(SEED_LAB);
  for (const name of ['dcedge-1', 'dcedge-2', 'core', 'vm1', 'web2', 'client']) {
    // The name as a whole string value, and at the start of `router iface` values.
    text = text.split(`"${name}"`).join(JSON.stringify(evil(name)));
    text = text.split(`"${name} `).join(JSON.stringify(`${evil(name)} `).slice(0, -1));
  }
  return JSON.parse(text) as Scenario;
}

describe('topologySvg', () => {
  it('should draw every router, segment, host and client of the seed lab', async () => {
    const svg = parseSvg(await topologySvg(SEED_LAB));
    expect(byClass(svg, 'node', 'router')).toHaveLength(SEED_LAB.routers.length);
    expect(byClass(svg, 'node', 'segment')).toHaveLength(new Set(SEED_LAB.segments.map((s) => s.name)).size);
    expect(byClass(svg, 'node', 'host')).toHaveLength(SEED_LAB.hosts.length);
    expect(byClass(svg, 'node', 'client')).toHaveLength(SEED_LAB.clients.length);
    expect(byClass(svg, 'edge', 'underlay')).toHaveLength(2);
  });

  it('should escape every name from a config: text only, never markup or a Graphviz escape', async () => {
    const lab = hostileLab();
    const raw = await topologySvg(lab);
    const svg = parseSvg(raw);
    expect(descendants(svg).some((e) => e.name === 'script')).toBe(false);
    const texts = descendants(svg)
      .filter((e) => e.name === 'text')
      .map((e) => e.text);
    // What XML cannot hold (a control character) is shown as U+FFFD; everything else as it is.
    const shown = (name: string) => name.replace('\u0001', '\uFFFD');
    for (const r of lab.routers) expect(texts).toContain(shown(r.name));
    for (const h of lab.hosts) expect(texts.some((t) => t === shown(h.name))).toBe(true);
  });
});
