import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { toDirectedGraph } from 'xstate/graph';
import { machineCatalog } from '../../src/core/machines/catalog.js';
import { byClass, parseSvg } from '../unit/render/svgXml.js';
import { ROOT, runMain, tempDir } from './cliHarness.js';

// `diagram ... --format svg` and `trace mermaid --format svg`: pictures drawn without a browser.
describe('roamcheck diagram --format svg', () => {
  it('should write one well-formed SVG per machine, with one node per state of its graph', async () => {
    const dir = tempDir();
    const r = await runMain(['diagram', 'machines', '-o', dir, '--format', 'svg'], ROOT);
    expect(r.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['arpCacheMachine.svg', 'dynEidMachine.svg', 'mapCacheMachine.svg', 'mapServerMachine.svg']);
    for (const m of machineCatalog()) {
      const svg = parseSvg(readFileSync(join(dir, `${m.name}.svg`), 'utf8'));
      expect(byClass(svg, 'node', 'state')).toHaveLength(toDirectedGraph(m.machine).children.length);
    }
  });

  it('should print the topology as one SVG document on stdout', async () => {
    const r = await runMain(['diagram', 'topology', '--format', 'svg'], ROOT);
    expect(r.code).toBe(0);
    expect(byClass(parseSvg(r.out), 'node', 'router')).toHaveLength(3);
  });

  it('should draw the topology of every model folder as well-formed SVG, one node per router', async () => {
    for (const id of readdirSync(join(ROOT, 'models'), { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)) {
      const r = await runMain(['diagram', 'topology', join('models', id), '--format', 'svg'], ROOT);
      expect(r.code, id).toBe(0);
      const model = JSON.parse((await runMain(['model', join('models', id), '--json'], ROOT)).out);
      expect(byClass(parseSvg(r.out), 'node', 'router'), id).toHaveLength(model.routers.length);
    }
  });

  it('should refuse several SVG documents on stdout, and an unknown format, with exit 2', async () => {
    const many = await runMain(['diagram', 'machines', '--format', 'svg'], ROOT);
    expect(many.code).toBe(2);
    expect(many.err).toMatch(/RC118.*-o DIR/);
    const bad = await runMain(['diagram', 'machines', '--format', 'png'], ROOT);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/RC117/);
  });
});

describe('roamcheck trace mermaid --format svg', () => {
  let trace = '';
  beforeAll(async () => {
    const dir = tempDir();
    // The shrunk F2 story: the search for a shorter one (tens of seconds) is tested elsewhere.
    const r = await runMain(['check', '-p', 'single-authoritative-rloc', '--bounds', 'moves=1,losses=0', '-n', '200', '--shortest-budget', '0', '--trace-dir', dir], ROOT);
    expect(r.code).toBe(1);
    trace = join(dir, 'single-authoritative-rloc-1.json');
  }, 120_000);

  it('should draw the F2 race as a sequence diagram: a lifeline per participant, a row per message or note', async () => {
    const r = await runMain(['trace', 'mermaid', trace, '--format', 'svg'], ROOT);
    expect(r.code).toBe(0);
    const svg = parseSvg(r.out);
    const mermaid = (await runMain(['trace', 'mermaid', trace], ROOT)).out;
    const participants = mermaid.split('\n').filter((l) => l.startsWith('  participant ')).length;
    const rows = mermaid.split('\n').filter((l) => /^ {2}(Note over |\S+(->>|--x))/.test(l)).length;
    expect(byClass(svg, 'participant')).toHaveLength(participants);
    expect(byClass(svg, 'event')).toHaveLength(rows);
  });

  it('should reject --format on other renderings and unknown formats', async () => {
    expect((await runMain(['trace', 'show', trace, '--format', 'svg'], ROOT)).code).toBe(2);
    const bad = await runMain(['trace', 'mermaid', trace, '--format', 'png'], ROOT);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/RC117/);
  });
});
