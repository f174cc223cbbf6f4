// Line charts as standalone SVG text, drawn from per-second series: a time axis in simulated
// seconds, nice ticks with units, several lines, an SLO threshold line, shaded fault windows and
// the warm-up. Pure and deterministic (the same input gives the same bytes); no DOM, no library.
import { THEME_COLORS, compactNumber, type Theme } from './look';
import { escapeXml, num } from './xml';

export interface ChartLine {
  label: string;
  /** One value per point of `t`; null leaves a gap (nothing finished in that second). */
  values: readonly (number | null)[];
  color: string;
  /** stroke-dasharray, so lines differ by more than colour. */
  dash?: string | undefined;
  width?: number | undefined;
}

export interface ChartWindow {
  fromS: number;
  /** Equal to fromS for a moment (kill-pod, scale): drawn as a dashed line instead of a band. */
  toS: number;
  label: string;
}

export interface LineChartSpec {
  /** Shown above the plot and read out as the picture's accessible name. */
  title: string;
  description?: string | undefined;
  /** Start of each point's second (simulated s); a point is drawn in the middle of its second. */
  t: readonly number[];
  lines: readonly ChartLine[];
  /** Unit of the y axis: 'ms', '%', 'req/s'. */
  unit: string;
  /** Simulated seconds the x axis spans, from 0. */
  durationS: number;
  threshold?: { value: number; label: string } | undefined;
  windows?: readonly ChartWindow[] | undefined;
  /** Seconds at the start left out of the run's figures, shaded grey. */
  warmupS?: number | undefined;
  /** Never scale the y axis below this, nor above maxTop (100 for a percentage). */
  minTop?: number | undefined;
  maxTop?: number | undefined;
  width?: number | undefined;
  height?: number | undefined;
  theme?: Theme | undefined;
}

const FONT = "Inter, 'Segoe UI', system-ui, -apple-system, Helvetica, Arial, sans-serif";
const MARGIN = { left: 58, right: 18, top: 44, bottom: 40 };
export const FAULT_COLOR = '#e5484d';
const THRESHOLD_COLOR = '#b42318';
/** A white outline under labels drawn over lines, so both stay readable. */
const HALO = 'paint-order="stroke" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"';

/** A step of 1, 2, 2.5 or 5 × 10ⁿ that cuts `span` into about `count` parts. */
export function niceStep(span: number, count: number): number {
  if (!(span > 0) || !Number.isFinite(span)) return 1;
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const f = raw / magnitude;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Decimals a step needs to be written exactly (0.25 → 2, 5 → 0). */
function decimalsOf(step: number): number {
  for (let d = 0; d < 10; d++)
    if (Math.abs(Math.round(step * 10 ** d) - step * 10 ** d) < 1e-9) return d;
  return 10;
}

/** Ticks from 0 to the first multiple of a nice step at or above `max`. */
export function niceTicks(max: number, count = 5): number[] {
  const step = niceStep(max > 0 ? max : 1, count);
  const decimals = decimalsOf(step);
  const n = Math.max(1, Math.ceil(max / step - 1e-9));
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) ticks.push(Number((i * step).toFixed(decimals)));
  return ticks;
}

/** A tick or axis figure: short, no float noise (12.5, 30k, 1.2M). */
export function tickLabel(v: number): string {
  if (Math.abs(v) >= 10_000) return compactNumber(v);
  return String(Number(v.toFixed(3)));
}

