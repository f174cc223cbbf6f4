// What a drill report shows, derived from a document and the JSON result of its run: the scenario,
// fault windows, per-second SLO figures and the first second each broke, and the chart of each SLO.
// Shared by the HTML and Markdown reports so both say the same thing. The judging (what broke,
// when, the outcome) is slo/judge.ts; this module only puts it into words and charts. Pure.
import type { RunResult } from '../engine/result';
import type { ArchDocument, Scenario } from '../model';
import { thingName } from '../model/names';
import {
  coverage,
  displayThreshold,
  isMoment,
  isPercentMetric,
  outcomeOf,
  perSecond,
  sloSeconds,
  type Outcome,
} from '../slo/judge';
import type { SloResult } from '../engine/slo';
import {
  fmt,
  opText,
  scopeName,
  sloDetail,
  sloFigure,
  thresholdText,
  type VerdictFacts,
} from '../slo/text';
import { drillVerdict } from '../drills/verdict';
import { lineChartSvg, type ChartLine, type ChartWindow } from './charts';
import { nodeLabel } from './look';

export { fmt, opText, pct, scopeName, sloFigure } from '../slo/text';
export { isMoment, isPercentMetric, perSecond, type PerSecond } from '../slo/judge';

export interface ReportInput {
  doc: ArchDocument;
  result: RunResult;
  /** The scenario that ran; default: the result's. */
  scenarioName?: string | undefined;
  /** When the report was made, shown as given (reports stay deterministic without it). */
  generatedAt?: string | undefined;
}

export interface SloView {
  slo: SloResult;
  /** "end to end" or the node's name. */
  scope: string;
  value: string;
  threshold: string;
  /** Per-second figure in display units (ms or %), null where nothing finished. */
  perSecond: (number | null)[] | null;
  /** First simulated second whose own figure broke the threshold, and how many seconds did. */
  firstBrokeS: number | null;
  secondsBroken: number;
  /** Windowed: where the worst window was; recovery: the engine's sentence on it; else null. */
  detail: string | null;
  chart: { slug: string; title: string; svg: string } | null;
}

const LATENCY = ['p50', 'p95', 'p99'] as const;
export const LINE_COLORS = { p50: '#1f9d74', p95: '#d9822b', p99: '#c0392b', rps: '#326ce5' };

export function scenarioOf(input: ReportInput): Scenario | undefined {
  const name = input.scenarioName ?? input.result.scenario;
  return input.doc.scenarios.find((s) => s.name === name);
}

/** Fault windows and moments from the timeline and the live commands of the run. */
export function faultWindows(
  scenario: Scenario | undefined,
  result: RunResult,
  doc?: ArchDocument,
): ChartWindow[] {
  // Only what the run reached (a run stopped early shades nothing after that point).
  const end = coverage(result).ranS;
  const of = (
    atS: number,
    action: string,
    target: string | null | undefined,
    forS: number | null | undefined,
  ) => {
    const toS = forS !== null && forS !== undefined ? atS + forS : isMoment(action) ? atS : end;
    const label =
      target !== null && target !== undefined && target !== ''
        ? `${action} ${doc ? thingName(doc, target) : target}`
        : action;
    return { fromS: atS, toS: Math.min(toS, end), label };
  };
  const out: ChartWindow[] = [];
  for (const e of scenario?.timeline ?? []) out.push(of(e.atS, e.action, e.target, e.forS));
  for (const c of result.commands) out.push(of(c.t, c.action, c.target, c.forS));
  return out.filter((w) => w.fromS <= end);
}

