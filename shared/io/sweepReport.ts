// The HTML report of a sweep: one self-contained page with each metric against the first
// parameter (the mean as a line, its interval as a band, one line per value of the second
// parameter), the SLO pass probability as a heatmap over two parameters, the per-cell table and
// the cheapest design. Pure and deterministic; SVG drawn here, no library.
import type { ArchDocument, SweepMetric } from '../model';
import type { ObjectiveAnswer } from '../sweep/objective';
import type { ParamValue, SweepPlan } from '../sweep/plan';
import type { CellSummary } from '../sweep/summary';
import { niceTicks, tickLabel } from './charts';
import { REPORT_CSS } from './reportStyle';
import { escapeXml as h, num } from './xml';

export interface SweepReportInput {
  doc: ArchDocument;
  plan: SweepPlan;
  summaries: readonly CellSummary[];
  objective: ObjectiveAnswer | null;
}

const COLORS = ['#2563eb', '#d97706', '#059669', '#9333ea', '#dc2626', '#0891b2', '#4b5563'];
const CHARTS: { metric: SweepMetric | 'allSlos'; title: string; unit: string; scale: number }[] = [
  { metric: 'mean', title: 'Mean response time', unit: 'ms', scale: 1 },
  { metric: 'p99', title: 'p99 response time', unit: 'ms', scale: 1 },
  { metric: 'throughputRps', title: 'Throughput', unit: 'req/s', scale: 1 },
  { metric: 'errorRate', title: 'Error rate', unit: '%', scale: 100 },
  { metric: 'allSlos', title: 'Probability that every SLO holds', unit: '%', scale: 100 },
];

interface Point {
  x: number;
  mean: number;
  lo: number;
  hi: number;
}

const W = 520;
const H = 240;
const M = { left: 56, right: 16, top: 36, bottom: 42 };

function intervalOf(s: CellSummary, metric: SweepMetric | 'allSlos') {
  return metric === 'allSlos' ? s.allSlos : s.metrics[metric];
}

function xPositions(values: readonly ParamValue[]): number[] {
  const numeric = values.every((v) => typeof v === 'number');
  return values.map((v, i) => (numeric ? (v as number) : i));
}