export function lineChartSvg(spec: LineChartSpec): string {
  const theme = THEME_COLORS[spec.theme ?? 'light'];
  const width = spec.width ?? 720;
  const height = spec.height ?? 260;
  const plot = {
    x: MARGIN.left,
    y: MARGIN.top,
    w: width - MARGIN.left - MARGIN.right,
    h: height - MARGIN.top - MARGIN.bottom,
  };
  const duration = spec.durationS > 0 ? spec.durationS : Math.max(1, spec.t.length);
  let max = spec.minTop ?? 0;
  for (const line of spec.lines)
    for (const v of line.values) if (v !== null && Number.isFinite(v) && v > max) max = v;
  if (spec.threshold) max = Math.max(max, spec.threshold.value * 1.15);
  if (spec.maxTop !== undefined) max = Math.min(max, spec.maxTop);
  const yTicks = niceTicks(max > 0 ? max : 1, 5);
  const top = yTicks[yTicks.length - 1] ?? 1;
  const xTicks = niceTicks(duration, 8).filter((s) => s <= duration + 1e-9);
  const x = (s: number) => plot.x + (Math.min(Math.max(s, 0), duration) / duration) * plot.w;
  const y = (v: number) => plot.y + plot.h - (Math.min(Math.max(v, 0), top) / top) * plot.h;

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="${width}" ` +
      `height="${height}" viewBox="0 0 ${width} ${height}" font-family="${escapeXml(FONT)}" ` +
      `font-size="11">`,
  );
  out.push(`<title>${escapeXml(spec.title)}</title>`);
  if (spec.description !== undefined) out.push(`<desc>${escapeXml(spec.description)}</desc>`);
  out.push(`<rect width="${width}" height="${height}" fill="${theme.fill}"/>`);
  out.push(
    `<text x="${plot.x}" y="18" font-size="13" font-weight="600" fill="${theme.text}">` +
      `${escapeXml(spec.title)}</text>`,
  );

  // Backgrounds first: warm-up, fault windows, then the grid.
  if (spec.warmupS !== undefined && spec.warmupS > 0) {
    const x1 = x(spec.warmupS);
    out.push(
      `<rect class="warmup" x="${num(plot.x)}" y="${plot.y}" width="${num(x1 - plot.x)}" ` +
        `height="${plot.h}" fill="${theme.muted}" fill-opacity="0.12"/>`,
      `<text x="${num(plot.x + 3)}" y="${plot.y + 11}" font-size="10" ` +
        `fill="${theme.muted}" ${HALO}>warm-up</text>`,
    );
  }
  for (const w of spec.windows ?? []) out.push(windowSvg(w, x, plot));

  for (const v of yTicks) {
    const yy = num(y(v));
    out.push(
      `<line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${yy}" y2="${yy}" stroke="${theme.group}" ` +
        `stroke-opacity="${v === 0 ? 1 : 0.35}" stroke-width="1"/>`,
      `<text x="${plot.x - 6}" y="${yy}" dy="0.32em" text-anchor="end" fill="${theme.muted}">` +
        `${tickLabel(v)}</text>`,
    );
  }
  out.push(
    `<text x="${plot.x - 6}" y="${plot.y - 10}" text-anchor="end" fill="${theme.muted}">` +
      `${escapeXml(spec.unit)}</text>`,
  );
  for (const s of xTicks) {
    const xx = num(x(s));
    out.push(
      `<line x1="${xx}" x2="${xx}" y1="${plot.y + plot.h}" y2="${plot.y + plot.h + 4}" ` +
        `stroke="${theme.group}"/>`,
      `<text x="${xx}" y="${plot.y + plot.h + 16}" text-anchor="middle" fill="${theme.muted}">` +
        `${tickLabel(s)}</text>`,
    );
  }
  out.push(
    `<text x="${plot.x + plot.w}" y="${height - 6}" text-anchor="end" fill="${theme.muted}">` +
      'simulated time (s)</text>',
  );

  for (const line of spec.lines) {
    const d = pathOf(line.values, spec.t, x, y);
    if (d === '') continue;
    out.push(
      `<path class="line" d="${d}" fill="none" stroke="${line.color}" ` +
        `stroke-width="${line.width ?? 1.6}" stroke-linejoin="round" stroke-linecap="round"` +
        `${line.dash !== undefined ? ` stroke-dasharray="${line.dash}"` : ''}>` +
        `<title>${escapeXml(line.label)}</title></path>`,
    );
  }

  if (spec.threshold) {
    const yy = num(y(spec.threshold.value));
    // Above the line, unless that would run into the legend: then below it.
    const above = y(spec.threshold.value) - 5;
    const labelY = above - 10 < plot.y ? y(spec.threshold.value) + 13 : above;
    out.push(
      `<g class="threshold"><line x1="${plot.x}" x2="${plot.x + plot.w}" y1="${yy}" y2="${yy}" ` +
        `stroke="${THRESHOLD_COLOR}" stroke-width="1.4" stroke-dasharray="6 4"/>` +
        `<text x="${plot.x + plot.w - 4}" y="${num(labelY)}" ` +
        `text-anchor="end" fill="${THRESHOLD_COLOR}" font-weight="600" ${HALO}>` +
        `${escapeXml(spec.threshold.label)}</text></g>`,
    );
  }
  out.push(legendSvg(spec, width, theme.text));
  out.push('</svg>');
  return out.join('\n');
}

