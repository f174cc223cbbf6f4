// The report of a drill run as one self-contained HTML page: inline CSS and inline SVG, no script,
// no external reference of any kind (a Content-Security-Policy forbids fetching anything), print
// styles for PDF. Every piece of user text is escaped. The Markdown edition is reportMarkdown.ts.
import { CHECKS, architectureChecks } from '../drills/checks';
import type { RunResult } from '../engine/result';
import type { ArchDocument } from '../model';
import { nodeLabel } from './look';
import { edgeName, nodeName } from '../model/names';
import { CPU_FIGURES, EDGE_FIGURES, NODE_FIGURES } from './figureHelp';
import { CPU_COLUMNS, cpuRows } from './cpuTable';
import {
  causes,
  eventsShown,
  firstBrokeText,
  fmt,
  isMoment,
  notReached,
  paramsText,
  pct,
  scenarioOf,
  sloViews,
  trafficChart,
  trafficLines,
  transactionRows,
  transactionSummaries,
  type ReportInput,
  verdictFacts,
  verdictOf,
  type SloView,
} from './reportData';
import { amplificationText, figuresLine, rates, verdictLine } from '../slo/text';
import { REPORT_CSS } from './reportStyle';
import { toSvg } from './svg';
import { escapeXml } from './xml';

export { reportMarkdown, type MarkdownReport, type ReportChart } from './reportMarkdown';
export { verdictOf, type ReportInput } from './reportData';

export interface HtmlReportOptions {
  /** Most events listed; the rest are counted in a note. Default 500. */
  maxEvents?: number | undefined;
}

const h = escapeXml;

/** An SVG made to sit inside HTML: no XML namespace URL, no embedded document. */
export function inlineSvg(svg: string): string {
  return svg
    .replace(/ xmlns="http:\/\/www\.w3\.org\/2000\/svg"/g, '')
    .replace(/<metadata[^>]*>[^<]*<\/metadata>/g, '');
}

function table(head: readonly string[], rows: readonly (readonly string[])[], cls = ''): string {
  const th = head.map((c) => `<th>${c}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`).join('\n');
  return `<table${cls ? ` class="${cls}"` : ''}><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const num = (n: number) => `<span class="n">${h(fmt(n))}</span>`;
const dash = (text: string) => (text === '' ? '<span class="muted">—</span>' : h(text));

export function reportHtml(input: ReportInput, options: HtmlReportOptions = {}): string {
  const { doc, result } = input;
  const views = sloViews(input);
  const title = `${doc.name} — drill report (${result.scenario})`;
  const parts = [
    header(input),
    verdict(input, views),
    scenarioSection(input),
    `<section class="diagram"><h2>Diagram</h2><figure>${inlineSvg(toSvg(doc, { theme: 'light' }))}</figure></section>`,
    warnings(input),
    charts(input, views),
    nodesSection(input),
    edgesSection(input),
    eventsSection(result, options.maxEvents ?? 500),
    transactionsSection(input),
  ];
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="ArchLab ${h(result.engine)}">
<title>${h(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<main>
${parts.filter((p) => p !== '').join('\n')}
</main>
</body>
</html>
`;
}

function header({ doc, result, generatedAt }: ReportInput): string {
  const when = generatedAt !== undefined ? ` · generated ${h(generatedAt)}` : '';
  return `<header><p class="kicker">ArchLab drill report</p><h1>${h(doc.name)}</h1>
<p class="muted">Scenario <strong>${h(result.scenario)}</strong> · ${num(result.durationS)} simulated s · seed ${num(result.seed)} · engine ${h(result.engine)}${when}</p></header>`;
}

function verdict(input: ReportInput, views: readonly SloView[]): string {
  const { result } = input;
  const facts = verdictFacts(input);
  const word = verdictOf(result);
  const line = verdictLine(facts);
  const rows = views.map((v) => [
    `<span class="badge ${v.slo.pass ? 'pass' : 'fail'}">${v.slo.pass ? 'PASS' : 'FAIL'}</span>`,
    h(v.slo.name),
    h(v.scope),
    `<strong>${h(v.value)}</strong>`,
    h(v.threshold),
    firstBroke(v),
  ]);
  const s = result.summary;
  const l = s.latencyMs;
  const r = rates(s);
  const summary = table(
    [
      'Requests',
      'OK',
      'Errors',
      'Offered',
      'Goodput (ok)',
      'Failed',
      'p50',
      'p95',
      'p99',
      'max',
      'In flight at end',
    ],
    [
      [
        num(s.requests),
        num(s.ok),
        dash(causes(s.errors)),
        `<span class="n">${r.offered}</span> req/s`,
        `<span class="n">${r.goodput}</span> req/s`,
        `<span class="n">${r.failed}</span> req/s`,
        `${num(l.p50)} ms`,
        `${num(l.p95)} ms`,
        `${num(l.p99)} ms`,
        `${num(l.max)} ms`,
        num(s.inFlightAtEnd),
      ],
    ],
  );
  return `<section class="verdict"><h2>Verdict</h2>
<p class="verdict-line ${word === 'PASSED' ? 'pass' : word === 'FAILED' ? 'fail' : 'none'}"><span class="verdict-word">${word}</span> ${h(line)}</p>
<p class="verdict-figures">${h(figuresLine(facts))}</p>
${views.length > 0 ? table(['', 'SLO', 'Scope', 'Value', 'Threshold', 'Per second'], rows, 'slos') : ''}
<h3>End to end</h3>
${summary}
<p>Retry amplification: ${h(amplificationText(s.retryAmplification))}.</p>
${result.warmupS > 0 ? `<p class="muted">Figures leave out the first ${num(result.warmupS)} s (warm-up).</p>` : ''}
</section>`;
}

