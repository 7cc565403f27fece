import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runMain, tempDir } from './cliHarness.js';

const EVIL = join(ROOT, 'test', 'fixtures', 'explorer', 'evil-names');

/** The JSON a page embeds, parsed back. */
function embedded(html: string): { model: string; steps: { text: string }[]; sequence: { participants: string[] }; topology: { routers: { name: string }[] } } {
  const m = /<script type="application\/json" id="trace-data">([^<]*)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]);
}

// `roamcheck trace html TRACE -o FILE` without a browser: the file itself (test/e2e/explorer.test.ts drives it in Chromium).
describe('roamcheck trace html', () => {
  let dir = '';
  let seedTrace = '';
  let evilTrace = '';
  beforeAll(async () => {
    dir = tempDir();
    // Shrunk F2 stories: the search for shorter ones (tens of seconds each) is tested elsewhere.
    expect((await runMain(['check', '-p', 'single-authoritative-rloc', '--bounds', 'moves=1,losses=0', '--shortest-budget', '0', '--trace-dir', dir], ROOT)).code).toBe(1);
    seedTrace = join(dir, 'single-authoritative-rloc-1.json');
    const evilDir = join(dir, 'evil');
    expect((await runMain(['check', EVIL, '-p', 'single-authoritative-rloc', '--bounds', 'moves=1,losses=0', '--shortest-budget', '0', '--trace-dir', evilDir], ROOT)).code).toBe(1);
    evilTrace = join(evilDir, 'single-authoritative-rloc-1.json');
  }, 120_000);

  it('should write one self-contained page that loads nothing from anywhere', async () => {
    const out = join(dir, 'f2.html');
    const r = await runMain(['trace', 'html', seedTrace, '-o', out], ROOT);
    expect(r.code).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(`content="default-src 'none';`);
    // The SVG namespace is a name, not an address anything is fetched from.
    expect(html.replace("'http://www.w3.org/2000/svg'", '')).not.toMatch(/<link\b|\bsrc=|https?:\/\//i);
    expect(html.match(/<script\b/g)).toHaveLength(2);
    const data = embedded(html);
    expect(data.model).toBe('seed-lab');
    expect(data.steps.length).toBe((JSON.parse(readFileSync(seedTrace, 'utf8')) as { actions: unknown[] }).actions.length);
    expect(data.sequence.participants).toEqual(expect.arrayContaining(['core', 'dcedge-1', 'dcedge-2']));
  });

  it('should be the same bytes every time', async () => {
    const a = await runMain(['trace', 'html', seedTrace], ROOT);
    const b = await runMain(['trace', 'html', seedTrace], ROOT);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
  });

  it('should carry names from configs and scenarios as data, never as markup', async () => {
    const r = await runMain(['trace', 'html', evilTrace], ROOT);
    expect(r.code).toBe(0);
    // In the embedded JSON every `<` is \u003c, so no name can open an element.
    expect(r.out).not.toMatch(/<img|<script>alert/i);
    expect(r.out).toContain('<title>roamcheck: seed-lab &#60;script&#62;alert(2)&#60;/script&#62;');
    const data = embedded(r.out);
    expect(data.model).toBe('seed-lab <script>alert(2)</script>');
    expect(data.topology.routers.map((x) => x.name)).toContain('<img/src=x/onerror=alert(1)>');
    expect(data.sequence.participants).toContain('<img/src=x/onerror=alert(1)>');
  });

  it('should refuse to overwrite a file without --force', async () => {
    const out = join(dir, 'mine.html');
    writeFileSync(out, 'mine');
    const r = await runMain(['trace', 'html', seedTrace, '-o', out], ROOT);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/RC236: .* exists; not overwritten/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await runMain(['trace', 'html', seedTrace, '-o', out, '--force'], ROOT)).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('<!doctype html>')).toBe(true);
  });

  it('should reject a trace that does not fit its model with one diagnostic, exit 2', async () => {
    const t = JSON.parse(readFileSync(seedTrace, 'utf8')) as { actions: unknown[] };
    t.actions.unshift({ type: 'msg.deliver', id: 999 });
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify(t));
    const r = await runMain(['trace', 'html', bad, '-o', join(dir, 'bad.html')], ROOT);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.err).toMatch(/RC233: step 1 is not enabled/);
    expect(existsSync(join(dir, 'bad.html'))).toBe(false);
  });
});
