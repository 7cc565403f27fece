// `roamcheck merge REPORT.json...`: one report from the `check --json` reports of `--shard I/N`
// runs (or of runs with different seeds). ADAPTER: reads files, prints text or --json, exits as
// `check` does: 0 every property holds, 1 a violation, 2 invalid input (unreadable or mismatched
// reports). Reports must agree on tool, version, models, mode, mutant and options; a property
// found in two reports is combined only across different seeds (random mode), never twice.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILTIN_PROPERTIES } from '../../properties/index.js';
import type { CheckReport, Counterexample, PropertyReport } from '../core/check/check.js';
import { diag, type Diagnostic } from '../core/diagnostic.js';
import { NO_PAINT, renderCheckText, type ViolationExtras } from '../render/checkText.js';
import type { Io } from './io.js';
import { fail } from './fail.js';

/** One property of a `check --json` report; fields this command does not know pass through. */
interface JsonProperty {
  id: string;
  verdict: 'holds' | 'violated' | 'unknown';
  runs: number;
  distinctStates?: number | null;
  elapsedMs?: number;
  reason?: string | null;
  counterexample?: {
    length: number;
    message?: string;
    trace?: string | null;
    reproduce?: string | null;
    shrunkFrom?: number;
    shortest?: Counterexample['shortest'];
    steps?: { i: number; text?: string; summary?: string }[];
  } | null;
  [k: string]: unknown;
}

/** One model's `check --json` report (DESIGN.md §6). */
interface JsonReport {
  tool: 'roamcheck';
  version: string;
  model: string;
  mode: 'random' | 'exhaustive';
  seed: number;
  mutant: string | null;
  properties: JsonProperty[];
  stats: { steps: number; stepsPerSecond?: number; distinctStates: number | null; elapsedMs: number };
  diagnostics?: unknown[];
  [k: string]: unknown;
}

interface Input {
  file: string;
  reports: JsonReport[];
}

const VERDICTS = ['holds', 'violated', 'unknown'];
/** Fields of a report that are results; every other top-level field must agree across reports. */
const RESULT_FIELDS = new Set(['properties', 'stats', 'diagnostics', 'seed', 'seeds']);

export async function mergeCommand(files: string[], opts: { json?: boolean }, io: Io): Promise<number> {
  const d: Diagnostic[] = [];
  const inputs = files.map((f) => readReport(f, io.cwd, d)).filter((x): x is Input => x !== undefined);
  if (d.length) return fail(d, io);
  if (inputs.length === 0) return fail([diag('error', 'RC237', 'merge: no report given', { hint: 'roamcheck merge shard-1.json shard-2.json ...' })], io);
  const models = inputs[0].reports.map((r) => r.model);
  for (const x of inputs.slice(1)) {
    const other = x.reports.map((r) => r.model);
    if (other.join('\n') !== models.join('\n')) d.push(mismatch(x.file, `models ${other.join(', ')}`, inputs[0].file, `models ${models.join(', ')}`, 'model'));
  }
  if (d.length) return fail(d, io);
  const merged = models.map((_, k) =>
    mergeOne(
      inputs.map((x) => ({ file: x.file, report: x.reports[k] })),
      d,
    ),
  );
  if (d.length) return fail(d, io);
  const reports = merged as JsonReport[];
  if (opts.json) {
    const doc = reports.length === 1 ? reports[0] : { tool: 'roamcheck', version: reports[0].version, reports };
    io.out(JSON.stringify(doc, null, 2) + '\n');
  } else {
    io.out(`roamcheck merge: ${inputs.length} report${inputs.length === 1 ? '' : 's'} (${files.join(', ')})\n\n`);
    io.out(reports.map(renderText).join('\n'));
  }
  return reports.some((r) => r.properties.some((p) => p.verdict === 'violated')) ? 1 : 0;
}

