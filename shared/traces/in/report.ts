// The calibration report in Markdown: per node and edge the figures and the spans they rest on,
// thin evidence flagged, and every span that was counted but not used, with why.
import { MAX_CALLS, type EdgeFigures, type Figures, type NodeFigures } from './build';
import type { Fit } from './fit';
import type { Inference } from './infer';
import type { FileTally } from './reader';

/** Fewer spans than this behind a figure: flagged as thin evidence. */
export const THIN_SPANS = 100;

export interface CalibrationSummary {
  files: FileTally[];
  counts: Inference['counts'];
  samplingSeen: number[];
  figures: Figures;
  /** With --into: what matched, what did not. */
  into?: { name: string; updatedNodes: string[]; updatedEdges: string[]; unmatched: string[] };
}

const int = (n: number) => Math.round(n).toLocaleString('en-US');
const ms = (x: number) => (x >= 100 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3));
const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 && x > 0 ? 2 : 1)} %`;
const thin = (n: number) => (n < THIN_SPANS ? ' ⚠ thin' : '');
const cell = (s: string) => s.replace(/\|/g, '\\|');

function distText(f: Fit | null): string {
  if (f === null) return '—';
  const d = f.chosen;
  const what =
    d.dist === 'lognormal'
      ? `lognormal p50 ${ms(d.p50Ms)}, p99 ${ms(d.p99Ms)}`
      : d.dist === 'empirical'
        ? `empirical (${d.quantiles.length} rows; lognormal off by ${pct(f.lognormalGap)})`
        : d.dist;
  return `p50 ${ms(f.p50)} · p90 ${ms(f.p90)} · p99 ${ms(f.p99)} ms → ${what}`;
}

function nodeRow(n: NodeFigures): string {
  const time = n.role === 'client' ? '—' : distText(n.self ?? n.latency);
  const rate = n.rps === null ? '' : `${n.rps.toFixed(2)} req/s`;
  const pods = n.pods > 0 ? `${n.pods} pods, ` : '';
  return `| ${cell(n.name)} | ${n.role} | ${int(n.requests)}${thin(n.requests)} | ${int(n.spans)} | ${time} | ${pct(n.errorRate)} | ${rate} | ${pods}${n.peakInFlight} |`;
}

function edgeRow(e: EdgeFigures): string {
  const net = e.latencyMs === null ? '—' : `${ms(e.latencyMs)} (${int(e.networkSamples)} pairs)`;
  return `| ${cell(e.from)} → ${cell(e.to)} | ${int(e.withCall)} of ${int(e.callerRequests)}${thin(e.withCall)} | ${e.probability.toFixed(4)} | ${e.calls}${e.meanCalls > MAX_CALLS ? ` (mean ${e.meanCalls.toFixed(0)}; the model takes at most ${MAX_CALLS})` : Math.abs(e.meanCalls - e.calls) > 0.05 ? ` (mean ${e.meanCalls.toFixed(2)})` : ''} | ${e.mode} (${pct(e.overlapShare)} overlapped) | ${net} | ${int(e.attempts)} / ${int(e.retries)} |`;
}

export function calibrationMarkdown(s: CalibrationSummary): string {
  const f = s.figures;
  const c = s.counts;
  const out: string[] = ['# Calibration from traces', ''];
  out.push(
    `${int(c.spans)} spans in ${int(c.traces)} traces from ${s.files.length} file(s); window ${f.windowS.toFixed(1)} s, ending ${f.at}.`,
    '',
  );
  out.push('| File | Format | Spans read | Skipped |', '|---|---|---|---|');
  for (const t of s.files) {
    const sk = Object.entries(t.skipped)
      .map(([why, n]) => `${int(n)} ${why}`)
      .join(', ');
    out.push(`| ${cell(t.file)} | ${t.format} | ${int(t.spans)} | ${sk === '' ? '0' : cell(sk)} |`);
  }
  out.push('', '## Services', '');
  out.push(
    '| Service | As | Requests | Spans | Self time (or latency of a leaf) | Own errors | Arrivals | Pods, peak in flight |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const n of f.nodes) out.push(nodeRow(n));
  out.push('', '## Calls', '');
  out.push(
    '| Call | Caller requests with it | Probability | Calls each | Mode | One-way network ms | Attempts / retries |',
    '|---|---|---|---|---|---|---|',
  );
  for (const e of f.edges) out.push(edgeRow(e));
  out.push('', '## What was counted and not used', '');
  const issues: string[] = [];
  if (c.orphans > 0)
    issues.push(
      `${int(c.orphans)} span(s) name a parent the trace does not have (orphans): their own figures count, their caller is unknown.`,
    );
  if (c.duplicateIds > 0)
    issues.push(`${int(c.duplicateIds)} span id(s) repeated in a trace: the first kept.`);
  if (c.serverLongerThanClient > 0)
    issues.push(
      `${int(c.serverLongerThanClient)} server span(s) longer than the client span they answer (clock skew or lost time): left out of network time.`,
    );
  if (c.callOutsideParent > 0)
    issues.push(
      `${int(c.callOutsideParent)} call(s) start before or end after the request they belong to (child longer than parent): clipped to the request for self time.`,
    );
  if (c.unansweredCalls > 0)
    issues.push(
      `${int(c.unansweredCalls)} client span(s) with no server span and no peer attribute: the callee is unknown, left out.`,
    );
  for (const t of s.files)
    for (const x of t.firstSkipped) issues.push(`${cell(t.file)}: skipped a span at ${x}.`);
  issues.push(`Largest trace: ${int(c.largestTrace)} spans.`);
  if (s.samplingSeen.length > 0)
    issues.push(
      `Sampling stated by ${int(c.sampledRoots)} root span(s) (probabilities ${s.samplingSeen.join(', ')}): arrival rates weighted by 1/probability.`,
    );
  if (c.unstatedRoots > 0)
    issues.push(
      `${int(c.unstatedRoots)} root span(s) state no sampling probability: taken as all traced (probability 1); arrival rates are a lower bound if they were sampled.`,
    );
  for (const i of issues) out.push(`- ${i}`);
  const thinOnes = [
    ...f.nodes.filter((n) => n.role !== 'client' && n.requests < THIN_SPANS).map((n) => n.name),
    ...f.edges.filter((e) => e.withCall < THIN_SPANS).map((e) => `${e.from} → ${e.to}`),
  ];
  if (thinOnes.length > 0)
    out.push(
      '',
      `⚠ Thin evidence (fewer than ${THIN_SPANS} spans): ${thinOnes.map(cell).join(', ')}. Their figures are rough.`,
    );
  if (s.into !== undefined) {
    out.push('', `## Into ${cell(s.into.name)}`, '');
    out.push(`Updated nodes: ${s.into.updatedNodes.join(', ') || 'none'}.`);
    out.push(`Updated edges: ${s.into.updatedEdges.join(', ') || 'none'}.`);
    if (s.into.unmatched.length > 0)
      out.push(
        `In the traces but not in the document (left out): ${s.into.unmatched.map(cell).join('; ')}.`,
      );
    out.push('Replicas, probes, limits, timeouts and retries are left as they were.');
  }
  out.push(
    '',
    'Self time is the server span minus the union of its calls’ client spans, so it includes any wait for a pod’s slot; network time is the client span minus the server span that answered it, split in two for the one-way latency.',
    '',
  );
  return out.join('\n');
}
