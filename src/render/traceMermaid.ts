// A trace as a Mermaid sequence diagram. PURE: (sequence, options) -> string.

import type { Sequence } from '../core/trace/sequence.js';

const id = (name: string) => name.replace(/[^A-Za-z0-9_]/g, '_');
/** Mermaid treats `;` and `#` specially in messages. */
const text = (s: string) => s.replace(/[;#]/g, ',');

export function renderTraceMermaid(seq: Sequence, title?: string): string {
  const lines = ['sequenceDiagram'];
  if (title) lines.push(`  title ${text(title)}`);
  for (const p of seq.participants) lines.push(`  participant ${id(p)} as ${p}`);
  seq.events.forEach((e, k) => {
    const n = seq.stepOf[k] + 1;
    if (e.kind === 'msg') lines.push(`  ${id(e.from)}${e.lost ? '--x' : '->>'}${id(e.to)}: ${n}. ${text(e.label)}${e.lost ? ' (LOST)' : ''}`);
    else lines.push(`  Note over ${id(e.over)}: ${n}. t=${e.t}s ${text(e.label)}`);
  });
  return lines.join('\n') + '\n';
}
