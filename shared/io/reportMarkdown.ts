// The drill report as Markdown for a wiki: the same figures as the HTML report, tables in GitHub
// style, and the diagram and charts referenced as relative image files whose SVG sources come back
// alongside (a Node host writes them, and converts them to PNG where it can).
import { architectureChecks } from '../drills/checks';
import { nodeLabel } from './look';
import { edgeName } from '../model/names';
import { CPU_FIGURES, NODE_FIGURES } from './figureHelp';
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
  verdictFacts,
  verdictOf,
  type ReportInput,
} from './reportData';
import { amplificationText, figuresLine, rates, verdictLine } from '../slo/text';
import { toSvg } from './svg';

export interface ReportChart {
  /** File name without extension: "chart-p99", "diagram". */
  name: string;
  /** The file the Markdown refers to: `${name}.png` or `${name}.svg`. */
  file: string;
  /** The SVG source (standalone, with its namespace). */
  svg: string;
  title: string;
}

export interface MarkdownReport {
  markdown: string;
  charts: ReportChart[];
}

export interface MarkdownOptions {
  /** The image files the Markdown refers to; default 'png' (the SVG sources still come back). */
  images?: 'png' | 'svg' | undefined;
  /** Most events listed; default 200. */
  maxEvents?: number | undefined;
}

/** Text made inert in Markdown: no HTML, no emphasis, links or table breaks; one line. */
export function mdText(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]{}()#+!|~])/g, '\\$1');
}

function mdTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

const t = mdText;
const n = (v: number) => fmt(v);

