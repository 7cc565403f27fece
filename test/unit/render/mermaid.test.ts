// @vitest-environment jsdom
// Mermaid output with hostile names, read back by Mermaid's own parser (the `mermaid` package,
// 11.x). Sequence diagrams parse in plain Node; flowcharts and state diagrams need DOMPurify,
// hence jsdom as this file's environment (dev dependency, tests only).

import mermaid from 'mermaid';
import { describe, expect, it } from 'vitest';
import { machineCatalog } from '../../../src/core/machines/catalog.js';
import { SEED_LAB } from '../../../src/core/seedLab.js';
import type { Scenario } from '../../../src/core/scenario.js';
import type { Sequence } from '../../../src/core/trace/sequence.js';
import { machineMermaid, topologyMermaid } from '../../../src/render/diagramMermaid.js';
import { renderTraceMermaid } from '../../../src/render/traceMermaid.js';

const HOSTILE = ['vm-1', 'vm_1', 'end', 'a;b', 'say "hi"', 'two\nlines', '%%{init: {}}%%', 'x#35;y', '<b>bold</b>', 'participant', 'Note over', 'ü-ß', 'p0', 'a:b', 'opt', 'x|y{z}'];

/** Mermaid's model of a diagram: the parser's database, filled from the text. */
async function parsed(text: string) {
  await expect(mermaid.parse(text)).resolves.toBeTruthy();
  return (await mermaid.mermaidAPI.getDiagramFromText(text)).db as unknown as Record<string, (...a: unknown[]) => unknown>;
}

describe('renderTraceMermaid', () => {
  it('should parse with hostile participant names and keep every participant apart, labelled by its name', async () => {
    const seq: Sequence = {
      participants: HOSTILE,
      events: HOSTILE.flatMap((from, i) => [
        { kind: 'msg' as const, from, to: HOSTILE[(i + 1) % HOSTILE.length], label: `Map-Register ${from}; end`, lost: i % 2 === 0, t: i },
        { kind: 'note' as const, over: from, label: `${from} noted "${from}"\nend`, t: i },
      ]),
      stepOf: HOSTILE.flatMap((_, i) => [i, i]),
    };
    const text = renderTraceMermaid(seq, 'model "x";\nend');
    const db = await parsed(text);
    const actors = db.getActors() as Map<string, { description: string }>;
    expect(actors.size).toBe(HOSTILE.length);
    const labels = [...actors.values()].map((a) => a.description);
    // Mermaid shows entities (#59;) as their characters when it draws; the names are all there.
    expect(labels).toHaveLength(new Set(labels).size);
    expect(labels).toContain('vm-1');
    expect(labels).toContain('vm_1');
    expect((db.getMessages() as unknown[]).length).toBe(HOSTILE.length * 2);
  });
});

describe('topologyMermaid', () => {
  it('should parse with hostile router, host and model names and keep look-alike routers apart', async () => {
    const rename = (n: string) => ({ 'dcedge-1': 'vm-1', 'dcedge-2': 'vm_1', core: 'end;"x' })[n] ?? n;
    const s: Scenario = structuredClone(SEED_LAB);
    s.name = 'lab\n---\ntitle: "forged"';
    for (const r of s.routers) r.name = rename(r.name);
    for (const g of s.segments) {
      g.name = `${g.name} "${g.name}" | end`;
      for (const a of g.interfaces) a.router = rename(a.router);
    }
    for (const h of s.hosts) {
      h.name = `${h.name}\nclick h0 call alert()`;
      h.at = { ...h.at, router: rename(h.at.router) };
      h.moves = h.moves.map((m) => ({ ...m, router: rename(m.router) }));
    }
    for (const c of s.clients) c.via = rename(c.via);
    const text = topologyMermaid(s);
    const db = await parsed(text);
    const vertices = db.getVertices() as Map<string, unknown>;
    expect([...vertices.keys()].filter((k) => /^r\d+$/.test(k))).toHaveLength(s.routers.length);
    expect(text).not.toMatch(/^\s*click /m);
  });
});

describe('machineMermaid', () => {
  it('should parse every machine diagram', async () => {
    for (const m of machineCatalog()) await parsed(machineMermaid(m.machine, `${m.name}: ${m.about}`));
  });
});