/** A file-name-safe slug: lower case letters, digits and dashes. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 40);
}

export function sloViews(input: ReportInput): SloView[] {
  const { doc, result } = input;
  const windows = faultWindows(scenarioOf(input), result, input.doc);
  const used = new Set<string>();
  return sloSeconds(result).map(({ slo, series, values, firstBrokeS, secondsBroken }) => {
    const scope = scopeName(doc, slo.target);
    const percent = isPercentMetric(slo.metric);
    const threshold = displayThreshold(slo);
    let name = `chart-${slug(slo.metric)}${slo.target !== null ? `-${slug(slo.target)}` : ''}`;
    for (let k = 2; used.has(name); k++) name = `chart-${slug(slo.metric)}-${k}`;
    used.add(name);
    const title = `${slo.name} — ${scope}`;
    let chart: SloView['chart'] = null;
    if (values !== null && series.t.length > 0) {
      const lines: ChartLine[] = (LATENCY as readonly string[]).includes(slo.metric)
        ? [
            { label: 'p50', values: series.p50Ms, color: LINE_COLORS.p50, dash: '2 3' },
            { label: 'p95', values: series.p95Ms, color: LINE_COLORS.p95, dash: '7 4' },
            { label: 'p99', values: series.p99Ms, color: LINE_COLORS.p99, width: 2 },
          ]
        : [{ label: slo.metric, values, color: LINE_COLORS.p99, width: 2 }];
      const svg = lineChartSvg({
        title,
        description:
          `Per-second ${slo.metric} of ${scope} over ${result.durationS} simulated seconds, ` +
          `against the SLO ${opText(slo.op)} ${sloFigure(slo.metric, slo.threshold)}` +
          (windows.length > 0
            ? `; fault windows shaded: ${windows.map((w) => w.label).join(', ')}.`
            : '.'),
        t: series.t,
        lines,
        unit: percent ? '%' : 'ms',
        durationS: result.durationS,
        threshold: {
          value: threshold,
          label: `SLO ${opText(slo.op)} ${sloFigure(slo.metric, slo.threshold)}`,
        },
        windows,
        warmupS: result.warmupS,
        minTop: slo.metric === 'availability' ? 100 : undefined,
        maxTop: percent ? 100 : undefined,
      });
      chart = { slug: name, title, svg };
    }
    return {
      slo,
      scope,
      value: sloFigure(slo.metric, slo.value),
      threshold: thresholdText(slo),
      perSecond: values,
      firstBrokeS,
      secondsBroken,
      detail: sloDetail(slo),
      chart,
    };
  });
}

/** Requests per second end to end: arrivals, answered ok, and errors, with fault windows. */
export function trafficChart(
  input: ReportInput,
): { slug: string; title: string; svg: string } | null {
  const { result } = input;
  const s = perSecond(result, null);
  if (s.t.length === 0) return null;
  const title = 'Traffic — end to end';
  return {
    slug: 'chart-traffic',
    title,
    svg: lineChartSvg({
      title,
      description: `Requests per second sent by the clients, answered ok and failed, over ${result.durationS} simulated seconds.`,
      t: s.t,
      lines: [
        { label: 'sent', values: s.rps, color: LINE_COLORS.rps, dash: '7 4' },
        { label: 'ok', values: s.ok, color: LINE_COLORS.p50, width: 2 },
        { label: 'errors', values: s.errors, color: LINE_COLORS.p99, width: 2 },
      ],
      unit: 'req/s',
      durationS: result.durationS,
      windows: faultWindows(scenarioOf(input), result, input.doc),
      warmupS: result.warmupS,
    }),
  };
}

/** "timeout 10, unavailable 3", or "" for none. */
export function causes(errors: Record<string, number>): string {
  return Object.entries(errors)
    .filter(([, n]) => n > 0)
    .map(([cause, n]) => `${cause} ${n}`)
    .join(', ');
}

/** The traffic the clients send, one line each: "Shoppers: 200 req/s, poisson, 1 shape". */
export function trafficLines(doc: ArchDocument): string[] {
  return doc.nodes.flatMap((n) => {
    if (n.kind !== 'client') return [];
    const shapes = n.props.shapes.map((s) => s.shape);
    const more = shapes.length > 0 ? `, shapes: ${shapes.join(', ')}` : '';
    return [`${nodeLabel(n)}: ${fmt(n.props.rps)} req/s, ${n.props.arrival} arrivals${more}`];
  });
}

