// Helpers for the end-to-end tests: run the CLI's `main` in-process with a collecting sink, run
// the real `bin/roamcheck.js` as a child process, make temp folders, and sanitize timing output.
// Not a test file itself (no `.test.ts`); used by test/e2e and test/unit/check.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

/** The repository root (this file is test/e2e/cliHarness.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'roamcheck.js');
export const fixture = (...parts: string[]) => join(ROOT, 'test', 'fixtures', 'e2e', ...parts);
export const modelDir = (id: string) => join(ROOT, 'models', id);

export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Run `roamcheck ARGV` in-process with `cwd` as the working directory; no colour, no progress. */
export async function runMain(argv: readonly string[], cwd: string): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (s) => {
      out += s;
    },
    err: (s) => {
      err += s;
    },
    cwd,
    color: false,
    progress: false,
  });
  return { code, out, err };
}

const made: string[] = [];

/** A fresh empty folder under the OS temp dir, removed by `removeTempDirs`. */
export function tempDir(prefix = 'roamcheck-e2e-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
}

/** Every file under `dir`, as sorted relative paths with forward slashes. */
export function listTree(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...listTree(dir, p));
    else out.push(p);
  }
  return out.sort();
}

/** Split a reproduce line (`roamcheck check …`) into the argv `main` takes. */
export function reproduceArgv(line: string): string[] {
  const words = line.trim().split(/\s+/);
  if (words[0] !== 'roamcheck') throw new Error(`a reproduce line starts with "roamcheck": ${line}`);
  return words.slice(1);
}

/** Remove what changes from run to run in the text report: times and rates. */
export function sanitizeTiming(text: string): string {
  return text.replace(/\d+(\.\d+)? s\b/g, '<t> s').replace(/\(\d+ steps\/s\)/g, '(<n> steps/s)');
}

/**
 * For snapshots: also hide what other engineers' model changes move without changing the story
 * (total step counts, fast-check paths).
 */
export function sanitizeText(text: string): string {
  return sanitizeTiming(text)
    .replace(/^\d+ steps(, \d+ distinct states)? in/gm, '<n> steps$1 in')
    .replace(/--path [\d:]+/g, '--path <path>');
}

/** Parse `check --json` output and drop the timing fields (elapsedMs, stepsPerSecond). */
export function withoutTiming(json: string): unknown {
  const doc = JSON.parse(json) as { properties: { elapsedMs?: unknown }[]; stats: { elapsedMs?: unknown; stepsPerSecond?: unknown } };
  for (const p of doc.properties) delete p.elapsedMs;
  delete doc.stats.elapsedMs;
  delete doc.stats.stepsPerSecond;
  return doc;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Make sure dist/ is at least as new as src/ and properties/ (`npm test` builds first; a bare
 * `npx vitest run` may not have). tsc still emits when another engineer's work in progress has
 * type errors, so only a missing entry point counts as failure here.
 */
export function ensureBuilt(): void {
  const entry = join(ROOT, 'dist', 'src', 'cli', 'main.js');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), newestMtime(join(ROOT, 'properties')));
  if (existsSync(entry) && statSync(entry).mtimeMs >= sources) return;
  spawnSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, stdio: 'ignore' });
  if (!existsSync(entry)) throw new Error('dist/src/cli/main.js is missing after `tsc -p tsconfig.json`');
}

/** Run the real installed entry point `node bin/roamcheck.js ARGV` in `cwd`. */
export function runBin(argv: readonly string[], cwd: string): CliResult {
  const r = spawnSync(process.execPath, [BIN, ...argv], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', CI: '1' },
    timeout: 60_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** Every model folder under models/. */
export function modelIds(): string[] {
  return readdirSync(join(ROOT, 'models'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
}

/** A model built from published configs (its README names a **Source.**), not written here. */
export function isPublished(id: string): boolean {
  const readme = join(ROOT, 'models', id, 'README.md');
  return existsSync(readme) && readFileSync(readme, 'utf8').includes('**Source.**');
}
