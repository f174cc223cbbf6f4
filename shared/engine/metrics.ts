// Per-node observers: whole-run figures (after warm-up), per-second series, and time-weighted
// levels (busy slots, queued requests, capacity) integrated exactly between changes.
import { CAUSES, CAUSE_COUNT } from './causes';
import { Histogram, bucketOf } from './histogram';

export class Series {
  t: number[] = [];
  rps: number[] = [];
  ok: number[] = [];
  errors: Record<string, number[]> = {};
  p50Ms: number[] = [];
  p95Ms: number[] = [];
  p99Ms: number[] = [];
  queueDepth: number[] = [];
  utilisation: number[] = [];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The per-second percentiles, read in one walk (Histogram.quantilesInto). */
const SECOND_QUANTILES = [0.5, 0.95, 0.99] as const;
const secQ = [0, 0, 0];

export class NodeStats {
  requests = 0;
  ok = 0;
  readonly errors = new Float64Array(CAUSE_COUNT);
  readonly latency = new Histogram();
  queueWaitSum = 0;
  queueWaitCount = 0;

  secArrivals = 0;
  secOk = 0;
  readonly secErrors = new Float64Array(CAUSE_COUNT);
  secErrorCount = 0;
  readonly secLatency = new Histogram();

  busy = 0;
  queued = 0;
  capacity = 0;
  private lastT = 0;
  busyArea = 0;
  queueArea = 0;
  capArea = 0;
  private tickBusy = 0;
  private tickQueue = 0;
  private tickCap = 0;
  /** Capacity-ms of the last second flushed (slots × ms, alive pods only). */
  secCap = 0;
  warmBusy = 0;
  warmQueue = 0;
  warmCap = 0;
  maxQueued = 0;

  readonly series = new Series();

  /** Bring the integrals up to `now`; call before changing busy, queued or capacity. */
  level(now: number): void {
    const dt = now - this.lastT;
    if (dt > 0) {
      this.busyArea += this.busy * dt;
      this.queueArea += this.queued * dt;
      this.capArea += this.capacity * dt;
      this.lastT = now;
    }
  }

  /** A request finished here: latency from its arrival; `counted` = arrived after warm-up. */
  done(latencyMs: number, cause: number, counted: boolean): void {
    if (cause === 0) this.secOk++;
    else {
      this.secErrors[cause] = (this.secErrors[cause] as number) + 1;
      this.secErrorCount++;
    }
    // One bucket lookup for both histograms.
    const bucket = bucketOf(latencyMs);
    this.secLatency.add(bucket, latencyMs);
    if (!counted) return;
    this.requests++;
    if (cause === 0) this.ok++;
    else this.errors[cause] = (this.errors[cause] as number) + 1;
    this.latency.add(bucket, latencyMs);
  }

  markWarm(now: number): void {
    this.level(now);
    this.warmBusy = this.busyArea;
    this.warmQueue = this.queueArea;
    this.warmCap = this.capArea;
  }

  /** Close the second that ends at `now` (ms) and append it to the series. */
  flush(now: number, second: number, spanMs: number): void {
    this.level(now);
    const s = this.series;
    const index = s.t.length;
    s.t.push(second);
    s.rps.push(this.secArrivals);
    s.ok.push(this.secOk);
    if (this.secErrorCount > 0) {
      for (let c = 1; c < CAUSE_COUNT; c++) {
        const n = this.secErrors[c] as number;
        if (n === 0) continue;
        const name = CAUSES[c] as string;
        let list = s.errors[name];
        if (list === undefined) list = s.errors[name] = new Array<number>(index).fill(0);
        list.push(n);
      }
      this.secErrors.fill(0);
    }
    for (const name in s.errors) {
      const list = s.errors[name] as number[];
      if (list.length === index) list.push(0);
    }
    const h = this.secLatency;
    h.quantilesInto(SECOND_QUANTILES, secQ);
    s.p50Ms.push(round3(secQ[0] as number));
    s.p95Ms.push(round3(secQ[1] as number));
    s.p99Ms.push(round3(secQ[2] as number));
    s.queueDepth.push(spanMs > 0 ? round3((this.queueArea - this.tickQueue) / spanMs) : 0);
    const cap = this.capArea - this.tickCap;
    this.secCap = cap;
    s.utilisation.push(cap > 0 ? round3((this.busyArea - this.tickBusy) / cap) : 0);
    this.tickBusy = this.busyArea;
    this.tickQueue = this.queueArea;
    this.tickCap = this.capArea;
    h.reset();
    this.secArrivals = 0;
    this.secOk = 0;
    this.secErrorCount = 0;
  }
}
