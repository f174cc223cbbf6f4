// How SLO figures are written, the same in the app, the reports and the CLI: rates in %, latency
// in ms, recovery in s, operators as ≥ and ≤.
import type { SloResult } from '../engine/slo';
import type { ArchDocument } from '../model';
import { nodeLabel } from '../io/look';
import { isLatencyMetric, isPercentMetric, type Outcome } from './judge';
import { fmt } from '../format';

export { fmt } from '../format';

/** A fraction (0…1) as a percentage: 0.0093 → "0.93 %". */
export const pct = (fraction: number) => `${fmt(fraction * 100, 4)} %`;

/** An SLO operator as it is printed: ≥ and ≤ rather than >= and <=. */
export const opText = (op: string) => (op === '>=' ? '≥' : op === '<=' ? '≤' : op);

export function sloFigure(metric: string, v: number | null): string {
  if (v === null) v = Infinity; // Infinity goes through JSON as null (a recovery never seen)
  if (isPercentMetric(metric)) return pct(v);
  if (isLatencyMetric(metric)) return `${fmt(v)} ms`;
  if (metric === 'recovery') return !Number.isFinite(v) ? 'never (not recovered)' : `${fmt(v)} s`;
  return fmt(v);
}

/** " in every 60 s window", " after each fault ends", or "". */
function thresholdTail(slo: SloResult): string {
  if (slo.metric === 'recovery') return ' after each fault ends';
  return slo.windowS !== undefined ? ` in every ${fmt(slo.windowS)} s window` : '';
}

/** "< 2 %", "≤ 300 ms in every 60 s window". */
export const thresholdText = (slo: SloResult) =>
  `${opText(slo.op)} ${sloFigure(slo.metric, slo.threshold)}${thresholdTail(slo)}`;

/** Where a windowed SLO's worst window was; a recovery SLO's sentence (engine/slo.ts). */
export function sloDetail(slo: SloResult): string | null {
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

export function scopeName(doc: ArchDocument, target: string | null): string {
  if (target === null) return 'end to end';
  const node = doc.nodes.find((n) => n.id === target);
  return node ? nodeLabel(node) : target;
}

export interface VerdictFacts {
  outcome: Outcome;
  sloCount: number;
  failed: number;
  coverage: { ranS: number; durationS: number; early: boolean };
  errorRate: number;
  worstP99Ms: number | null;
  /** Names of the nodes in any fault's blast radius. */
  blastRadius: readonly string[];
  /** Hops whose retries passed ×2 attempts per user request (names, not ids), worst first. */
  retryStorms?: readonly { from: string; to: string; perUserRequest: number; perCall: number }[];
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "All 3 SLOs held.", "2 of 3 SLOs broken, judged on the first 6 s of 120 (stopped early).". */
export function verdictLine(f: VerdictFacts): string {
  const main =
    f.outcome === 'NO SLOS'
      ? 'No SLOs to judge'
      : f.failed === 0
        ? `All ${plural(f.sloCount, 'SLO')} held`
        : `${f.failed} of ${plural(f.sloCount, 'SLO')} broken`;
  const c = f.coverage;
  const part = !c.early
    ? ''
    : f.outcome === 'NO SLOS'
      ? ` in the first ${fmt(c.ranS)} s of ${fmt(c.durationS)} (stopped early)`
      : `, judged on the first ${fmt(c.ranS)} s of ${fmt(c.durationS)} (stopped early)`;
  return `${main}${part}.`;
}

/** "Error rate 89.96 %, worst per-second p99 1,200 ms, blast radius: Database, orders." */
export function figuresLine(f: VerdictFacts): string {
  const p99 = f.worstP99Ms === null ? 'none (nothing finished)' : `${fmt(f.worstP99Ms)} ms`;
  const blast = f.blastRadius.length > 0 ? f.blastRadius.join(', ') : 'none';
  const line = `Error rate ${fmt(f.errorRate * 100, 2)} %, worst per-second p99 ${p99}, blast radius: ${blast}.`;
  return f.retryStorms && f.retryStorms.length > 0
    ? `${line} ${retryStormText(f.retryStorms)}`
    : line;
}

/** "Retry storm: api → db ×2.33 attempts per user request (×2.33 per call)." */
export function retryStormText(
  storms: readonly { from: string; to: string; perUserRequest: number; perCall: number }[],
): string {
  const hops = storms.map(
    (s) =>
      `${s.from} → ${s.to} ×${fmt(s.perUserRequest, 2)} attempts per user request (×${fmt(s.perCall, 2)} per call)`,
  );
  return `Retry storm: ${hops.join('; ')}.`;
}

/** Offered, goodput (ok) and failed requests per second of the measured span. */
export function rates(summary: { throughputRps: number; goodputRps: number }): {
  offered: string;
  goodput: string;
  failed: string;
} {
  return {
    offered: fmt(summary.throughputRps),
    goodput: fmt(summary.goodputRps),
    failed: fmt(Math.max(0, summary.throughputRps - summary.goodputRps)),
  };
}

/**
 * "×1.01 per call; 4.6 attempts per user request over all hops (fan-out and retries)": the first
 * is what retries add, the second counts every call a user request causes.
 */
export const amplificationText = (a: { attemptsPerUserRequest: number; attemptsPerCall: number }) =>
  `×${fmt(a.attemptsPerCall)} per call; ${fmt(a.attemptsPerUserRequest)} attempts per user request over all hops (fan-out and retries)`;
