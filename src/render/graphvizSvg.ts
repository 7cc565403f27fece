// Graph layout and SVG drawing by Graphviz (`dot`), compiled to WebAssembly by @viz-js/viz.
// PURE apart from instantiating the WebAssembly module once (in memory; nothing is read or fetched).
//
// Why Graphviz through @viz-js/viz (compared with elkjs and beautiful-mermaid):
// - it lays out AND draws: its SVG needs no hand-written renderer for edges, labels and arrowheads
//   (elkjs only computes coordinates, leaving the drawing and the text measurement to us);
// - graphs are given as data (nodes, edges, attributes), so names from configs never pass through
//   a diagram language's parser: Graphviz quotes them and XML-escapes every text it writes;
// - the SVG is plain SVG 1.1 (no CSS variables, no web-font import), byte-for-byte deterministic
//   (text widths come from Graphviz's built-in font metrics, never from the machine's fonts);
// - one dependency-free MIT package, maintained since 2012, tracking Graphviz releases
//   (beautiful-mermaid is young, pulls elkjs (EPL-2.0) and imports a web font into every SVG).
// Graphviz has no sequence-diagram layout: traceSequenceSvg.ts draws those (a grid) itself.

import { instance, type Graph, type Viz } from '@viz-js/viz';
import { xmlChars } from './xmlText.js';

export type { Graph } from '@viz-js/viz';

let viz: Promise<Viz> | undefined;

/** Graphviz's `dot` layout of `graph`, as an SVG document. */
export async function graphvizSvg(graph: Graph): Promise<string> {
  viz ??= instance();
  const r = (await viz).render(graph, { format: 'svg', engine: 'dot' });
  // The graphs are built by this module's callers from data, never parsed from text, so
  // Graphviz cannot reject them; a failure here is a bug in how a graph was built.
  if (r.status !== 'success') throw new Error(`Graphviz could not lay out ${graph.name ?? 'a graph'}: ${r.errors.map((e) => e.message).join('; ')}`);
  return r.output;
}

/**
 * A name as a Graphviz node name. Graphviz XML-escapes names and labels but copies an `&` that
 * looks like the start of an entity (`&foo;`) as it is, and copies control characters: so `&`
 * is given as `&amp;` (which Graphviz keeps, and an SVG reader shows as `&`) and what XML cannot
 * hold becomes U+FFFD.
 */
export function gvName(s: string): string {
  return xmlChars(s).replace(/&/g, '&amp;');
}

/**
 * Lines of text as a Graphviz label: escaped as gvName, and a name's own backslashes doubled,
 * since Graphviz reads backslash sequences in labels (`\n`, `\N`, `\G`, `\l`...); lines are
 * joined with Graphviz's `\n`.
 */
export function gvLabel(...lines: string[]): string {
  return lines.map((l) => gvName(l).replace(/\\/g, '\\\\')).join('\\n');
}
