// Windowed SLOs ("p99 < 300 ms over 60 s windows"): the SLO holds when EVERY rolling window of
// W whole seconds after warm-up meets it, the way an SRE reads a windowed objective. Watched
// online, one second at a time, before the nodes close their second (sim.ts tick):
//  - latency percentiles come from the window's own histogram — the sum of the W per-second
//    histograms of the target (end to end: of every client), not from per-second p99s (the worst
//    second's p99 is not the window's p99). A ring keeps each second's non-empty buckets as
//    (index, count) pairs, so memory is bounded by W seconds, and only for SLOs with a window;
//  - error rate and availability are sums of ok and errors over the window's seconds.
// A second belongs to the window by completion time (bucket [t, t + 1 s)); seconds starting
// before warm-up are left out. The worst window (highest value for < and <=, lowest for > and >=;
// the earliest of equals) is reported. A run shorter than W after warm-up is judged as one window
// of the seconds it has. Windows in which nothing finished give no figure and are skipped.
import { Histogram } from './histogram';
import { K_CLIENT, type RNode, type SloSpec } from './graph';
import type { NodeStats } from './metrics';

interface Second {
  t: number;
  ok: number;
  errors: number;
  /** Non-empty latency buckets, flattened (index, count, index, count, …). */
  buckets: number[];
  min: number;
  max: number;
}

export interface WindowFigure {
  value: number;
  fromS: number;
  toS: number;
  requests: number;
}

export class SloWindow {
  private readonly ring: Second[] = [];
  private readonly sum = new Histogram();
  private ok = 0;
  private errors = 0;
  /** The worst window so far, or null when none had a figure. */
  worst: WindowFigure | null = null;
  private judged = false;

  constructor(
    readonly slo: SloSpec,
    private readonly stats: NodeStats[],
    private readonly width: number,
    private readonly warmupS: number,
  ) {}

  /** The second starting at `t` (s) is about to close at `nowMs`: add it, drop the oldest. */
  second(t: number, nowMs: number): void {
    if (t < this.warmupS) return;
    const sec: Second = { t, ok: 0, errors: 0, buckets: [], min: Infinity, max: 0 };
    for (const s of this.stats) {
      sec.ok += s.secOk;
      sec.errors += s.secErrorCount;
      const h = s.secLatency;
      if (h.count === 0) continue;
      if (h.min < sec.min) sec.min = h.min;
      if (h.max > sec.max) sec.max = h.max;
      h.forEachBucket((i, n) => {
        sec.buckets.push(i, n);
        this.sum.shift(i, n);
      });
    }
    this.ok += sec.ok;
    this.errors += sec.errors;
    this.ring.push(sec);
    if (this.ring.length > this.width) {
      const old = this.ring.shift() as Second;
      this.ok -= old.ok;
      this.errors -= old.errors;
      const b = old.buckets;
      for (let k = 0; k < b.length; k += 2) this.sum.shift(b[k] as number, -(b[k + 1] as number));
    }
    if (this.ring.length === this.width) this.judge(nowMs);
  }

  /** The run ended: judge a run shorter than the window as one window of what it has. */
  end(nowMs: number): void {
    if (!this.judged && this.ring.length > 0) this.judge(nowMs);
  }

  private judge(nowMs: number): void {
    this.judged = true;
    const done = this.ok + this.errors;
    if (done === 0) return;
    let value: number;
    switch (this.slo.metric) {
      case 'p50':
      case 'p95':
      case 'p99': {
        const h = this.sum;
        let min = Infinity;
        let max = 0;
        for (const s of this.ring) {
          if (s.min < min) min = s.min;
          if (s.max > max) max = s.max;
        }
        h.min = min;
        h.max = max;
        value = h.quantile(
          this.slo.metric === 'p50' ? 0.5 : this.slo.metric === 'p95' ? 0.95 : 0.99,
        );
        break;
      }
      case 'error-rate':
        value = this.errors / done;
        break;
      case 'availability':
        value = this.ok / done;
        break;
      default:
        return;
    }
    const higherIsWorse = this.slo.op === '<' || this.slo.op === '<=';
    const w = this.worst;
    if (w === null || (higherIsWorse ? value > w.value : value < w.value)) {
      const fromS = (this.ring[0] as Second).t;
      const last = (this.ring[this.ring.length - 1] as Second).t;
      this.worst = {
        value,
        fromS,
        toS: Math.min(last + 1, Math.round(nowMs) / 1000),
        requests: done,
      };
    }
  }
}

/** One watcher per SLO with a window (none for documents without: the tick is unchanged). */
export function sloWindows(slos: readonly SloSpec[], nodes: readonly RNode[], warmupMs: number) {
  const clients = nodes.filter((n) => n.kind === K_CLIENT);
  const out: SloWindow[] = [];
  for (const slo of slos) {
    if (slo.windowS === null || slo.metric === 'recovery') continue;
    const stats = slo.target !== null ? [slo.target.stats] : clients.map((n) => n.stats);
    out.push(new SloWindow(slo, stats, slo.windowS, warmupMs / 1000));
  }
  return out.length > 0 ? out : null;
}
