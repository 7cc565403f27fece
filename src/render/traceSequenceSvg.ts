// A trace's message sequence as a standalone SVG picture (`trace mermaid --format svg`).
// PURE: (sequence, title) -> SVG text. Graphviz has no sequence-diagram layout, and a sequence
// diagram's layout is a grid: one column per participant, one row per event. The geometry is the
// trace explorer's (traceHtmlScript.ts drawSequence), so the picture and the explorer look alike.
// Text is measured as monospace (every character 0.6 em wide), so labels always fit their box.

import type { Sequence } from '../core/trace/sequence.js';
import { xmlText } from './xmlText.js';

const COL_W = 190;
const LEFT = 44;
const ROW_H = 24;
const CH = 6.7;
const FONT = 'font-family="ui-monospace, SFMono-Regular, Menlo, Consolas, \'DejaVu Sans Mono\', monospace" font-size="11"';
const INK = '#24292f';
const LINE = '#57606a';
const BAD = '#cf222e';
/** A white halo behind a label, so lifelines it crosses do not strike it through. */
const HALO = 'paint-order="stroke" stroke="white" stroke-width="3" stroke-linejoin="round"';

/** A note with its logical time, as the Mermaid form writes it (a picture has no step list beside it). */
const noteText = (e: { label: string; t: number }) => (e.label.startsWith('at t=') ? e.label : `t=${e.t}s ${e.label}`);

const n = (x: number) => String(Math.round(x * 10) / 10);

export function renderTraceSequenceSvg(seq: Sequence, title?: string): string {
  const ps = seq.participants;
  const head = title ? 28 : 0;
  const top = head + 44;
  const x = new Map(ps.map((p, k) => [p, LEFT + COL_W / 2 + k * COL_W]));
  const at = (p: string) => x.get(p) ?? LEFT + COL_W / 2;
  // Wide enough for the longest label, which may run past the last lifeline.
  let W = LEFT + ps.length * COL_W + 40;
  if (title) W = Math.max(W, Math.ceil(12 + title.length * CH * 1.2 + 20));
  for (const e of seq.events) {
    const end = e.kind === 'msg' ? Math.min(at(e.from), at(e.to)) + 8 + (e.label.length + 5) * CH : at(e.over) + 2 + noteText(e).length * CH;
    W = Math.max(W, Math.ceil(end + 20));
  }
  const H = top + seq.events.length * ROW_H + 16;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img" aria-label="${xmlText(title ? `message sequence: ${title}` : 'message sequence')}">`,
    '<defs>',
    `<marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="${LINE}"/></marker>`,
    `<marker id="cross" viewBox="0 0 10 10" refX="5" refY="5" markerWidth="9" markerHeight="9"><path d="M1,1 L9,9 M9,1 L1,9" stroke="${BAD}" stroke-width="2"/></marker>`,
    '</defs>',
    `<rect width="${W}" height="${H}" fill="white"/>`,
  ];
  if (title) out.push(`<text class="title" x="12" y="22" ${FONT.replace('11', '13')} font-weight="bold" fill="${INK}">${xmlText(title)}</text>`);
  for (const p of ps) {
    const px = at(p);
    out.push(
      `<g class="participant">`,
      `<line x1="${n(px)}" x2="${n(px)}" y1="${head + 30}" y2="${H - 4}" stroke="#d0d7de" stroke-dasharray="4 3"/>`,
      `<rect x="${n(px - COL_W / 2 + 8)}" y="${head + 6}" width="${COL_W - 16}" height="24" rx="4" fill="#ddf4ff" stroke="${LINE}"/>`,
      `<text x="${n(px)}" y="${head + 22}" text-anchor="middle" ${FONT} fill="${INK}">${xmlText(p)}</text>`,
      '</g>',
    );
  }
  let lastStep = -1;
  seq.events.forEach((e, k) => {
    const step = seq.stepOf[k];
    const y = top + k * ROW_H + ROW_H / 2;
    const cls = e.kind === 'note' ? 'event note' : e.lost ? 'event msg lost' : 'event msg';
    out.push(`<g class="${cls}" data-step="${step + 1}">`);
    if (step !== lastStep) out.push(`<text class="stepno" x="6" y="${n(y + 4)}" ${FONT} fill="${LINE}">${step + 1}.</text>`);
    lastStep = step;
    if (e.kind === 'msg') {
      const x1 = at(e.from);
      const x2 = at(e.to);
      const stroke = e.lost ? `stroke="${BAD}" stroke-dasharray="5 3"` : `stroke="${LINE}"`;
      if (e.from === e.to) {
        out.push(`<path d="M${n(x1)},${n(y - 6)} h30 v12 h-30" fill="none" ${stroke} stroke-width="1.2" marker-end="url(#${e.lost ? 'cross' : 'arrow'})"/>`);
        out.push(`<text x="${n(x1 + 36)}" y="${n(y + 4)}" ${FONT} ${HALO} fill="${e.lost ? BAD : INK}">${xmlText(`${e.lost ? 'LOST ' : ''}${e.label}`)}</text>`);
      } else {
        out.push(`<line x1="${n(x1)}" x2="${n(e.lost ? (x1 + x2) / 2 : x2)}" y1="${n(y + 4)}" y2="${n(y + 4)}" ${stroke} stroke-width="1.2" marker-end="url(#${e.lost ? 'cross' : 'arrow'})"/>`);
        out.push(`<text x="${n(Math.min(x1, x2) + 8)}" y="${n(y)}" ${FONT} ${HALO} fill="${e.lost ? BAD : INK}">${xmlText(`${e.lost ? 'LOST ' : ''}${e.label}`)}</text>`);
      }
    } else {
      const w = noteText(e).length * CH + 12;
      out.push(`<rect x="${n(at(e.over) - 10)}" y="${n(y - 9)}" width="${n(w)}" height="18" rx="3" fill="#fff8c5" stroke="#d4a72c"/>`);
      out.push(`<text x="${n(at(e.over) - 4)}" y="${n(y + 4)}" ${FONT} fill="${INK}">${xmlText(noteText(e))}</text>`);
    }
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
