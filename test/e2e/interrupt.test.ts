// The real process under an interrupt and under a small heap (issue 8): `node bin/roamcheck.js`
// spawned, SIGINT sent while a long property runs, and an exhaustive search given 300 MB of heap.
// These tests wait but never assert on timings.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ensureBuilt, modelDir, removeTempDirs, tempDir } from './cliHarness.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

beforeAll(() => ensureBuilt(), 300_000);
afterAll(() => removeTempDirs());

describe('bin/roamcheck.js under SIGINT', () => {
  it('should stop, keep the trace found before it, print what was decided and exit 1', async () => {
    const cwd = tempDir();
    // The first property fails in its first runs; the second would take hours at 10,000,000 runs.
    const child = spawn(process.execPath, [BIN, 'check', '-p', 'intra-subnet-reachability', '-p', 'registration-authenticated', '-n', '10000000'], {
      cwd,
      env: { ...process.env, NO_COLOR: '1', CI: '1' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (err += b));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // About 6 s in, and not before the first trace is saved (a loaded machine may take longer).
    const trace = join(cwd, '.roamcheck', 'traces', 'intra-subnet-reachability-1.json');
    await sleep(6000);
    for (let i = 0; i < 600 && !existsSync(trace); i++) await sleep(200);
    child.kill('SIGINT');
    const code = await exited;
    expect(err).toMatch(/SIGINT: stopping/);
    expect(code).toBe(1);
    // The counterexample found before the interrupt: on disk, and in the report with its verdict.
    expect(existsSync(trace)).toBe(true);
    expect(JSON.parse(readFileSync(trace, 'utf8'))).toMatchObject({ format: 'roamcheck-trace', property: 'intra-subnet-reachability', verdict: 'violated' });
    expect(out).toMatch(/^VIOLATED intra-subnet-reachability /m);
    expect(out).toContain('trace:     .roamcheck/traces/intra-subnet-reachability-1.json');
    // What was not decided says so.
    expect(out).toMatch(/^UNKNOWN \(interrupted\) registration-authenticated /m);
    expect(out).toMatch(/^interrupted: 1 of 2 properties decided/m);
  }, 180_000);

  it('should exit 4 when nothing was violated before the interrupt, and report unknown in --json', async () => {
    const cwd = tempDir();
    const child = spawn(process.execPath, [BIN, 'check', '-p', 'registration-authenticated', '-n', '10000000', '--json'], { cwd, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await sleep(6000);
    child.kill('SIGTERM');
    expect(await exited).toBe(4);
    const doc = JSON.parse(out) as { properties: { id: string; verdict: string; interrupted: boolean; reason: string }[] };
    expect(doc.properties).toHaveLength(1);
    expect(doc.properties[0]).toMatchObject({ id: 'registration-authenticated', verdict: 'unknown', interrupted: true });
    expect(doc.properties[0].reason).toMatch(/^interrupted (after \d+ runs|before it started)$/);
  }, 180_000);
});

/** three-site's own budgets, unlimited ones included: past the --exhaustive default caps, so the search outgrows the heap. */
const MODEL_OWN_BOUNDS = ['--bounds', 'losses=1,sends=inf,garps=inf,timerExpiries=inf'];

describe('bin/roamcheck.js with a small heap', () => {
  // The compact search holds a million three-site states in this heap before the default budget
  // (3/4 of it) is spent, minutes away: a 1 MiB budget is spent at once. The first time, the
  // frontier goes (recomputed from the BFS tree); the second, the search ends unknown.
  it('should answer unknown with a states count and exit 4, never crash (exit 134)', () => {
    const cwd = tempDir();
    const r = spawnSync(process.execPath, [BIN, 'check', modelDir('three-site'), '-p', 'single-authoritative-rloc', '--exhaustive', '--depth', '40', '--memory', '1', ...MODEL_OWN_BOUNDS], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', CI: '1', NODE_OPTIONS: '--max-old-space-size=300' },
      timeout: 900_000,
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(4);
    expect(r.stdout).toMatch(/^UNKNOWN +single-authoritative-rloc +\d+ states/m);
    expect(r.stdout).toMatch(/memory budget reached after depth 2 \(\d+ distinct states, \d+ bytes of fingerprints and parent links, frontier recomputed from depth 1\)/);
    expect(r.stderr).not.toMatch(/heap out of memory|FATAL/);
  }, 900_000);
});
