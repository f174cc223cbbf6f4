// Sampled request traces: one client request in every `every`, at most `max` of them.
// Three kinds of span, as OpenTelemetry has them:
//  internal  the client's own request, from its start to its answer: the root (id 0).
//  server    one visit of one node (a hop): from its arrival at the node to its answer, with the
//            pod that served it.
//  client    one attempt of one call as its caller saw it: sent → answered, or given up at its
//            timeout, with the caller's pod. Its parent is the caller's server (or root) span;
//            the callee's server span is its child.
// Times are simulated milliseconds from the start. A callee still working when its caller gave
// up ends its server span later, after the trace's root may have ended; it is added in order.

export interface Span {
  id: number;
  /** The parent span's id; -1 for the root. */
  parentId: number;
  kind: 'internal' | 'server' | 'client';
  /** The node the span is at: the callee for a client span, the hop's node for a server span. */
  node: string;
  /** The edge the call went over (null for the root). */
  edge: string | null;
  /** Server spans: the pod that served it; client spans: the caller's pod; null when none. */
  pod: string | null;
  /** Client spans: the attempt (1 = the first, 2 = the first retry…); 0 on server spans. */
  attempt: number;
  /** Client spans: which of the edge's `calls` one after another (1…); 0 on server spans. */
  call: number;
  startMs: number;
  endMs: number;
  status: string;
}

export interface Trace {
  id: number;
  client: string;
  startMs: number;
  endMs: number;
  status: string;
  spans: Span[];
  nextSpan: number;
}

const bySpanOrder = (a: Span, b: Span) => a.startMs - b.startMs || a.id - b.id;

export class TraceRecorder {
  readonly done: Trace[] = [];
  private seen = 0;
  private started = 0;
  private readonly finished = new WeakSet<Trace>();

  constructor(
    private readonly every: number,
    private readonly max: number,
  ) {}

  /** A new trace for this client request, or null when it is not sampled. */
  maybeStart(client: string, nowMs: number): Trace | null {
    if (this.every <= 0 || this.started >= this.max) return null;
    if (this.seen++ % this.every !== 0) return null;
    this.started++;
    return {
      id: this.started,
      client,
      startMs: nowMs,
      endMs: nowMs,
      status: 'ok',
      spans: [],
      nextSpan: 1,
    };
  }

  /** A span ends. Once its trace is done, it goes in start order among the others. */
  add(trace: Trace, span: Span): void {
    const spans = trace.spans;
    if (!this.finished.has(trace)) {
      spans.push(span);
      return;
    }
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (bySpanOrder(spans[mid] as Span, span) <= 0) lo = mid + 1;
      else hi = mid;
    }
    spans.splice(lo, 0, span);
  }

  finish(trace: Trace, nowMs: number, status: string): void {
    trace.endMs = nowMs;
    trace.status = status;
    trace.spans.push({
      id: 0,
      parentId: -1,
      kind: 'internal',
      node: trace.client,
      edge: null,
      pod: null,
      attempt: 0,
      call: 0,
      startMs: trace.startMs,
      endMs: nowMs,
      status,
    });
    trace.spans.sort(bySpanOrder);
    this.finished.add(trace);
    this.done.push(trace);
  }
}