type Plot = { x: number; y: number; w: number; h: number };

function windowSvg(w: ChartWindow, x: (s: number) => number, plot: Plot): string {
  const x0 = x(w.fromS);
  const x1 = x(w.toS);
  const label =
    `<text x="${num(x0 + 3)}" y="${plot.y + 11}" font-size="10" fill="${FAULT_COLOR}" ${HALO}>` +
    `${escapeXml(w.label)}</text>`;
  if (w.toS <= w.fromS) {
    return (
      `<g class="fault-moment"><line x1="${num(x0)}" x2="${num(x0)}" y1="${plot.y}" ` +
      `y2="${plot.y + plot.h}" stroke="${FAULT_COLOR}" stroke-width="1.4" ` +
      `stroke-dasharray="3 3"/>${label}</g>`
    );
  }
  return (
    `<g class="fault-window"><rect x="${num(x0)}" y="${plot.y}" width="${num(Math.max(1, x1 - x0))}" ` +
    `height="${plot.h}" fill="${FAULT_COLOR}" fill-opacity="0.13"/>${label}</g>`
  );
}

function pathOf(
  values: readonly (number | null)[],
  t: readonly number[],
  x: (s: number) => number,
  y: (v: number) => number,
): string {
  const parts: string[] = [];
  let pen = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    const s = t[i];
    if (v === null || v === undefined || s === undefined || !Number.isFinite(v)) {
      pen = false;
      continue;
    }
    parts.push(`${pen ? 'L' : 'M'}${num(x(s + 0.5))},${num(y(v))}`);
    pen = true;
  }
  return parts.join(' ');
}

/** The key, right-aligned under the title: a short stroke of each line, then its label. */
function legendSvg(spec: LineChartSpec, width: number, text: string): string {
  const items: string[] = [];
  let right = width - MARGIN.right;
  const entries: { label: string; color: string; dash?: string | undefined; band?: boolean }[] = [
    ...spec.lines.map((l) => ({ label: l.label, color: l.color, dash: l.dash })),
  ];
  if ((spec.windows ?? []).length > 0)
    entries.push({ label: 'fault', color: FAULT_COLOR, band: true });
  for (const e of [...entries].reverse()) {
    const textWidth = Math.ceil(e.label.length * 6.2);
    const xText = right - textWidth;
    const xMark = xText - 22;
    const mark = e.band
      ? `<rect x="${xMark}" y="24" width="16" height="12" fill="${e.color}" fill-opacity="0.25"/>`
      : `<line x1="${xMark}" x2="${xMark + 16}" y1="30" y2="30" stroke="${e.color}" ` +
        `stroke-width="2.4"${e.dash !== undefined ? ` stroke-dasharray="${e.dash}"` : ''}/>`;
    items.push(`${mark}<text x="${xText}" y="34" fill="${text}">${escapeXml(e.label)}</text>`);
    right = xMark - 12;
  }
  return `<g class="legend">${items.join('')}</g>`;
}
