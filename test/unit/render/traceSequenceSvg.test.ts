import { describe, expect, it } from 'vitest';
import type { Sequence } from '../../../src/core/trace/sequence.js';
import { renderTraceSequenceSvg } from '../../../src/render/traceSequenceSvg.js';
import { allText, byClass, descendants, parseSvg } from './svgXml.js';

const evil = `r<1>&amp;"'\u0001`;
const seq: Sequence = {
  participants: ['client', evil, 'core'],
  events: [
    { kind: 'note', over: 'client', label: `client sends a packet to ${evil}`, t: 0 },
    { kind: 'msg', from: evil, to: 'core', label: 'Map-Register <x> & y', lost: false, t: 0 },
    { kind: 'msg', from: 'core', to: evil, label: 'Map-Notify', lost: true, t: 1 },
    { kind: 'msg', from: 'core', to: 'core', label: 'to itself', lost: false, t: 1 },
  ],
  stepOf: [0, 1, 2, 2],
};

describe('renderTraceSequenceSvg', () => {
  it('should draw one lifeline per participant and one row per event, as well-formed SVG', () => {
    const svg = parseSvg(renderTraceSequenceSvg(seq, 'seed-lab: f2'));
    expect(byClass(svg, 'participant')).toHaveLength(3);
    expect(byClass(svg, 'event')).toHaveLength(4);
    expect(byClass(svg, 'event', 'lost')).toHaveLength(1);
    expect(byClass(svg, 'event', 'note')).toHaveLength(1);
    // Step numbers once per step, 1-based.
    expect(byClass(svg, 'stepno').map((e) => e.text)).toEqual(['1.', '2.', '3.']);
  });

  it('should keep every name as text: escaped, never markup', () => {
    const svg = parseSvg(renderTraceSequenceSvg(seq, evil));
    const shown = evil.replace('\u0001', '\uFFFD');
    expect(byClass(svg, 'participant').map(allText)).toContain(shown);
    expect(byClass(svg, 'event', 'msg').map(allText)).toContain('2.Map-Register <x> & y');
    expect(
      descendants(svg)
        .filter((e) => e.name === 'text')
        .some((e) => e.text === shown),
    ).toBe(true);
  });

  it('should be as wide as its longest label', () => {
    const long = { ...seq, events: [{ kind: 'note' as const, over: 'core', label: 'x'.repeat(400), t: 0 }], stepOf: [0] };
    const svg = parseSvg(renderTraceSequenceSvg(long));
    expect(Number(svg.attrs.width)).toBeGreaterThan(400 * 6.7);
  });
});