export function reportMarkdown(input: ReportInput, options: MarkdownOptions = {}): MarkdownReport {
  const { doc, result } = input;
  const ext = options.images ?? 'png';
  const charts: ReportChart[] = [];
  const image = (name: string, title: string, svg: string) => {
    const file = `${name}.${ext}`;
    charts.push({ name, file, svg, title });
    return `![${t(title)}](${file})`;
  };
  const views = sloViews(input);
  const out: string[] = [];
  const when = input.generatedAt !== undefined ? ` · generated ${t(input.generatedAt)}` : '';
  out.push(`# ${t(doc.name)} — drill report`, '');
  out.push(
    `Scenario **${t(result.scenario)}** · ${n(result.durationS)} simulated s · seed ${n(result.seed)} · ` +
      `engine ${t(result.engine)}${when}`,
    '',
  );

  const facts = verdictFacts(input);
  out.push('## Verdict', '');
  out.push(`**${verdictOf(result)}**: ${t(verdictLine(facts))} ${t(figuresLine(facts))}`, '');
  if (views.length > 0) {
    out.push(
      mdTable(
        ['Result', 'SLO', 'Scope', 'Value', 'Threshold', 'Per second'],
        views.map((v) => [
          v.slo.pass ? 'PASS' : '**FAIL**',
          t(v.slo.name),
          t(v.scope),
          t(v.value),
          t(v.threshold),
          t(firstBrokeText(v)),
        ]),
      ),
      '',
    );
  }
  const s = result.summary;
  const l = s.latencyMs;
  const r = rates(s);
  out.push(
    mdTable(
      ['Requests', 'OK', 'Errors', 'Offered', 'Goodput (ok)', 'Failed', 'p50', 'p95', 'p99', 'max'],
      [
        [
          n(s.requests),
          n(s.ok),
          t(causes(s.errors)) || 'none',
          `${r.offered} req/s`,
          `${r.goodput} req/s`,
          `${r.failed} req/s`,
          `${n(l.p50)} ms`,
          `${n(l.p95)} ms`,
          `${n(l.p99)} ms`,
          `${n(l.max)} ms`,
        ],
      ],
    ),
    '',
    `Retry amplification: ${amplificationText(s.retryAmplification)}.`,
    '',
  );

  const scenario = scenarioOf(input);
  out.push(`## Scenario: ${t(result.scenario)}`, '');
  out.push(
    `Duration ${n(result.durationS)} s · seed ${n(result.seed)} · warm-up ${n(result.warmupS)} s`,
    '',
  );
  for (const line of trafficLines(doc)) out.push(`- ${t(line)}`);
  out.push('');
  const timeline = [
    ...(scenario?.timeline ?? []).map((e) => [
      `${n(e.atS)} s${notReached(result, e.atS) ? ' (not reached)' : ''}`,
      t(e.action),
      t(e.target ?? ''),
      e.forS !== undefined ? `${n(e.forS)} s` : isMoment(e.action) ? 'a moment' : 'to the end',
      t(paramsText(e.params)),
    ]),
    ...result.commands.map((c) => [
      `${n(c.t)} s`,
      `${t(c.action)} (live)`,
      t(c.target ?? ''),
      c.forS !== null ? `${n(c.forS)} s` : isMoment(c.action) ? 'a moment' : 'to the end',
      t(paramsText(c.params)),
    ]),
  ];
  out.push(
    timeline.length > 0
      ? mdTable(['At', 'Action', 'Target', 'For', 'Parameters'], timeline)
      : 'No faults or operations: a steady run.',
    '',
  );

  out.push('## Diagram', '', image('diagram', doc.name, toSvg(doc, { theme: 'light' })), '');

  const warnings = architectureChecks(doc);
  out.push('## Architecture warnings', '');
  if (warnings.length === 0) out.push('No architecture warnings.');
  for (const [i, w] of warnings.entries()) {
    out.push(`- **${w.code}** ${t(w.message)}`);
    if (warnings[i + 1]?.code !== w.code) out.push(`  _${t(w.why)}_`);
  }
  out.push('');

  out.push('## Charts', '');
  const traffic = trafficChart(input);
  if (traffic) out.push(image(traffic.slug, traffic.title, traffic.svg), '');
  for (const v of views) {
    if (v.chart) out.push(image(v.chart.slug, v.chart.title, v.chart.svg), '');
  }

  out.push('## Nodes', '');
  out.push(
    mdTable(
      [
        'Node',
        'Kind',
        'Requests',
        'OK',
        'Errors by cause',
        'p50 ms',
        'p95 ms',
        'p99 ms',
        'Utilisation',
        'Queue mean / max',
        'In flight (L)',
      ],
      Object.entries(result.nodes).map(([id, r]) => {
        const node = doc.nodes.find((d) => d.id === id);
        return [
          t(node ? nodeLabel(node) : id),
          t(r.kind),
          n(r.requests),
          n(r.ok),
          t(causes(r.errors)),
          n(r.latencyMs.p50),
          n(r.latencyMs.p95),
          n(r.latencyMs.p99),
          pct(r.utilisation),
          `${n(r.queueDepth.mean)} / ${n(r.queueDepth.max)}`,
          n(r.inFlight.mean),
        ];
      }),
    ),
    '',
    `_Utilisation: ${NODE_FIGURES.utilisation} In flight (L): ${NODE_FIGURES.inFlight}_`,
    '',
  );
  const cpu = cpuRows(doc, result);
  if (cpu.length > 0) {
    out.push(
      '### Inside the pods',
      '',
      mdTable(
        CPU_COLUMNS.map((c) => c.title),
        cpu.map((r) => r.cells.map(t)),
      ),
      '',
      ...cpu.map((r) => `- **${t(r.cells[0] ?? r.id)}**: ${t(r.why)}`),
      '',
      `_${CPU_COLUMNS.slice(1)
        .map((c) => `${c.title}: ${CPU_FIGURES[c.key as keyof typeof CPU_FIGURES]}`)
        .join(' ')}_`,
      '',
    );
  }
  const edges = Object.entries(result.edges);
  if (edges.length > 0) {
    out.push('## Edges', '');
    out.push(
      mdTable(
        [
          'Link',
          'Attempts',
          'Retries',
          'Per call',
          'Per user request',
          'Wasted',
          'Failures by cause',
        ],
        edges.map(([id, e]) => {
          const edge = doc.edges.find((d) => d.id === id);
          return [
            t(edgeName(doc, edge ?? id)),
            n(e.attempts),
            n(e.retries),
            `×${n(e.attemptsPerCall)}`,
            `×${n(e.attemptsPerUserRequest)}`,
            n(e.wasted),
            t(causes(e.failures)),
          ];
        }),
      ),
      '',
    );
  }

  const { events, leftOut, dropped } = eventsShown(result, options.maxEvents ?? 200);
  out.push('## Event log', '');
  out.push(
    events.length > 0
      ? mdTable(
          ['Time', 'Type', 'Reason', 'Object', 'Message'],
          events.map((e) => [`${n(e.t)} s`, t(e.type), t(e.reason), t(e.object), t(e.message)]),
        )
      : 'No events.',
    '',
  );
  if (leftOut > 0)
    out.push(`_${leftOut} later events are not listed; the JSON result has them all._`, '');
  if (dropped > 0) out.push(`_The engine dropped ${dropped} events past its log limit._`, '');

  if (result.transactions.length > 0) {
    const { columns, rows } = transactionRows(result);
    out.push(
      '## Transactions',
      '',
      ...transactionSummaries(result).flatMap((s) => [t(s), '']),
      mdTable(
        columns.map(t),
        rows.map((r) => r.map(t)),
      ),
      '',
    );
  }
  return { markdown: `${out.join('\n').trimEnd()}\n`, charts };
}