/** A timeline entry's or command's parameters as "ms=200, version=v2". */
export function paramsText(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** Events in time order (stable for equal times), at most `max`, and how many were left out. */
export function eventsShown(result: RunResult, max: number) {
  const sorted = result.events.map((e, i) => ({ e, i })).sort((a, b) => a.e.t - b.e.t || a.i - b.i);
  return {
    events: sorted.slice(0, max).map((x) => x.e),
    leftOut: Math.max(0, sorted.length - max),
    dropped: result.eventsDropped,
  };
}

/** Transaction outcomes per flow, in figures (result.transactions, engine/txrun/report.ts). */
export function transactionRows(result: RunResult): { columns: string[]; rows: string[][] } {
  const columns = [
    'Flow',
    'Protocol',
    'Started',
    'Rejected',
    'Committed',
    'Rolled back',
    'Compensated',
    'In doubt',
    'Inconsistent',
    'Still running',
    'Went in doubt',
    'Longest lock (ms)',
    'Waited behind in-doubt locks',
    'Balance',
    'Inconsistent (ms)',
    'Readers blocked (ms)',
  ];
  const rows = result.transactions.map((t) => {
    const longest = t.locks.reduce((m, l) => Math.max(m, l.maxMs), 0);
    return [
      t.flow,
      t.protocol,
      t.started,
      t.rejected,
      t.outcomes.committed,
      t.outcomes.rolled_back,
      t.outcomes.compensated,
      t.outcomes.in_doubt,
      t.outcomes.inconsistent,
      t.outcomes.pending,
      t.inDoubtEver.instances,
      longest,
      t.lockWaits.behindInDoubt,
      t.balance?.verdict ?? 'not a transfer',
      t.balance?.inconsistentMs ?? '',
      t.balance?.blockedMs ?? '',
    ].map(cell);
  });
  return { columns, rows };
}

/** One sentence-paragraph per flow stating its outcomes in figures. */
export const transactionSummaries = (result: RunResult): string[] =>
  result.transactions.map((t) => t.summary);

function cell(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** What the verdict says: outcome, SLO counts, the part of the scenario run, headline figures. */
export function verdictFacts(input: ReportInput): VerdictFacts {
  const { doc, result } = input;
  const v = drillVerdict(doc, scenarioOf(input), result);
  return {
    outcome: v.outcome,
    sloCount: result.slos.length,
    failed: result.slos.filter((s) => !s.pass).length,
    coverage: v.coverage,
    errorRate: v.headline.errorRate,
    worstP99Ms: v.headline.worstP99Ms,
    blastRadius: v.headline.blastRadius.map((id) => scopeName(doc, id)),
    retryStorms: v.retryStorms.map((r) => ({
      ...r,
      from: scopeName(doc, r.from),
      to: scopeName(doc, r.to),
    })),
  };
}

/** Whether a timeline entry starting at `atS` came after the point a stopped run reached. */
export const notReached = (result: RunResult, atS: number) => atS > coverage(result).ranS;

/** The verdict's word: PASSED, FAILED, or NO SLOS when there was nothing to judge. */
export const verdictOf = (result: RunResult): Outcome => outcomeOf(result);

export function firstBrokeText(v: SloView): string {
  if (v.perSecond === null) return v.detail ?? 'no per-second figure for this metric';
  if (v.detail !== null) return `${v.detail}; ${firstBrokeText({ ...v, detail: null })}`;
  if (v.firstBrokeS === null) return 'held every second';
  const verb = v.slo.pass ? 'crossed it first' : 'first broke';
  return `${verb} at ${fmt(v.firstBrokeS)} s (${v.secondsBroken} s over the line)`;
}
