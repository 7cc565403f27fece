// Names from configs and scenarios inside Mermaid source: never as ids (those are generated, p0,
// p1 …, so `vm-1` and `vm_1` stay two participants and `end` is no keyword) and, as labels,
// with every character outside a small safe set written as a Mermaid entity (`#59;` for `;`).
// PURE.

import { escapeControls } from './terminalText.js';

/**
 * A label for Mermaid text (participant alias, message, note, node label): control characters
 * as visible escapes (`\n`), then everything but letters, digits, space and `.,_-/()=>+*'@[]!?~^$:`
 * as a decimal entity, so no `;`, `#`, `"`, `%`, `|`, `{`, `<`, or newline reaches the parser.
 */
export function mermaidLabel(text: string): string {
  return escapeControls(text).replace(/[^A-Za-z0-9 .,_\-/()=>+*'@[\]!?~^$:]/gu, (c) => `#${c.codePointAt(0)};`);
}

/** A diagram title for the YAML front matter: one double-quoted line. */
export function mermaidTitle(text: string): string {
  return JSON.stringify(escapeControls(text));
}

/** Generated ids for names: the first name seen gets `${prefix}0`, the next `${prefix}1` … */
export function idsFor(prefix: string): (name: string) => string {
  const ids = new Map<string, string>();
  return (name) => {
    let id = ids.get(name);
    if (id === undefined) ids.set(name, (id = `${prefix}${ids.size}`));
    return id;
  };
}
