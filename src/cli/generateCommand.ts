// `roamcheck generate --sites N --hosts M [--pitrs K] [--seed S] [--steps N] [-o DIR] [--force]`: write a
// synthetic model folder (config/generateModel.ts). ADAPTER: validates the numbers, refuses to
// write into an existing folder unless --force, writes the files. Exit 0 written, 2 invalid input.

import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { GENERATE_LIMITS, generatedName, generateModel, type GenerateOptions } from '../config/generateModel.js';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { Io } from './io.js';
import { fail } from './fail.js';
import { checkFolder, makeFolder } from './safeWrite.js';

export interface GenerateArgs {
  sites?: string;
  hosts?: string;
  pitrs?: string;
  seed?: string;
  steps?: string;
  output?: string;
  force?: boolean;
}

function whole(v: string | undefined, name: string, min: number, max: number, dflt: number | undefined, d: Diagnostic[]): number {
  if (v === undefined) {
    if (dflt === undefined) d.push(diag('error', 'RC105', `--${name} is required`, { hint: 'e.g. roamcheck generate --sites 32 --hosts 256 -o models/my-fabric' }));
    return dflt ?? 0;
  }
  const n = Number(v);
  if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) d.push(diag('error', 'RC105', `--${name} must be a whole number from ${min} to ${max}, got "${v}"`));
  return n;
}

export async function generateCommand(args: GenerateArgs, io: Io): Promise<number> {
  const d: Diagnostic[] = [];
  const sites = whole(args.sites, 'sites', 1, GENERATE_LIMITS.maxSites, undefined, d);
  const hosts = whole(args.hosts, 'hosts', 1, GENERATE_LIMITS.maxSites * GENERATE_LIMITS.hostsPerSite, undefined, d);
  const pitrs = whole(args.pitrs, 'pitrs', 0, GENERATE_LIMITS.maxPitrs, 1, d);
  const seed = whole(args.seed, 'seed', 0, 2 ** 32 - 1, 1, d);
  const steps = args.steps === undefined ? undefined : whole(args.steps, 'steps', 1, 10_000, undefined, d);
  if (!d.length && hosts > sites * GENERATE_LIMITS.hostsPerSite) {
    d.push(diag('error', 'RC105', `--hosts ${hosts} does not fit ${sites} sites (at most ${GENERATE_LIMITS.hostsPerSite} hosts per site's /24)`, { hint: 'add sites or ask for fewer hosts' }));
  }
  if (d.length) return fail(d, io);
  const o: GenerateOptions = { sites, hosts, pitrs, seed, ...(steps !== undefined ? { steps } : {}) };
  const out = args.output ?? generatedName(o);
  const dir = resolve(io.cwd, out);
  if (existsSync(dir) && !args.force) {
    const hint = 'choose another -o, or add --force to overwrite the generated files';
    return fail([diag('error', 'RC236', `${out} exists; not overwritten`, { file: out, hint })], io);
  }
  // A folder under /proc, /sys or /dev, under a file, or not writable is bad input before any work
  // (`mkdirSync(…, { recursive: true })` under /proc never returned: found by the CLI fuzz suite).
  const bad = checkFolder(dir, out, 'RC236', '-o');
  if (bad) return fail([bad], io);
  const files = generateModel(o);
  try {
    makeFolder(dir);
    // With --force, files of an earlier generation that this one would not write would still be
    // read as part of the model (every *.cfg): say so rather than delete what may be the user's.
    const stale = readdirSync(dir).filter((f) => f.endsWith('.cfg') && !files.some((x) => x.name === f));
    for (const f of files) writeFileSync(join(dir, f.name), f.text);
    if (stale.length)
      io.err(
        `roamcheck generate: ${out} also holds ${stale.length} other .cfg file(s) (${stale.slice(0, 3).join(', ')}${stale.length > 3 ? ', ...' : ''}); they are part of the model unless removed\n`,
      );
  } catch (e) {
    return fail([diag('error', 'RC236', `cannot write ${out}: ${(e as Error).message}`, { file: out, hint: 'choose another -o' })], io);
  }
  io.out(`wrote ${out}/ (${files.length} files: ${sites} xTRs, 1 MS/MR, ${pitrs} PITR${pitrs === 1 ? '' : 's'}, ${hosts} hosts)\nnext: roamcheck lint ${out} && roamcheck check ${out}\n`);
  return 0;
}
