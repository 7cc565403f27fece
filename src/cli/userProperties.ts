// Properties from the user's own modules (`check --properties FILE.js`) are the user's code: a
// throw in them is the user's error (exit 2, their stack trace shown as theirs), not roamcheck's
// (exit 3), and an id may not shadow a built-in's or another module's. ADAPTER.

import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import type { Property } from '../core/properties/property.js';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import { escapeControls } from '../render/terminalText.js';
import { loadProperties } from './loadProperties.js';

/** What a user property threw, and where; plain data so a worker thread can post it. */
export interface UserPropertyFailure {
  property: string;
  file: string;
  /** The property function that threw: init, step, key or vacuity. */
  phase: string;
  message: string;
  stack: string | undefined;
}

/** Thrown through the core when a user property throws; caught at the command. */
export class UserPropertyError extends Error {
  constructor(readonly failure: UserPropertyFailure) {
    super(`property "${failure.property}" (${failure.file}) threw in ${failure.phase}: ${failure.message}`);
  }
}

/** The same property, every call into the user's code turning a throw into a `UserPropertyError`. */
export function guardUserProperty<S>(p: Property<S>, file: string): Property<S> {
  const call = <T>(phase: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof UserPropertyError) throw e;
      const err = e instanceof Error ? e : new Error(String(e));
      throw new UserPropertyError({ property: p.id, file, phase, message: `${err.name}: ${err.message}`, stack: err.stack });
    }
  };
  const guarded: Property<S> = {
    ...p,
    init: (model, world) => call('init', () => p.init(model, world)),
    step: (s, ctx) => call('step', () => p.step(s, ctx)),
    key: (s) => call('key', () => p.key(s)),
  };
  if (p.vacuity) guarded.vacuity = (s, model) => call('vacuity', () => p.vacuity!(s, model));
  return guarded;
}

/**
 * The run's suite: the built-ins, then each module's properties (guarded), with a diagnostic for
 * an id used twice (a module's property never silently replaces a built-in, in one thread or many).
 */
export async function loadSuite(files: readonly string[], cwd: string): Promise<{ properties: Property<any>[]; diagnostics: Diagnostic[] }> {
  const properties: Property<any>[] = [...BUILTIN_PROPERTIES];
  const owner = new Map<string, string>(BUILTIN_PROPERTIES.map((p) => [p.id, 'a built-in property']));
  const diagnostics: Diagnostic[] = [];
  for (const file of files) {
    const loaded = await loadProperties([file], cwd);
    diagnostics.push(...loaded.diagnostics);
    // One object exported under two names is one property.
    const mine = [...new Set(loaded.properties.filter((p) => !BUILTIN_PROPERTIES.includes(p)))];
    for (const p of mine) {
      const taken = owner.get(p.id);
      if (taken) {
        diagnostics.push(diag('error', 'RC106', `--properties: ${file} defines property "${p.id}", an id already taken by ${taken}`, { file, hint: 'give your property its own id' }));
        continue;
      }
      owner.set(p.id, file);
      properties.push(guardUserProperty(p, file));
    }
  }
  return { properties, diagnostics };
}

/** roamcheck's own code, src/ (under vitest) and dist/src/ (installed, and worker threads): frames there are not the user's. */
const SRC = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = SRC.endsWith(`${sep}dist${sep}src`) ? dirname(dirname(SRC)) : dirname(SRC);
const OUR_SOURCES = [join(ROOT, 'src') + sep, join(ROOT, 'dist', 'src') + sep];

/**
 * A user property's throw for stderr: one diagnostic line (exit 2), then the user's stack trace,
 * labelled as theirs, without roamcheck's own frames beneath it.
 */
export function formatUserFailure(f: UserPropertyFailure): string {
  const head = escapeControls(
    `${f.file}: error RC106: your property "${f.property}" threw in ${f.phase}: ${f.message} (hint: this is an error in your property, not in roamcheck; its stack trace follows)`,
  );
  const frames = (f.stack ?? '').split('\n').slice(1);
  const cut = frames.findIndex((l) => OUR_SOURCES.some((dir) => l.includes(dir)));
  const yours = (cut === -1 ? frames : frames.slice(0, cut)).map((l) => `  ${escapeControls(l.trim())}`);
  return [head, `  stack trace of your property "${escapeControls(f.property)}" (${escapeControls(f.file)}):`, `  ${escapeControls(f.message)}`, ...yours.map((l) => `  ${l}`)].join('\n') + '\n';
}
