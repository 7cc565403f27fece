import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { ROOT, runMain, tempDir } from './cliHarness.js';

// `roamcheck trace show|mermaid|itf TRACE [-o FILE]` on the F2 counterexample of the seed lab.
describe('roamcheck trace', () => {
  let dir = '';
  let trace = '';
  beforeAll(async () => {
    dir = tempDir();
    const r = await runMain(
      ['check', '-p', 'single-authoritative-rloc', '--bounds', 'moves=1,losses=0,sends=2,garps=0,spoofs=0,timerExpiries=1', '--exhaustive', '--depth', '30', '--trace-dir', dir],
      ROOT,
    );
    expect(r.code).toBe(1);
    trace = join(dir, 'single-authoritative-rloc-exhaustive.json');
  }, 120_000);

  it('should show every step with what it changed, in protocol words', async () => {
    const r = await runMain(['trace', 'show', trace], ROOT);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}1\. \[t=60s\] at t=60s dcedge-1: periodic Map-Register timer for 192\.168\.1\.10 fires$/m);
    expect(r.out).toMatch(/^ {7}dcedge-1 dynamic-EID 192\.168\.1\.10: registered -> registering$/m);
    expect(r.out).toMatch(/^ {7}core MS 192\.168\.1\.10\/32: 10\.0\.1\.2 -> 10\.0\.2\.2$/m);
    expect(r.out).toMatch(/^ {7}core MS 192\.168\.1\.10\/32: 10\.0\.2\.2 -> 10\.0\.1\.2$/m);
    expect(r.out).toMatch(/^ {7}dcedge-2 dynamic-EID 192\.168\.1\.10: registered -> away$/m);
    expect(r.out).toMatch(/^ {7}\+ in flight: Map-Notify \(unsolicited\) 10\.0\.3\.1 -> 10\.0\.1\.2/m);
    expect(r.out).toMatch(/^ {7}packet vm1 -> client dropped \(resolving\) at dcedge-2$/m);
    expect(r.out).not.toMatch(/Map-Notify does not contain our locator/);
    expect(r.out.trimEnd().split('\n').at(-1)).toMatch(/^VIOLATED single-authoritative-rloc: control plane quiet/);
    expect(r.out).not.toMatch(/\x1b\[/);
  });

  it("should add every node's log with --log and the whole state with --full", async () => {
    const log = await runMain(['trace', 'show', '--log', trace], ROOT);
    expect(log.out).toMatch(/Map-Notify does not contain our locator/);
    const full = await runMain(['trace', 'show', '--full', trace], ROOT);
    expect(full.code).toBe(0);
    expect(full.out).toMatch(/^ {2}0\. initial state$/m);
    expect(full.out).toMatch(/^ {7}core MS 192\.168\.1\.20\/32: 10\.0\.1\.2$/m);
    expect(full.out).toMatch(/^ {5}\* core MS 192\.168\.1\.10\/32: 10\.0\.2\.2$/m);
    expect(full.out).toMatch(/^ {7}timer: at t=180s core: registration expiry/m);
  });

  it('should fit a bug-zoo counterexample on one screen', async () => {
    const zoo = join(dir, 'zoo');
    const r = await runMain(['check', '--set', 'registration=timestamped', '--mutant', 'no-notify-previous', '-p', 'single-authoritative-rloc', '--trace-dir', zoo], ROOT);
    expect(r.code).toBe(1);
    const show = await runMain(['trace', 'show', join(zoo, 'single-authoritative-rloc-no-notify-previous-1.json')], ROOT);
    expect(show.code).toBe(0);
    expect(show.out.trimEnd().split('\n').length).toBeLessThan(40);
    expect(show.out).toMatch(/^ {7}core MS 192\.168\.1\.10\/32: 10\.0\.1\.2 -> 10\.0\.2\.2$/m);
    // The shortest story resolves the client (a negative entry); any map-cache line shows its expiry.
    expect(show.out).toMatch(/map-cache [\d.]+\/32: resolving -> .+, expires \d\d:\d\d:\d\d$/m);
  });

  it('should colour only when the sink is a colour terminal and --no-color is not given', async () => {
    const run = async (argv: string[]) => {
      let out = '';
      await main(argv, { out: (s) => (out += s), err: () => undefined, cwd: ROOT, color: true, progress: false });
      return out;
    };
    expect(await run(['trace', 'show', trace])).toMatch(/\x1b\[33mcore MS 192\.168\.1\.10\/32/);
    expect(await run(['trace', 'show', '--no-color', trace])).not.toMatch(/\x1b\[/);
  });

  it('should draw the race as a Mermaid sequence diagram between the routers', async () => {
    const r = await runMain(['trace', 'mermaid', trace], ROOT);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe('sequenceDiagram');
    // Participants get generated ids; the names are their labels.
    const ids = Object.fromEntries([...r.out.matchAll(/^ {2}participant (p\d+) as (.+)$/gm)].map((m) => [m[2], m[1]]));
    expect(Object.keys(ids)).toEqual(expect.arrayContaining(['dcedge-1', 'dcedge-2', 'core']));
    expect(r.out).toContain(`${ids['dcedge-2']}->>${ids.core}: `);
    expect(r.out).toMatch(new RegExp(`${ids['dcedge-2']}->>${ids.core}: \\d+\\. Map-Register 10\\.0\\.2\\.2 -> 10\\.0\\.3\\.1 for 192\\.168\\.1\\.10/32`));
    expect(r.out).toMatch(new RegExp(`${ids['dcedge-1']}->>${ids.core}: \\d+\\. Map-Register \\(periodic\\) 10\\.0\\.1\\.2 -> 10\\.0\\.3\\.1`));
    expect(r.out).toMatch(new RegExp(`${ids.core}->>${ids['dcedge-1']}: \\d+\\. Map-Notify \\(unsolicited\\)`));
  });

  it('should write ITF with one state per step and the registry in each', async () => {
    const r = await runMain(['trace', 'itf', trace], ROOT);
    const itf = JSON.parse(r.out) as { vars: string[]; states: { action: string; registrations: { '#map': [string, string[]][] } }[] };
    const steps = (JSON.parse(readFileSync(trace, 'utf8')) as { actions: unknown[] }).actions.length;
    expect(itf.vars).toContain('registrations');
    expect(itf.states).toHaveLength(steps + 1);
    expect(itf.states[0].registrations['#map']).toContainEqual(['core 192.168.1.10', ['10.0.1.2']]);
    expect(itf.states.at(-1)!.registrations['#map'].find(([k]) => k === 'core 192.168.1.10')).toBeUndefined();
  });

  it('should write to -o and refuse to overwrite a file without --force', async () => {
    const out = join(dir, 'race.mmd');
    expect((await runMain(['trace', 'mermaid', trace, '-o', out], ROOT)).code).toBe(0);
    expect(readFileSync(out, 'utf8').startsWith('sequenceDiagram')).toBe(true);
    writeFileSync(out, 'mine');
    const again = await runMain(['trace', 'mermaid', trace, '-o', out], ROOT);
    expect(again.code).toBe(2);
    expect(again.err).toMatch(/RC236: .* exists; not overwritten/);
    expect(readFileSync(out, 'utf8')).toBe('mine');
    expect((await runMain(['trace', 'mermaid', trace, '-o', out, '--force'], ROOT)).code).toBe(0);
  });

  it('should reject an unknown format and a missing file with exit 2', async () => {
    expect((await runMain(['trace', 'svg', trace], ROOT)).code).toBe(2);
    const missing = await runMain(['trace', 'show', join(dir, 'nope.json')], ROOT);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/RC201/);
    expect(existsSync(join(dir, 'nope.json'))).toBe(false);
  });
});
