// `trace html`: one self-contained HTML file that works offline: the explorer's data embedded as
// JSON, its script and styles inlined, nothing fetched (a Content-Security-Policy forbids it).
// PURE: ExplorerData -> string. The script builds the page with textContent only, so a name from
// a config or scenario (`hostname <img src=x onerror=…>`) is always text, never markup.

import { EXPLORER_SCRIPT } from './traceHtmlScript.js';
import { EXPLORER_STYLE } from './traceHtmlStyle.js';
import type { ExplorerData } from './traceHtmlData.js';

/** Text for an HTML text or attribute context. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * JSON that is safe inside `<script type="application/json">`: no `<` (so no `</script>` or
 * `<!--` can end or change the element), and no U+2028/U+2029 line separators.
 */
export function scriptJson(data: unknown): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

const CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

export function renderTraceHtml(data: ExplorerData): string {
  const title = `roamcheck: ${data.model}${data.property ? ` \u2014 ${data.property}` : ''}`;
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="generator" content="roamcheck">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${EXPLORER_STYLE}</style>`,
    '</head>',
    '<body>',
    '<noscript>This trace explorer needs JavaScript; `roamcheck trace show TRACE` prints the same trace as text.</noscript>',
    '<div id="app"></div>',
    `<script type="application/json" id="trace-data">${scriptJson(data)}</script>`,
    `<script>${EXPLORER_SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
