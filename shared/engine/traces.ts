// Sampled request traces: one client request in every `every`, at most `max` of them.
// A span is one attempt of one call as its caller saw it (sent → answered or given up),
// plus the client's own root span. Times are simulated milliseconds from the start.

export interface Span {
  id: number;
  parentId: number;
  node: string;
  edge: string | null;
  /** The pod that served it, when there is one. */
  pod: string | null;
  attempt: number;
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

export class TraceRecorder {
  readonly done: Trace[] = [];
  private seen = 0;
  private started = 0;

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

  finish(trace: Trace, nowMs: number, status: string): void {
    trace.endMs = nowMs;
    trace.status = status;
    trace.spans.push({
      id: 0,
      parentId: -1,
      node: trace.client,
      edge: null,
      pod: null,
      attempt: 1,
      startMs: trace.startMs,
      endMs: nowMs,
      status,
    });
    trace.spans.sort((a, b) => a.startMs - b.startMs || a.id - b.id);
    this.done.push(trace);
  }
}
