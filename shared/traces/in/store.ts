// Spans as columns: numbers in typed arrays, repeated strings (trace ids, services, pods, peers)
// interned to small integers. A million spans take tens of MB rather than a JS object each.

export const KIND = {
  unspecified: 0,
  internal: 1,
  server: 2,
  client: 3,
  producer: 4,
  consumer: 5,
} as const;
export type SpanKind = (typeof KIND)[keyof typeof KIND];

/** What a client span names as its peer when no server span answers it. */
export const PEER = { none: 0, database: 1, cache: 2, service: 3 } as const;

export class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(s: string): number {
    let i = this.ids.get(s);
    if (i === undefined) {
      i = this.names.length;
      this.names.push(s);
      this.ids.set(s, i);
    }
    return i;
  }
}

export interface SpanIn {
  traceId: string;
  spanId: string;
  parentId: string;
  kind: SpanKind;
  /** Milliseconds since the epoch. */
  startMs: number;
  durMs: number;
  error: boolean;
  /** Head sampling probability the span states (0 = not stated). */
  sampling: number;
  /** Service name; '' when the reader resolves it later (`group`). */
  service: string;
  /** Jaeger processID (or other group-local key) to resolve the service by; '' = none. */
  groupKey: string;
  pod: string;
  peer: string;
  peerKind: number;
}

function grow<T extends Float64Array | Int32Array | Uint8Array | Float32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

export class SpanStore {
  size = 0;
  trace = new Int32Array(1024);
  service = new Int32Array(1024);
  groupKey = new Int32Array(1024);
  kind = new Uint8Array(1024);
  start = new Float64Array(1024);
  dur = new Float64Array(1024);
  error = new Uint8Array(1024);
  sampling = new Float32Array(1024);
  pod = new Int32Array(1024);
  peer = new Int32Array(1024);
  peerKind = new Uint8Array(1024);
  spanId: string[] = [];
  parentId: string[] = [];
  readonly traces = new Interner();
  readonly services = new Interner();
  readonly keys = new Interner();
  readonly pods = new Interner();
  readonly peers = new Interner();

  add(s: SpanIn): number {
    const i = this.size;
    if (i === this.trace.length) this.reserve(i * 2);
    this.trace[i] = this.traces.id(s.traceId);
    this.service[i] = s.service === '' ? -1 : this.services.id(s.service);
    this.groupKey[i] = s.groupKey === '' ? -1 : this.keys.id(s.groupKey);
    this.kind[i] = s.kind;
    this.start[i] = s.startMs;
    this.dur[i] = s.durMs;
    this.error[i] = s.error ? 1 : 0;
    this.sampling[i] = s.sampling;
    this.pod[i] = s.pod === '' ? -1 : this.pods.id(s.pod);
    this.peer[i] = s.peer === '' ? -1 : this.peers.id(s.peer);
    this.peerKind[i] = s.peerKind;
    this.spanId.push(s.spanId);
    this.parentId.push(s.parentId);
    this.size++;
    return i;
  }

  /** Give spans from `from` on that have no service yet the one their group names. */
  resolve(
    from: number,
    owner: (groupKey: string | null) => { service: string; pod: string },
  ): void {
    for (let i = from; i < this.size; i++) {
      if (this.service[i] !== -1 && this.pod[i] !== -1) continue;
      const k = this.groupKey[i] ?? -1;
      const o = owner(k === -1 ? null : (this.keys.names[k] ?? null));
      if (this.service[i] === -1) this.service[i] = this.services.id(o.service);
      if (this.pod[i] === -1 && o.pod !== '') this.pod[i] = this.pods.id(o.pod);
    }
  }

  private reserve(n: number): void {
    this.trace = grow(this.trace, n);
    this.service = grow(this.service, n);
    this.groupKey = grow(this.groupKey, n);
    this.kind = grow(this.kind, n);
    this.start = grow(this.start, n);
    this.dur = grow(this.dur, n);
    this.error = grow(this.error, n);
    this.sampling = grow(this.sampling, n);
    this.pod = grow(this.pod, n);
    this.peer = grow(this.peer, n);
    this.peerKind = grow(this.peerKind, n);
  }
}
