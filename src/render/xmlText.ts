// Text for XML and SVG documents. PURE.

/** Characters XML 1.0 does not allow at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/F). */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The text with what XML cannot hold at all shown as U+FFFD (nothing else changed). */
export function xmlChars(s: string): string {
  return s.replace(NOT_XML, '\uFFFD');
}

/** Any text as XML character data or an attribute value: escaped, and what XML cannot hold shown as U+FFFD. */
export function xmlText(s: string): string {
  return xmlChars(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}
