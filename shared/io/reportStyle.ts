// The drill report's stylesheet, inlined into the page: screen and print (A4, page breaks kept
// away from the middle of tables' heads, figures and the verdict). System fonts only.
export const REPORT_CSS = `
:root { color-scheme: light; --text: #1d2330; --muted: #677085; --line: #dfe3ea; --pass: #1f7a4d;
  --fail: #b42318; --pass-bg: #e8f6ee; --fail-bg: #fdecea; --head: #f4f6f9; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: var(--text); background: #fff;
  font: 14px/1.45 Inter, 'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif; }
main { max-width: 1120px; margin: 0 auto; padding: 28px 32px 48px; }
header h1 { margin: 0 0 4px; font-size: 26px; }
.kicker { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: 11px; color: var(--muted); }
h2 { font-size: 18px; margin: 28px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 14px; margin: 16px 0 6px; }
.muted { color: var(--muted); }
code { font: 12px/1.3 ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace; background: var(--head);
  padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
table { border-collapse: collapse; width: 100%; margin: 6px 0 10px; font-size: 12.5px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--head); font-weight: 600; }
td .n, td:has(> .n) { font-variant-numeric: tabular-nums; }
tr { break-inside: avoid; }
thead { display: table-header-group; }
.verdict-line { font-size: 16px; padding: 10px 14px; border-radius: 6px; margin: 8px 0 12px; }
.verdict-line.pass { background: var(--pass-bg); color: var(--pass); }
.verdict-line.fail { background: var(--fail-bg); color: var(--fail); }
.verdict-line.none { background: var(--head); color: var(--text); }
.verdict-word { font-weight: 800; letter-spacing: .04em; margin-right: 6px; }
.badge { display: inline-block; font-weight: 700; font-size: 11px; padding: 1px 7px; border-radius: 10px; }
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
figure { margin: 8px 0 14px; break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
.diagram figure svg { border: 1px solid var(--line); border-radius: 6px; max-height: 640px; }
figcaption { font-size: 12px; color: var(--muted); margin-top: 2px; }
.warnings { padding-left: 18px; }
.warnings > li { margin: 8px 0; }
.warnings ul { margin: 2px 0; padding-left: 18px; }
.warnings p { margin: 2px 0; font-size: 12.5px; }
figure.chart svg { width: 100%; max-width: 900px; }
.warnings li.warning code { background: #fff4e5; }
.ev.warn { color: #b54708; font-weight: 600; }
table.events td:first-child { white-space: nowrap; }
.note { font-size: 12px; color: var(--muted); font-style: italic; }
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 11px; }
  main { max-width: none; padding: 0; }
  h2 { break-after: avoid; }
  h3 { break-after: avoid; }
  section.verdict, section.scenario { break-inside: avoid; }
  section.diagram, section.charts, section.events { break-before: page; }
  table { font-size: 10px; }
  .diagram figure svg { max-height: 230mm; }
}
`;
