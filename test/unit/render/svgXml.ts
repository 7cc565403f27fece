// Test helper: SVG documents read with a real XML parser (fast-xml-parser), never with regexes.

import { expect } from 'vitest';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Character data directly inside this element (entities decoded). */
  text: string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  preserveOrder: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  htmlEntities: true,
});

/** Parse an SVG document, failing the test unless it is well-formed XML with an <svg> root. */
export function parseSvg(svg: string): XmlElement {
  expect(XMLValidator.validate(svg)).toBe(true);
  const doc = toElements(parser.parse(svg));
  const root = doc.find((e) => e.name === 'svg');
  expect(root, 'an <svg> root element').toBeDefined();
  return root!;
}

function toElements(nodes: any[]): XmlElement[] {
  const out: XmlElement[] = [];
  for (const n of nodes) {
    const name = Object.keys(n).find((k) => k !== ':@');
    if (!name || name === '#text' || name.startsWith('?')) continue;
    const kids = Array.isArray(n[name]) ? n[name] : [];
    out.push({
      name,
      attrs: (n[':@'] ?? {}) as Record<string, string>,
      children: toElements(kids),
      text: kids
        .filter((k: any) => '#text' in k)
        .map((k: any) => String(k['#text']))
        .join(''),
    });
  }
  return out;
}

/** Every element below `e` (depth first, document order). */
export function descendants(e: XmlElement): XmlElement[] {
  return e.children.flatMap((c) => [c, ...descendants(c)]);
}

/** Elements carrying every one of `classes` in their class attribute. */
export function byClass(root: XmlElement, ...classes: string[]): XmlElement[] {
  return descendants(root).filter((e) => {
    const have = (e.attrs.class ?? '').split(/\s+/);
    return classes.every((c) => have.includes(c));
  });
}

/** All text inside an element, its descendants' included (whitespace between elements trimmed away). */
export function allText(e: XmlElement): string {
  return [e.text.trim(), ...e.children.map(allText)].join('');
}
