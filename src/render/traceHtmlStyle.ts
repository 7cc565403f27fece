// The explorer page's styles, inlined by traceHtml.ts (the page loads nothing). PURE data.

export const EXPLORER_STYLE = `
:root { --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --bg: #fff; --panel: #f6f8fa; --hl: #fff3c4; --cur: #bc4c00; --bad: #cf222e; --good: #1a7f37; --flight: #0969da; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg); }
#app { max-width: 1500px; margin: 0 auto; padding: 12px 20px 40px; }
h1 { font-size: 20px; margin: 4px 0; }
h2 { font-size: 16px; margin: 16px 0 6px; }
h3 { font-size: 14px; margin: 0 0 4px; }
.sub { color: var(--muted); }
code, .mono, td, .steps li, .changes li { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.verdict { border: 1px solid var(--bad); border-left: 6px solid var(--bad); background: #ffebe9; padding: 8px 12px; margin: 10px 0; border-radius: 4px; }
.verdict.holds { border-color: var(--good); background: #dafbe1; }
.verdict .reason { font-weight: 600; }
.controls { position: sticky; top: 0; z-index: 2; background: var(--bg); display: flex; align-items: center; gap: 8px; padding: 8px 0; border-bottom: 1px solid var(--line); }
.controls input[type=range] { flex: 1; }
.controls button { font: inherit; padding: 2px 10px; border: 1px solid var(--line); background: var(--panel); border-radius: 4px; cursor: pointer; }
#step-label { min-width: 190px; font-weight: 600; }
.keys { color: var(--muted); font-size: 12px; }
.grid { display: grid; grid-template-columns: minmax(320px, 38%) 1fr; gap: 16px; margin-top: 10px; }
.steps { position: relative; margin: 0; padding: 0 0 0 0; list-style: none; max-height: 420px; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
.steps li { padding: 3px 8px; border-bottom: 1px solid var(--panel); cursor: pointer; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.steps li .n { display: inline-block; width: 2.5em; color: var(--muted); }
.steps li.future { color: var(--muted); }
.steps li.current { background: var(--hl); font-weight: 700; outline: 2px solid var(--cur); outline-offset: -2px; }
.detail { border: 1px solid var(--line); border-radius: 4px; padding: 8px 12px; max-height: 420px; overflow: auto; }
.changes { margin: 4px 0; padding-left: 18px; }
.changes li.removed { color: var(--bad); }
.changes li.fate-dropped { color: var(--bad); font-weight: 600; }
.changes li.fate-delivered { color: var(--good); font-weight: 600; }
.changes li.flight { color: var(--flight); }
.changes li.log { color: var(--muted); }
.scroll { overflow: auto; border: 1px solid var(--line); border-radius: 4px; background: #fff; }
#sequence { max-height: 460px; }
svg text { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11px; fill: var(--fg); }
svg .participant rect { fill: var(--panel); stroke: #8c959f; }
svg .participant text { font-weight: 700; }
svg .lifeline { stroke: #afb8c1; stroke-dasharray: 4 3; }
svg .seq-event line, svg .seq-event path { stroke: #57606a; stroke-width: 1.2; fill: none; }
svg .seq-event.lost line { stroke: var(--bad); stroke-dasharray: 5 3; }
svg .seq-event .band { fill: transparent; }
svg .seq-event.future { opacity: .3; }
svg .seq-event.current .band { fill: var(--hl); }
svg .seq-event.current line, svg .seq-event.current path { stroke: var(--cur); stroke-width: 2.2; }
svg .seq-event.current text { font-weight: 700; }
svg .note rect:not(.band) { fill: #fff8c5; stroke: #d4a72c; }
svg .stepno { fill: var(--muted); }
svg .node circle, svg .node rect { stroke: #57606a; stroke-width: 1.2; }
svg .node.router rect { fill: #ddf4ff; }
svg .node.host circle { fill: #dafbe1; }
svg .node.client circle { fill: #fbefff; }
svg .link { stroke: #afb8c1; stroke-width: 1.5; }
svg .hop { fill: none; stroke-width: 3; }
svg .hop.delivered { stroke: var(--good); }
svg .hop.dropped { stroke: var(--bad); }
svg .hop.flying { stroke: var(--flight); stroke-dasharray: 6 4; }
svg .hop.old { opacity: .35; }
.tables { display: flex; flex-wrap: wrap; gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; min-width: 260px; }
.card .roles { color: var(--muted); font-weight: 400; font-size: 12px; }
table { border-collapse: collapse; margin: 2px 0 8px; }
th { text-align: left; font-size: 12px; color: var(--muted); font-weight: 600; padding: 2px 8px 2px 0; }
td { padding: 2px 10px 2px 0; border-top: 1px solid var(--panel); vertical-align: top; }
tr.changed td, tr.added td { background: var(--hl); font-weight: 700; }
tr.removed td { color: var(--bad); text-decoration: line-through; }
td .was { color: var(--muted); font-weight: 400; text-decoration: line-through; margin-left: 6px; }
.empty { color: var(--muted); font-style: italic; }
`;