const firstBroke = (v: SloView) => h(firstBrokeText(v));

function scenarioSection(input: ReportInput): string {
  const { doc, result } = input;
  const scenario = scenarioOf(input);
  const facts = [
    `Duration ${num(result.durationS)} s`,
    `seed ${num(result.seed)}`,
    `warm-up ${num(result.warmupS)} s`,
  ];
  const traffic = trafficLines(doc);
  const timeline = scenario?.timeline ?? [];
  const entries = timeline.map((e) => [
    `${num(e.atS)} s${notReached(result, e.atS) ? ' <span class="muted">not reached</span>' : ''}`,
    h(e.action),
    dash(e.target ?? ''),
    e.forS !== undefined
      ? `${num(e.forS)} s`
      : `<span class="muted">${isMoment(e.action) ? 'a moment' : 'to the end'}</span>`,
    dash(paramsText(e.params)),
  ]);
  const commands = result.commands.map((c) => [
    `${num(c.t)} s`,
    h(c.action),
    dash(c.target ?? ''),
    c.forS !== null
      ? `${num(c.forS)} s`
      : `<span class="muted">${isMoment(c.action) ? 'a moment' : 'to the end'}</span>`,
    dash(paramsText(c.params)),
  ]);
  const head = ['At', 'Action', 'Target', 'For', 'Parameters'];
  return `<section class="scenario"><h2>Scenario: ${h(result.scenario)}</h2>
<p>${facts.join(' · ')}</p>
<h3>Traffic</h3>
${traffic.length > 0 ? `<ul>${traffic.map((t) => `<li>${h(t)}</li>`).join('')}</ul>` : '<p class="muted">No clients.</p>'}
<h3>Timeline</h3>
${entries.length > 0 ? table(head, entries) : '<p class="muted">No faults or operations: a steady run.</p>'}
${commands.length > 0 ? `<h3>Live commands</h3>\n${table(head, commands)}` : ''}
</section>`;
}

function warnings({ doc }: ReportInput): string {
  const found = architectureChecks(doc);
  const codes = [...new Set(found.map((w) => w.code))];
  const items = codes.map((code) => {
    const all = found.filter((w) => w.code === code);
    const first = all[0] as (typeof all)[number];
    const info = CHECKS[code];
    return `<li class="${first.severity}"><code>${h(code)}</code> <strong>${h(info.name)}</strong>
<ul>${all.map((w) => `<li>${h(w.message)}</li>`).join('')}</ul>
<p class="muted">${h(first.why)}</p></li>`;
  });
  const body =
    items.length === 0
      ? '<p class="muted">No architecture warnings.</p>'
      : `<ul class="warnings">${items.join('\n')}</ul>`;
  return `<section class="checks"><h2>Architecture warnings</h2>\n${body}\n</section>`;
}

function charts(input: ReportInput, views: readonly SloView[]): string {
  const figures: string[] = [];
  const traffic = trafficChart(input);
  if (traffic) figures.push(`<figure class="chart">${inlineSvg(traffic.svg)}</figure>`);
  for (const v of views) {
    if (v.chart === null) {
      figures.push(
        `<p class="muted">${h(v.slo.name)}: no per-second chart for ${h(v.slo.metric)}.</p>`,
      );
      continue;
    }
    const caption = `${v.slo.pass ? 'Held' : 'Broken'}: ${v.value} over the run, ${v.threshold}; ${firstBrokeText(v)}.`;
    figures.push(
      `<figure class="chart slo-chart" data-slo="${h(v.slo.name)}">${inlineSvg(v.chart.svg)}<figcaption>${h(caption)}</figcaption></figure>`,
    );
  }
  if (figures.length === 0) return '';
  return `<section class="charts"><h2>Charts</h2>
<p class="muted">Per simulated second. Shaded bands are fault windows; dashed red lines are SLO thresholds.</p>
${figures.join('\n')}
</section>`;
}