/** One chart: a line and band per series over the first parameter's values. */
export function bandChartSvg(
  title: string,
  unit: string,
  xLabel: string,
  xs: readonly ParamValue[],
  series: { label: string; points: Point[] }[],
): string {
  const xv = xPositions(xs);
  const xMin = Math.min(...xv);
  const xMax = Math.max(...xv);
  const pw = W - M.left - M.right;
  const ph = H - M.top - M.bottom;
  const X = (x: number) => M.left + (xMax === xMin ? pw / 2 : ((x - xMin) / (xMax - xMin)) * pw);
  const axis = yAxis(series.flatMap((s) => s.points));
  const Y = (y: number) => M.top + ph - axis.at(y) * ph;
  const ticks = axis.ticks;
  const parts: string[] = [];
  parts.push(
    `<text x="${M.left}" y="20" font-weight="600" font-size="13">${h(title)} (${h(unit)}${axis.log ? ', log scale' : ''})</text>`,
  );
  for (const t of ticks)
    parts.push(
      `<line x1="${M.left}" x2="${W - M.right}" y1="${num(Y(t))}" y2="${num(Y(t))}" stroke="#e5e7eb"/><text x="${M.left - 6}" y="${num(Y(t) + 4)}" text-anchor="end" font-size="11" fill="#677085">${h(tickLabel(t))}</text>`,
    );
  xs.forEach((v, i) =>
    parts.push(
      `<text x="${num(X(xv[i]!))}" y="${H - M.bottom + 16}" text-anchor="middle" font-size="11" fill="#677085">${h(String(v))}</text>`,
    ),
  );
  parts.push(
    `<text x="${M.left + pw / 2}" y="${H - 6}" text-anchor="middle" font-size="11">${h(xLabel)}</text>`,
  );
  series.forEach((s, k) => {
    const color = COLORS[k % COLORS.length]!;
    const pts = s.points;
    if (pts.length === 0) return;
    const upper = pts.map((p) => `${num(X(p.x))},${num(Y(p.hi))}`);
    const lower = [...pts].reverse().map((p) => `${num(X(p.x))},${num(Y(p.lo))}`);
    parts.push(
      `<polygon class="band" points="${[...upper, ...lower].join(' ')}" fill="${color}" fill-opacity="0.16" stroke="none"/>`,
    );
    parts.push(
      `<polyline class="mean" points="${pts.map((p) => `${num(X(p.x))},${num(Y(p.mean))}`).join(' ')}" fill="none" stroke="${color}" stroke-width="2"/>`,
    );
    for (const p of pts)
      parts.push(`<circle cx="${num(X(p.x))}" cy="${num(Y(p.mean))}" r="3" fill="${color}"/>`);
    if (series.length > 1)
      parts.push(
        `<text x="${W - M.right}" y="${20 + k * 14}" text-anchor="end" font-size="11" fill="${color}">${h(s.label)}</text>`,
      );
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${h(title)}" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="system-ui, sans-serif">${parts.join('')}</svg>`;
}

/**
 * The y axis: linear from 0, or logarithmic (decades) when the means span more than 30× — a
 * cell that cannot keep up would otherwise flatten every other cell onto the axis.
 */
function yAxis(points: readonly Point[]): {
  ticks: number[];
  at: (y: number) => number;
  log: boolean;
} {
  const top = Math.max(0, ...points.map((p) => p.hi));
  const means = points.map((p) => p.mean).filter((m) => m > 0);
  const low = Math.min(...means, ...points.map((p) => p.lo).filter((v) => v > 0));
  if (means.length > 1 && top / Math.min(...means) > 30) {
    const from = Math.floor(Math.log10(low));
    const to = Math.ceil(Math.log10(top));
    const ticks: number[] = [];
    for (let e = from; e <= to; e++) ticks.push(10 ** e);
    const span = Math.max(1, to - from);
    return {
      ticks,
      at: (y) => (y <= 0 ? 0 : Math.max(0, (Math.log10(y) - from) / span)),
      log: true,
    };
  }
  const ticks = niceTicks(top > 0 ? top : 1);
  const yMax = ticks[ticks.length - 1]!;
  return { ticks, at: (y) => Math.max(0, y) / yMax, log: false };
}

function heatColor(p: number): string {
  // Red (0) → amber (0.5) → green (1).
  const hue = Math.round(Math.max(0, Math.min(1, p)) * 130);
  return `hsl(${hue} 70% 82%)`;
}

function heatmap(input: SweepReportInput): string {
  const [a, b] = input.plan.axes;
  if (a === undefined || b === undefined) return '';
  const byParams = new Map(input.summaries.map((s) => [JSON.stringify(s.params), s]));
  const rows = a.values.map((va) => {
    const cells = b.values.map((vb) => {
      const params: Record<string, ParamValue> = {};
      for (const axis of input.plan.axes) params[axis.path] = axis.values[0]!;
      params[a.path] = va;
      params[b.path] = vb;
      const s = byParams.get(JSON.stringify(params));
      if (s === undefined) return '<td class="muted">–</td>';
      const p = s.allSlos;
      const best = input.objective?.found === true && input.objective.best.cell === s.cell;
      return `<td style="background:${heatColor(p.mean)}"${best ? ' class="best-cell"' : ''} title="[${p.lo}, ${p.hi}]">${Math.round(p.mean * 100)} %${best ? ' ★ cheapest' : ''}</td>`;
    });
    return `<tr><th>${h(String(va))}</th>${cells.join('')}</tr>`;
  });
  return `<h2>SLO pass probability</h2><p class="muted">Rows: <code>${h(a.path)}</code>; columns: <code>${h(b.path)}</code>${input.plan.axes.length > 2 ? '; other parameters at their first value' : ''}.</p>
<table class="heatmap"><tr><th></th>${b.values.map((v) => `<th>${h(String(v))}</th>`).join('')}</tr>${rows.join('')}</table>`;
}

function charts(input: SweepReportInput): string {
  const [a, b] = input.plan.axes;
  if (a === undefined) return '<p class="muted">No parameters: one cell.</p>';
  const groups = b === undefined ? [null] : b.values;
  const out: string[] = [];
  for (const c of CHARTS) {
    const series = groups.map((g) => {
      const points: Point[] = [];
      const xv = xPositions(a.values);
      a.values.forEach((va, i) => {
        const s = input.summaries.find(
          (x) => x.params[a.path] === va && (b === undefined || x.params[b.path] === g),
        );
        if (s === undefined) return;
        const iv = intervalOf(s, c.metric);
        points.push({
          x: xv[i]!,
          mean: iv.mean * c.scale,
          lo: iv.lo * c.scale,
          hi: iv.hi * c.scale,
        });
      });
      return { label: b === undefined ? '' : `${b.path} = ${String(g)}`, points };
    });
    out.push(`<figure>${bandChartSvg(c.title, c.unit, a.path, a.values, series)}</figure>`);
  }
  return `<div class="charts">${out.join('')}</div>`;
}

function table(input: SweepReportInput): string {
  const axes = input.plan.axes;
  const best = input.objective?.found === true ? input.objective.best.cell : -1;
  const iv = (i: { mean: number; lo: number; hi: number }) =>
    `${h(tickLabel(i.mean))} <span class="muted">[${h(tickLabel(i.lo))}, ${h(tickLabel(i.hi))}]</span>`;
  const head = `<tr><th>cell</th>${axes.map((a) => `<th><code>${h(a.path)}</code></th>`).join('')}<th>runs</th><th>mean ms</th><th>p99 ms</th><th>throughput rps</th><th>error rate</th><th>P(every SLO)</th></tr>`;
  const rows = input.summaries.map(
    (s) =>
      `<tr${s.cell === best ? ' class="best"' : ''}><td>${s.cell}</td>${axes.map((a) => `<td>${h(String(s.params[a.path]))}</td>`).join('')}<td>${s.runs}</td><td>${iv(s.metrics.mean)}</td><td>${iv(s.metrics.p99)}</td><td>${iv(s.metrics.throughputRps)}</td><td>${iv(s.metrics.errorRate)}</td><td>${iv(s.allSlos)}</td></tr>`,
  );
  return `<table>${head}${rows.join('')}</table>`;
}

function objective(input: SweepReportInput): string {
  const o = input.objective;
  if (o === null) return '';
  if (!o.found) return `<h2>Cheapest design</h2><p>None: ${h(o.reason)}.</p>`;
  const b = o.best;
  const params = Object.entries(b.params)
    .map(([k, v]) => `<code>${h(k)}</code> = ${h(String(v))}`)
    .join(', ');
  const cost =
    b.footprint.costPerHour !== null
      ? `, cost ${h(String(b.footprint.costPerHour))} ${h(input.doc.prices?.currency ?? '')}/h`
      : '';
  return `<h2>Cheapest design</h2><p class="best-design">Cell ${b.cell}: ${params} — ${b.footprint.replicas} replicas, ${b.footprint.cpu} cores, ${b.footprint.memoryGiB} GiB${cost}. Every SLO held in ${Math.round(b.allSlos.mean * 100)} % of its runs [${b.allSlos.lo}, ${b.allSlos.hi}] (needed ${o.probability * 100} %; minimising ${h(b.minimize)}).</p>`;
}

export function sweepReportHtml(input: SweepReportInput): string {
  const p = input.plan;
  const runs = input.summaries.reduce((n, s) => n + s.runs, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${h(input.doc.name)} — sweep</title>
<style>${REPORT_CSS}
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 8px; }
figure { margin: 0; } .heatmap { width: auto; } .heatmap td { text-align: center; min-width: 90px; }
tr.best td { background: #e8f6ee; font-weight: 600; } td.best-cell { outline: 3px solid #1f7a4d; outline-offset: -3px; font-weight: 700; } .best-design { font-size: 15px; }
</style></head><body><main>
<header><p class="kicker">ArchLab sweep</p><h1>${h(input.doc.name)}</h1>
<p class="muted">Scenario “${h(p.scenario)}”, sweep ${h(p.id)}: ${p.cells.length} cells × ${p.seeds.length} seeds (the same seeds in every cell), ${runs} runs; ${Math.round(p.sweep.confidence * 100)} % intervals: t for means, seeded bootstrap for percentiles, Wilson for probabilities.</p></header>
${objective(input)}
<h2>Metrics against the parameters</h2>
${charts(input)}
${heatmap(input)}
<h2>Cells</h2>
${table(input)}
</main></body></html>
`;
}