function readReport(file: string, cwd: string, d: Diagnostic[]): Input | undefined {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(resolve(cwd, file), 'utf8'));
  } catch (e) {
    d.push(diag('error', 'RC237', `merge: cannot read ${file}: ${(e as Error).message.split('\n')[0]}`, { file, hint: 'give the files `roamcheck check --json` wrote' }));
    return undefined;
  }
  const o = doc as { reports?: unknown };
  const list = o && typeof o === 'object' && Array.isArray(o.reports) ? o.reports : [doc];
  const problems = list.map((r, k) => shapeProblem(r, list.length > 1 ? `reports[${k}]` : 'the document')).filter((p) => p !== undefined);
  if (list.length === 0) problems.push('it holds no report');
  if (problems.length) {
    d.push(diag('error', 'RC237', `merge: ${file} is not a \`check --json\` report: ${problems[0]}`, { file, hint: 'give the files `roamcheck check --json` wrote' }));
    return undefined;
  }
  return { file, reports: list as JsonReport[] };
}

/** What keeps `r` from being one model's `check --json` report, if anything. */
function shapeProblem(r: unknown, where: string): string | undefined {
  if (!r || typeof r !== 'object') return `${where} is not an object`;
  const x = r as Record<string, unknown>;
  if (x.tool !== 'roamcheck') return `${where} has no "tool": "roamcheck"`;
  for (const k of ['version', 'model']) if (typeof x[k] !== 'string') return `${where} has no "${k}"`;
  if (x.mode !== 'random' && x.mode !== 'exhaustive') return `${where} has no "mode" random or exhaustive`;
  if (!Number.isInteger(x.seed)) return `${where} has no whole-number "seed"`;
  if (x.mutant !== null && typeof x.mutant !== 'string') return `${where} has no "mutant"`;
  const stats = x.stats as Record<string, unknown> | undefined;
  if (!stats || typeof stats.steps !== 'number' || typeof stats.elapsedMs !== 'number') return `${where} has no "stats" with steps and elapsedMs`;
  if (!Array.isArray(x.properties)) return `${where} has no "properties" list`;
  for (const p of x.properties as Record<string, unknown>[]) {
    if (!p || typeof p.id !== 'string' || !VERDICTS.includes(p.verdict as string) || typeof p.runs !== 'number') return `${where}: a property without id, verdict or runs`;
  }
  return undefined;
}

function mismatch(file: string, what: string, other: string, otherWhat: string, field: string): Diagnostic {
  return diag('error', 'RC238', `merge: ${file} has ${what} but ${other} has ${otherWhat}`, {
    file,
    hint: `only reports of one check (same ${field}) can be merged: run every shard with the same command line but --shard`,
  });
}

const show = (v: unknown) => JSON.stringify(v ?? null);

function mergeOne(parts: { file: string; report: JsonReport }[], d: Diagnostic[]): JsonReport | undefined {
  const first = parts[0];
  const before = d.length;
  // Everything but the results must agree: model, mode, mutant, version, and any options field.
  for (const { file, report } of parts.slice(1)) {
    const keys = new Set([...Object.keys(first.report), ...Object.keys(report)].filter((k) => !RESULT_FIELDS.has(k)));
    for (const k of keys) {
      if (show(report[k]) !== show(first.report[k])) d.push(mismatch(file, `${k} ${show(report[k])}`, first.file, show(first.report[k]), k));
    }
  }
  if (d.length > before) return undefined;
  const exhaustive = first.report.mode === 'exhaustive';
  // Per property, every report that checked it, in seed order (then file order).
  const byId = new Map<string, { file: string; seed: number; p: JsonProperty }[]>();
  for (const { file, report } of parts) {
    for (const p of report.properties) {
      const list = byId.get(p.id) ?? [];
      const twin = list.find((x) => x.seed === report.seed || exhaustive);
      if (twin) {
        d.push(
          diag('error', 'RC238', `merge: property ${p.id} is in both ${twin.file} and ${file}${exhaustive ? '' : ` with seed ${report.seed}`}`, {
            file,
            hint: 'shards of one check are disjoint: is a report given twice, or were the shards cut differently?',
          }),
        );
      }
      list.push({ file, seed: report.seed, p });
      byId.set(p.id, list);
    }
  }
  if (d.length > before) return undefined;
  const order = BUILTIN_PROPERTIES.map((p) => p.id);
  const rank = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  const ids = [...byId.keys()].sort((a, b) => rank(a) - rank(b)); // stable: others keep first-seen order
  const properties = ids.map((id) => combine(byId.get(id)!.sort((a, b) => a.seed - b.seed)));
  const seeds = [...new Set(parts.map((x) => x.report.seed))].sort((a, b) => a - b);
  const steps = parts.reduce((n, x) => n + x.report.stats.steps, 0);
  const elapsedMs = parts.reduce((n, x) => n + x.report.stats.elapsedMs, 0);
  const distinct = parts.every((x) => x.report.stats.distinctStates === null) ? null : parts.reduce((n, x) => n + (x.report.stats.distinctStates ?? 0), 0);
  const seen = new Set<string>();
  const diagnostics = parts.flatMap((x) => x.report.diagnostics ?? []).filter((x) => !seen.has(show(x)) && !!seen.add(show(x)));
  const results: Record<string, unknown> = {
    seed: seeds[0],
    properties,
    stats: { steps, stepsPerSecond: elapsedMs > 0 ? Math.round((steps / elapsedMs) * 1000) : 0, distinctStates: distinct, elapsedMs },
    diagnostics,
  };
  // The fields in the order `check --json` writes them, so a merge of shards reads like one run.
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(first.report)) {
    out[k] = k in results ? results[k] : first.report[k];
    if (k === 'seed' && seeds.length > 1) out.seeds = seeds;
  }
  return out as JsonReport;
}

