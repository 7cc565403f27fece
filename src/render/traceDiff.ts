// A trace as text with, after each step, only what changed, in protocol words: MS registrations,
// map-caches with their expiry, dynamic-EID states, ARP entries, host locations, messages newly
// in flight or gone, packet fates. `full` lists the whole state instead. PURE; colour injected.

import type { StateRow, Snapshot } from '../core/trace/snapshot.js';
import type { Change } from '../core/trace/snapshotDiff.js';
import type { StepState, TraceStates } from '../core/trace/snapshotSteps.js';
import type { TraceFile } from '../core/trace/trace.js';
import { NO_PAINT, type Paint } from './checkText.js';

export interface TraceDiffOptions {
  /** The whole state after each step (changed rows marked `*`), not only the changes. */
  full?: boolean;
  /** Also every line each node logged. */
  log?: boolean;
  paint?: Paint;
}

const TABLE_WORD = { host: 'location', ms: 'MS', dyn: 'dynamic-EID', mc: 'map-cache', arp: 'ARP' } as const;

/** `core MS 192.168.1.10/32`, `web2 ARP 192.168.1.10`, `vm1 location`. */
export function rowLabel(r: Pick<StateRow, 'table' | 'node' | 'key'>): string {
  return r.table === 'host' ? `${r.node} location` : `${r.node} ${TABLE_WORD[r.table]} ${r.key}`;
}

/** `10.0.1.2 -> 10.0.2.2`; an ARP entry whose MAC stays the same shows only its new state. */
export function changeText(c: Change): string {
  const before = c.before?.value ?? '';
  let after = c.after?.value ?? '(none)';
  if (c.table === 'arp' && c.before && c.after && c.before.value.endsWith(` ${macOf(c.after)}`) && macOf(c.after)) after = c.after.state;
  return `${rowLabel(c)}: ${before ? `${before} ` : ''}-> ${after}`;
}

const macOf = (r: StateRow) => r.value.slice(r.state.length + 1);

export function renderTraceDiff(t: TraceFile, states: TraceStates, opts: TraceDiffOptions = {}): string {
  const paint = opts.paint ?? NO_PAINT;
  const head = `trace of model ${t.model}${t.options.mutant ? `, mutant ${t.options.mutant}` : ''}${t.property ? `, property ${t.property}` : ''}${t.seed !== null ? `, seed ${t.seed}` : ''}`;
  const lines = [paint.bold(head)];
  if (opts.full) lines.push(paint.dim('  0. initial state'), ...stateLines(states.initial, new Set(), paint));
  states.steps.forEach((s, k) => {
    lines.push(`${String(s.i + 1).padStart(3)}. ${paint.dim(`[t=${s.snapshot.t}s]`)} ${paint.bold(s.text)}`);
    if (opts.log) for (const l of t.steps[k]?.log ?? []) lines.push(paint.dim(`       ${l.node}: ${l.text}`));
    if (opts.full) lines.push(...stateLines(s.snapshot, new Set(s.changes.flatMap((c) => (c.after ? [rowLabel(c)] : []))), paint));
    else lines.push(...changeLines(s, paint));
    for (const f of s.fates) {
      lines.push(`       ${f.fate === 'delivered' ? paint.green(`packet ${f.packet} delivered to ${f.at}`) : paint.red(`packet ${f.packet} dropped (${f.reason}) at ${f.at}`)}`);
    }
  });
  if (t.verdict === 'violated') lines.push(paint.red(paint.bold(`VIOLATED ${t.property}: ${t.message}`)));
  return lines.join('\n') + '\n';
}

function changeLines(s: StepState, paint: Paint): string[] {
  return [
    ...s.changes.map((c) => `       ${paint.yellow(changeText(c))}`),
    ...s.sent.map((m) => paint.dim(`       + in flight: ${m.text}`)),
    ...s.gone.map((m) => paint.dim(`       - in flight: ${m.text}`)),
  ];
}

/** The whole state: every row (changed ones marked `*`), messages in flight, pending timers. */
function stateLines(snap: Snapshot, changed: ReadonlySet<string>, paint: Paint): string[] {
  const out = snap.rows.map((r) => {
    const line = `${rowLabel(r)}: ${r.value}`;
    return changed.has(rowLabel(r)) ? `     * ${paint.yellow(line)}` : `       ${line}`;
  });
  for (const m of snap.msgs) out.push(paint.dim(`       in flight: ${m.text}`));
  for (const t of snap.timers) out.push(paint.dim(`       timer: ${t}`));
  return out;
}
