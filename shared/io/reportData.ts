// What a drill report shows, derived from a document and the JSON result of its run: the scenario,
// fault windows, per-second SLO figures and the first second each broke, and the chart of each SLO.
// Shared by the HTML and Markdown reports so both say the same thing. Pure: no DOM, no Node.
import type { RunResult } from '../engine/result';
import type { SloResult } from '../engine/slo';
import type { ArchDocument, Scenario } from '../model';
import { lineChartSvg, type ChartLine, type ChartWindow } from './charts';
import { nodeLabel } from './look';

export interface ReportInput {
  doc: ArchDocument;
  result: RunResult;
  /** The scenario that ran; default: the result's. */
  scenarioName?: string | undefined;
  /** When the report was made, shown as given (reports stay deterministic without it). */
  generatedAt?: string | undefined;
}

export interface PerSecond {
  t: number[];
  rps: number[];
  ok: number[];
  errors: number[];
  p50Ms: (number | null)[];
  p95Ms: (number | null)[];
  p99Ms: (number | null)[];
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
/** Actions that happen at a moment; any other action without forS lasts to the end of the run. */
const MOMENTS = new Set([
  'kill-pod',
  'container-kill',
  'scale',
  'rollout',
  'rollback',
  'cache-flush',
  'set-error-rate',
]);
export const LINE_COLORS = { p50: '#1f9d74', p95: '#d9822b', p99: '#c0392b', rps: '#326ce5' };

export function scenarioOf(input: ReportInput): Scenario | undefined {
  const name = input.scenarioName ?? input.result.scenario;
  return input.doc.scenarios.find((s) => s.name === name);
}

/** Whether a timeline action happens at a moment (else, without forS, it lasts to the end). */
export const isMoment = (action: string) => MOMENTS.has(action);

/** An SLO operator as it is printed: ≥ and ≤ rather than >= and <=. */
export const opText = (op: string) => (op === '>=' ? '≥' : op === '<=' ? '≤' : op);

export const isPercentMetric = (metric: string) =>
  metric === 'error-rate' || metric === 'availability';

/** A figure with at most `digits` decimals and no float noise. */
export function fmt(n: number, digits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  return String(Number(n.toFixed(digits)));
}

export const pct = (fraction: number) => `${fmt(fraction * 100, 4)} %`;

export function sloFigure(metric: string, v: number | null): string {
  if (v === null) v = Infinity; // Infinity goes through JSON as null (a recovery never seen)
  if (isPercentMetric(metric)) return pct(v);
  if ((LATENCY as readonly string[]).includes(metric)) return `${fmt(v)} ms`;
  if (metric === 'recovery')
    return v === null || !Number.isFinite(v) ? 'never (not recovered)' : `${fmt(v)} s`;
  return fmt(v);
}

export function holds(op: string, v: number, threshold: number): boolean {
  return op === '<'
    ? v < threshold
    : op === '<='
      ? v <= threshold
      : op === '>'
        ? v > threshold
        : v >= threshold;
}

/** Fault windows and moments from the timeline and the live commands of the run. */
export function faultWindows(scenario: Scenario | undefined, result: RunResult): ChartWindow[] {
  const end = result.durationS;
  const of = (
    atS: number,
    action: string,
    target: string | null | undefined,
    forS: number | null | undefined,
  ) => {
    const toS = forS !== null && forS !== undefined ? atS + forS : MOMENTS.has(action) ? atS : end;
    const label =
      target !== null && target !== undefined && target !== '' ? `${action} ${target}` : action;
    return { fromS: atS, toS: Math.min(toS, end), label };
  };
  const out: ChartWindow[] = [];
  for (const e of scenario?.timeline ?? []) out.push(of(e.atS, e.action, e.target, e.forS));
  for (const c of result.commands) out.push(of(c.t, c.action, c.target, c.forS));
  return out.filter((w) => w.fromS <= end);
}

const sumInto = (into: number[], from: readonly number[]) =>
  from.forEach((v, i) => (into[i] = (into[i] ?? 0) + v));

/** Per-second figures of one node, or end to end (all clients; latency of the worst client). */
export function perSecond(result: RunResult, target: string | null): PerSecond {
  const ids =
    target !== null
      ? [target]
      : Object.keys(result.nodes).filter((id) => result.nodes[id]?.kind === 'client');
  const series = ids.flatMap((id) => {
    const s = result.nodes[id]?.series;
    return s ? [s] : [];
  });
  const n = Math.max(0, ...series.map((s) => s.t.length));
  const t = Array.from(
    { length: n },
    (_, i) => series.find((s) => s.t[i] !== undefined)?.t[i] ?? i,
  );
  const rps: number[] = new Array<number>(n).fill(0);
  const ok: number[] = new Array<number>(n).fill(0);
  const errors: number[] = new Array<number>(n).fill(0);
  for (const s of series) {
    sumInto(rps, s.rps);
    sumInto(ok, s.ok);
    for (const list of Object.values(s.errors)) sumInto(errors, list);
  }
  const worst = (key: 'p50Ms' | 'p95Ms' | 'p99Ms') =>
    t.map((_, i) => {
      if ((ok[i] ?? 0) + (errors[i] ?? 0) === 0) return null;
      let m: number | null = null;
      for (const s of series) {
        const v = s[key][i];
        if (v !== undefined && (m === null || v > m)) m = v;
      }
      return m;
    });
  return {
    t,
    rps,
    ok,
    errors,
    p50Ms: worst('p50Ms'),
    p95Ms: worst('p95Ms'),
    p99Ms: worst('p99Ms'),
  };
}

/** A per-second figure of an SLO's metric in display units (ms, or % for rates). */
function metricPerSecond(metric: string, s: PerSecond): (number | null)[] | null {
  const done = (i: number) => (s.ok[i] ?? 0) + (s.errors[i] ?? 0);
  switch (metric) {
    case 'p50':
      return s.p50Ms;
    case 'p95':
      return s.p95Ms;
    case 'p99':
      return s.p99Ms;
    case 'error-rate':
      return s.t.map((_, i) => (done(i) > 0 ? ((s.errors[i] ?? 0) / done(i)) * 100 : null));
    case 'availability':
      return s.t.map((_, i) => (done(i) > 0 ? ((s.ok[i] ?? 0) / done(i)) * 100 : null));
    default:
      return null;
  }
}

export function scopeName(doc: ArchDocument, target: string | null): string {
  if (target === null) return 'end to end';
  const node = doc.nodes.find((n) => n.id === target);
  return node ? nodeLabel(node) : target;
}

/** A file-name-safe slug: lower case letters, digits and dashes. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s === '' ? 'x' : s.slice(0, 40);
}

/** " in every 60 s window", " after each fault ends", or "". */
function thresholdTail(slo: SloResult): string {
  if (slo.metric === 'recovery') return ' after each fault ends';
  return slo.windowS !== undefined ? ` in every ${fmt(slo.windowS)} s window` : '';
}

/** Where a windowed SLO's worst window was; a recovery SLO's sentence (engine/slo.ts). */
function sloDetail(slo: SloResult): string | null {
  if (slo.metric === 'recovery') {
    const rule = slo.recoveryRule;
    const how = rule
      ? ` (recovered = ${rule.forS} s in a row with errors ≤ ${pct(rule.errorRate)}` +
        (rule.p99Ms !== null ? ` and p99 ≤ ${fmt(rule.p99Ms)} ms` : '') +
        ')'
      : '';
    return `${slo.message ?? ''}${how}`;
  }
  if (slo.windowS === undefined) return null;
  const w = slo.worstWindow;
  return w
    ? `worst ${fmt(slo.windowS)} s window: ${fmt(w.fromS)}–${fmt(w.toS)} s`
    : `no ${fmt(slo.windowS)} s window had a figure`;
}

export function sloViews(input: ReportInput): SloView[] {
  const { doc, result } = input;
  const windows = faultWindows(scenarioOf(input), result);
  const used = new Set<string>();
  return result.slos.map((slo) => {
    const scope = scopeName(doc, slo.target);
    const series = perSecond(result, slo.target);
    const values = metricPerSecond(slo.metric, series);
    const percent = isPercentMetric(slo.metric);
    const threshold = percent ? slo.threshold * 100 : slo.threshold;
    let firstBrokeS: number | null = null;
    let secondsBroken = 0;
    values?.forEach((v, i) => {
      if (v === null || holds(slo.op, v, threshold)) return;
      secondsBroken++;
      if (firstBrokeS === null) firstBrokeS = series.t[i] ?? i;
    });
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
      threshold: `${opText(slo.op)} ${sloFigure(slo.metric, slo.threshold)}${thresholdTail(slo)}`,
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
      windows: faultWindows(scenarioOf(input), result),
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

/** Whether every SLO held: the verdict's one word. */
export const verdictOf = (result: RunResult): 'PASSED' | 'FAILED' =>
  result.slos.every((s) => s.pass) ? 'PASSED' : 'FAILED';

export function firstBrokeText(v: SloView): string {
  if (v.perSecond === null) return v.detail ?? 'no per-second figure for this metric';
  if (v.detail !== null) return `${v.detail}; ${firstBrokeText({ ...v, detail: null })}`;
  if (v.firstBrokeS === null) return 'held every second';
  const verb = v.slo.pass ? 'crossed it first' : 'first broke';
  return `${verb} at ${fmt(v.firstBrokeS)} s (${v.secondsBroken} s over the line)`;
}
