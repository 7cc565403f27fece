// A trace as a Mermaid sequence diagram. PURE: (sequence, options) -> string. Participants get
// generated ids (p0, p1 … in order of appearance) and every name is an escaped label
// (mermaidText.ts), so no router or host name can break the syntax or merge two participants.

import type { Sequence } from '../core/trace/sequence.js';
import { idsFor, mermaidLabel as text } from './mermaidText.js';

export function renderTraceMermaid(seq: Sequence, title?: string): string {
  const lines = ['sequenceDiagram'];
  const id = idsFor('p');
  if (title) lines.push(`  title ${text(title)}`);
  for (const p of seq.participants) lines.push(`  participant ${id(p)} as ${text(p)}`);
  seq.events.forEach((e, k) => {
    const n = seq.stepOf[k] + 1;
    if (e.kind === 'msg') lines.push(`  ${id(e.from)}${e.lost ? '--x' : '->>'}${id(e.to)}: ${n}. ${text(e.label)}${e.lost ? ' (LOST)' : ''}`);
    else lines.push(`  Note over ${id(e.over)}: ${n}. t=${e.t}s ${text(e.label)}`);
  });
  return lines.join('\n') + '\n';
}
