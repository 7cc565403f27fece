// The report's coverage as text (`check --coverage`): per machine the states and transitions
// reached and every transition never taken; message types, timers, actions, budgets, and how far
// each property got. PURE: (coverage, colour) -> string.

import type { Coverage } from '../core/check/coverageSummary.js';
import { NO_PAINT, type Paint } from './checkText.js';

const num = (n: number) => n.toLocaleString('en-US');

export function renderCoverageText(c: Coverage, paint: Paint = NO_PAINT): string {
  const out: string[] = [paint.bold('coverage') + paint.dim(' (everything the exploration of every property checked did, shrinking included)')];
  const w = Math.max(...c.machines.map((m) => m.machine.length), 7);
  out.push(`  ${'machine'.padEnd(w)}  states  transitions`);
  for (const m of c.machines) {
    const s = `${m.states.reached.length}/${m.states.total}`;
    const t = `${m.transitions.reached}/${m.transitions.total}`;
    const full = m.states.unreached.length === 0 && m.transitions.unreached.length === 0;
    out.push(`  ${m.machine.padEnd(w)}  ${(full ? paint.green : paint.yellow)(s.padEnd(6))}  ${(m.transitions.unreached.length ? paint.yellow : paint.green)(t)}`);
    if (m.states.unreached.length) out.push(`    ${paint.yellow('never reached:')} ${m.states.unreached.join(', ')}`);
    if (m.transitions.unreached.length) {
      out.push(`    ${paint.yellow('never taken:')}`);
      for (const u of m.transitions.unreached) out.push(`      ${u}`);
    }
  }
  const tw = Math.max(...c.messages.map((m) => m.type.length), 7);
  out.push(`  ${'message'.padEnd(tw)}  ${'delivered'.padStart(10)}  ${'lost'.padStart(8)}  ${'duplicated'.padStart(10)}`);
  for (const m of c.messages) {
    const line = `  ${m.type.padEnd(tw)}  ${num(m.delivered).padStart(10)}  ${num(m.lost).padStart(8)}  ${num(m.duplicated).padStart(10)}`;
    out.push(m.delivered === 0 ? `${line}  ${paint.yellow('never delivered')}` : line);
  }
  const fired = c.timers.filter((t) => t.fired > 0);
  const never = c.timers.filter((t) => t.fired === 0);
  out.push(`  timers fired: ${fired.length ? fired.map((t) => `${t.machine} ${t.timer} ${num(t.fired)}`).join(', ') : 'none'}`);
  if (never.length) out.push(`  ${paint.yellow('timers never fired:')} ${never.map((t) => `${t.machine} ${t.timer}`).join(', ')}`);
  out.push(
    `  actions: ${
      c.actions
        .filter((a) => a.count > 0)
        .map((a) => `${a.action} ${num(a.count)}`)
        .join(', ') || 'none'
    }`,
  );
  const unused = c.actions.filter((a) => a.count === 0).map((a) => a.action);
  if (unused.length) out.push(`  ${paint.dim(`never explored: ${unused.join(', ')}`)}`);
  out.push(`  budgets, most used in one run / bound: ${c.budgets.map((b) => `${b.budget} ${b.maxPerRun}/${b.bound ?? 'inf'}`).join(', ')}`);
  if (c.properties.length) out.push('  properties:');
  for (const p of c.properties) {
    if (p.judgedSteps > 0) out.push(`    ${p.id}: judged in ${num(p.judgedSteps)} steps`);
    else out.push(`    ${p.id}: ${paint.yellow('never judged')}${p.armed === null ? '' : p.armed ? ' (armed)' : ' (never armed)'}${p.furthest ? `: ${p.furthest}` : ''}`);
  }
  return out.join('\n') + '\n';
}