/** One property checked under several seeds: violated if any run was, the first counterexample by seed. */
function combine(list: { seed: number; p: JsonProperty }[]): JsonProperty {
  if (list.length === 1) return list[0].p;
  const verdict = list.some((x) => x.p.verdict === 'violated') ? 'violated' : list.some((x) => x.p.verdict === 'unknown') ? 'unknown' : 'holds';
  const base = list.find((x) => x.p.verdict === verdict)!.p;
  const runs = list.reduce((n, x) => n + x.p.runs, 0);
  const merged: JsonProperty = { ...base, verdict, runs, elapsedMs: list.reduce((n, x) => n + (x.p.elapsedMs ?? 0), 0) };
  if (list.every((x) => typeof x.p.distinctStates === 'number')) merged.distinctStates = list.reduce((n, x) => n + (x.p.distinctStates as number), 0);
  if (verdict === 'holds') merged.reason = `no violation in ${runs} runs (seeds ${list.map((x) => x.seed).join(', ')})`;
  // A property judged something if any seed's runs did (properties/ vacuity, when reported).
  if (list.every((x) => typeof x.p.vacuous === 'boolean')) {
    merged.vacuous = list.every((x) => x.p.vacuous);
    if (!merged.vacuous && 'vacuityReason' in merged) merged.vacuityReason = null;
  }
  return merged;
}

/** The merged report as `check` prints it. */
function renderText(r: JsonReport): string {
  const extras: Record<string, ViolationExtras> = {};
  const properties = r.properties.map((p): PropertyReport => {
    const ce = p.counterexample;
    if (ce?.reproduce) extras[p.id] = { reproduce: ce.reproduce, trace: ce.trace ?? null };
    return {
      ...(p as object),
      id: p.id,
      description: String(p.description ?? ''),
      reference: '',
      verdict: p.verdict,
      runs: p.runs,
      distinctStates: p.distinctStates ?? null,
      steps: 0,
      elapsedMs: p.elapsedMs ?? 0,
      reason: p.reason ?? null,
      interrupted: p.interrupted === true,
      vacuous: p.vacuous === true,
      vacuityReason: typeof p.vacuityReason === 'string' ? p.vacuityReason : null,
      counterexample: ce
        ? {
            length: ce.length,
            message: ce.message ?? '',
            actions: [],
            path: null,
            // As `check` prints them: the length before delta debugging and the shortest-story line.
            ...(typeof ce.shrunkFrom === 'number' ? { shrunkFrom: ce.shrunkFrom } : {}),
            ...(ce.shortest ? { shortest: ce.shortest } : {}),
            steps: (ce.steps ?? []).map((s) => ({ i: s.i, action: '', text: s.text ?? '', t: 0, summary: s.summary ?? '', log: [], fates: [] })),
          }
        : null,
    };
  });
  const report: CheckReport = { model: r.model, mode: r.mode, seed: r.seed, mutant: r.mutant, properties, stats: { ...r.stats, stepsPerSecond: r.stats.stepsPerSecond ?? 0 } };
  return renderCheckText(report, extras, NO_PAINT);
}
