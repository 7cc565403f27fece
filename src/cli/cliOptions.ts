// Every numeric or keyed option of every command, parsed in one place: one valibot schema per
// option, all of them run at once so a command line reports every bad value together (RC1xx).
// ADAPTER (pure functions of the parsed argv). Numbers follow parseDecimal's grammar (decimal
// digits only) within the ranges of core/limits.ts; `--bounds`/`--set` go through core/overrides.

import * as v from 'valibot';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { LIMITS } from '../core/limits.js';
import { parseOverrides, type Overrides } from '../core/overrides.js';
import { describeRange, parseDecimal } from '../core/parseDecimal.js';

/** A whole-number option: its flag (for messages) and range. */
interface IntRule {
  flag: string;
  min: number;
  max: number;
}

/** The table: every whole-number option any command takes, with its range. */
export const INT_OPTIONS = {
  runs: { flag: '--runs', min: 1, max: LIMITS.runs },
  seed: { flag: '--seed', min: 0, max: LIMITS.seed },
  maxSteps: { flag: '--max-steps', min: 1, max: LIMITS.steps },
  depth: { flag: '--depth', min: 1, max: LIMITS.depth },
  maxStates: { flag: '--max-states', min: 1, max: LIMITS.maxStates },
  timeLimit: { flag: '--time-limit', min: 1, max: LIMITS.timeLimitSeconds },
  workers: { flag: '--workers', min: 1, max: LIMITS.workers },
  /** 0 switches the search for a shorter story off. */
  shortestBudget: { flag: '--shortest-budget', min: 0, max: LIMITS.maxStates },
} as const satisfies Record<string, IntRule>;

type IntName = keyof typeof INT_OPTIONS;

const intSchema = (r: IntRule) => {
  const must = (i: { input: unknown }) => `${r.flag} must be ${describeRange(r)}, got "${String(i.input)}"`;
  return v.pipe(
    v.string(must),
    v.check((t) => parseDecimal(t, r) !== undefined, must),
    v.transform((t) => Number(t)),
  );
};

/** `--path 12:3:0`: what a reproduce line prints, at most LIMITS.pathEntries indices. */
const pathSchema = v.pipe(
  v.string(),
  v.check(
    (t) => /^[0-9]{1,10}(:[0-9]{1,10})*$/.test(t),
    (i) => `--path must be numbers separated by colons, as printed in a reproduce line, got "${clip(String(i.input))}"`,
  ),
  v.check((t) => t.split(':').length <= LIMITS.pathEntries, `--path has more than ${LIMITS.pathEntries} entries; a reproduce line never prints that many`),
  v.check((t) => t.split(':').every((n) => Number(n) <= LIMITS.pathIndex), `--path indices must be at most ${LIMITS.pathIndex}`),
);

/** `--shard I/N`: every N-th property from the I-th. */
const shardSchema = v.pipe(
  v.string(),
  v.check(
    (t) => {
      const m = /^([0-9]{1,6})\/([0-9]{1,6})$/.exec(t);
      return !!m && Number(m[2]) >= 1 && Number(m[2]) <= LIMITS.shards && Number(m[1]) >= 1 && Number(m[1]) <= Number(m[2]);
    },
    (i) => `--shard must be I/N with 1 <= I <= N <= ${LIMITS.shards}, got "${clip(String(i.input))}"`,
  ),
  v.transform((t) => {
    const [i, n] = t.split('/').map(Number);
    return { i, n };
  }),
);

const CODES: Record<string, string> = { path: 'RC108', shard: 'RC110' };

/** Long hostile values (a 20,000-entry --path) are shown cut, so a diagnostic stays one line. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

export interface ParsedOptions {
  runs?: number;
  seed?: number;
  maxSteps?: number;
  depth?: number;
  maxStates?: number;
  timeLimit?: number;
  workers?: number;
  shortestBudget?: number;
  path?: string;
  shard?: { i: number; n: number };
  overrides: Overrides;
}

/** The option values a command was given (strings from commander; absent ones left out). */
export type OptionText = Partial<Record<IntName | 'path' | 'shard', string>> & { bounds?: string[]; set?: string[] };

/** Parse every option present in `args`; each bad one is a diagnostic, all reported together. */
export function parseOptions(args: OptionText): { options: ParsedOptions; diagnostics: Diagnostic[] } {
  const entries: Record<string, v.GenericSchema<unknown, unknown>> = {};
  for (const [name, rule] of Object.entries(INT_OPTIONS)) entries[name] = v.optional(intSchema(rule));
  entries.path = v.optional(pathSchema);
  entries.shard = v.optional(shardSchema);
  const input: Record<string, unknown> = {};
  for (const k of Object.keys(entries)) if (Object.hasOwn(args, k) && args[k as keyof OptionText] !== undefined) input[k] = args[k as keyof OptionText];
  const r = v.safeParse(v.object(entries), input);
  const diagnostics: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const issue of r.issues ?? []) {
    const key = String(issue.path?.[0]?.key ?? '');
    if (seen.has(key)) continue; // one message per option: the first thing wrong with it
    seen.add(key);
    diagnostics.push(diag('error', CODES[key] ?? 'RC105', issue.message));
  }
  const over = parseOverrides({ bounds: args.bounds, sets: args.set });
  diagnostics.push(...over.diagnostics);
  const options = { ...(r.success ? (r.output as Omit<ParsedOptions, 'overrides'>) : {}), overrides: over.overrides };
  return { options, diagnostics };
}