function nodesSection({ doc, result }: ReportInput): string {
  const rows = Object.entries(result.nodes).map(([id, n]) => {
    const node = doc.nodes.find((d) => d.id === id);
    return [
      h(node ? nodeLabel(node) : id),
      h(n.kind),
      num(n.requests),
      num(n.ok),
      dash(causes(n.errors)),
      num(n.latencyMs.p50),
      num(n.latencyMs.p95),
      num(n.latencyMs.p99),
      h(pct(n.utilisation)),
      `${num(n.queueDepth.mean)} / ${num(n.queueDepth.max)}`,
      num(n.inFlight.mean),
    ];
  });
  const queues = Object.entries(result.queues).map(([edge, q]) => [
    h(edgeName(doc, edge)),
    h(nodeName(doc, q.consumer)),
    num(q.delivered),
    num(q.ok),
    num(q.failed),
    `${num(q.backlog)} / ${num(q.maxBacklog)}`,
    num(q.meanWaitMs),
  ]);
  return `<section class="nodes"><h2>Nodes</h2>
${table(['Node', 'Kind', 'Requests', 'OK', 'Errors by cause', 'p50 ms', 'p95 ms', 'p99 ms', 'Utilisation', 'Queue mean / max', 'In flight (L)'], rows, 'wide')}
<p class="muted">${h(`Utilisation: ${NODE_FIGURES.utilisation} In flight (L): ${NODE_FIGURES.inFlight}`)}</p>
${cpuSection(doc, result)}${queues.length > 0 ? `<h3>Queues</h3>\n${table(['Subscription', 'Consumer', 'Delivered', 'OK', 'Failed', 'Backlog end / max', 'Mean wait ms'], queues)}` : ''}
</section>`;
}

/** The inside of the pods of the services with a runtime (cpuTable.ts), when there are any. */
function cpuSection(doc: ArchDocument, result: RunResult): string {
  const rows = cpuRows(doc, result);
  if (rows.length === 0) return '';
  const notes = CPU_COLUMNS.slice(1).map(
    (c) => `${c.title}: ${CPU_FIGURES[c.key as keyof typeof CPU_FIGURES]}`,
  );
  return `<h3>Inside the pods</h3>
${table(
  CPU_COLUMNS.map((c) => c.title),
  rows.map((r) => r.cells.map(h)),
  'wide',
)}
<ul>${rows.map((r) => `<li><strong>${h(r.cells[0] ?? r.id)}</strong>: ${h(r.why)}</li>`).join('')}</ul>
<p class="muted">${h(notes.join(' '))}</p>
`;
}

function edgesSection({ doc, result }: ReportInput): string {
  const rows = Object.entries(result.edges).map(([id, e]) => {
    const edge = doc.edges.find((d) => d.id === id);
    return [
      h(edgeName(doc, edge ?? id)),
      h(edge?.kind ?? ''),
      num(e.attempts),
      num(e.retries),
      `×${num(e.attemptsPerCall)}`,
      `×${num(e.attemptsPerUserRequest)}`,
      num(e.wasted),
      dash(causes(e.failures)),
    ];
  });
  if (rows.length === 0) return '';
  return `<section class="edges"><h2>Edges</h2>
${table(['Link', 'Kind', 'Attempts', 'Retries', 'Per call', 'Per user request', 'Wasted', 'Failures by cause'], rows, 'wide')}
<p class="muted">${h(`Per call: ${EDGE_FIGURES.perCall} Per user request: ${EDGE_FIGURES.perUserRequest}`)}</p>
<p class="muted">${h(`Wasted: ${EDGE_FIGURES.wasted}`)}</p>
</section>`;
}

function eventsSection(result: RunResult, max: number): string {
  const { events, leftOut, dropped } = eventsShown(result, max);
  const rows = events.map((e) => [
    `${num(e.t)} s`,
    `<span class="ev ${e.type === 'Warning' ? 'warn' : ''}">${h(e.type)}</span>`,
    h(e.reason),
    `<code>${h(e.object)}</code>`,
    h(e.message),
  ]);
  const notes: string[] = [];
  if (leftOut > 0)
    notes.push(
      `${leftOut} later events are not listed here (the first ${max} are); the JSON result has them all.`,
    );
  if (dropped > 0) notes.push(`The engine dropped ${dropped} events past its log limit.`);
  return `<section class="events"><h2>Event log</h2>
${rows.length > 0 ? table(['Time', 'Type', 'Reason', 'Object', 'Message'], rows, 'wide events') : '<p class="muted">No events.</p>'}
${notes.map((n) => `<p class="note">${h(n)}</p>`).join('\n')}
</section>`;
}

function transactionsSection({ doc, result }: ReportInput): string {
  if (result.transactions.length === 0) {
    if (doc.transactions.length === 0) return '';
    return `<section class="transactions"><h2>Transactions</h2><p class="muted">The run reported no transaction outcomes for the ${doc.transactions.length} flow(s) of the document.</p></section>`;
  }
  const { columns, rows } = transactionRows(result);
  return `<section class="transactions"><h2>Transactions</h2>
${transactionSummaries(result)
  .map((s) => `<p class="tx-summary">${h(s)}</p>`)
  .join('\n')}
${table(
  columns.map(h),
  rows.map((r) => r.map(dash)),
  'wide',
)}
</section>`;
}
