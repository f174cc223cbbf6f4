// One span object of OTLP JSON or Jaeger JSON → the fields calibration uses.
import { KIND, PEER, type SpanIn, type SpanKind } from './store';

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** OTLP attribute list → plain key/value pairs. */
export function otlpAttributes(list: unknown): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (!Array.isArray(list)) return m;
  for (const a of list) {
    if (!isObj(a) || typeof a['key'] !== 'string' || !isObj(a['value'])) continue;
    const v = a['value'];
    const x =
      v['stringValue'] ?? v['boolValue'] ?? v['doubleValue'] ?? v['intValue'] ?? v['bytesValue'];
    m.set(a['key'], typeof x === 'string' && 'intValue' in v ? Number(x) : x);
  }
  return m;
}

/** Jaeger tag list → plain key/value pairs. */
export function jaegerTags(list: unknown): Map<string, unknown> {
  const m = new Map<string, unknown>();
  if (!Array.isArray(list)) return m;
  for (const t of list) if (isObj(t) && typeof t['key'] === 'string') m.set(t['key'], t['value']);
  return m;
}

const OTLP_KINDS: Record<string, SpanKind> = {
  SPAN_KIND_INTERNAL: KIND.internal,
  SPAN_KIND_SERVER: KIND.server,
  SPAN_KIND_CLIENT: KIND.client,
  SPAN_KIND_PRODUCER: KIND.producer,
  SPAN_KIND_CONSUMER: KIND.consumer,
  internal: KIND.internal,
  server: KIND.server,
  client: KIND.client,
  producer: KIND.producer,
  consumer: KIND.consumer,
};

function kindOf(v: unknown): SpanKind {
  if (typeof v === 'number' && v >= 0 && v <= 5) return v as SpanKind;
  if (typeof v === 'string') return OTLP_KINDS[v] ?? KIND.unspecified;
  return KIND.unspecified;
}

/** Unix nanoseconds (string or number) → milliseconds, keeping microseconds exact. */
export function nanosToMs(v: unknown): number {
  if (typeof v === 'number') return v / 1e6;
  if (typeof v !== 'string' || !/^\d{1,20}$/.test(v)) return NaN;
  if (v.length <= 6) return Number(v) / 1e6;
  return Number(v.slice(0, -6)) + Number(v.slice(-6)) / 1e6;
}

/** The W3C tracestate `ot=th:…` rejection threshold → sampling probability; 0 if absent. */
export function tracestateProbability(ts: unknown): number {
  if (typeof ts !== 'string') return 0;
  const m = /(?:^|,)\s*ot=([^,]*)/.exec(ts);
  const th = m?.[1] !== undefined ? /(?:^|;)th:([0-9a-f]{1,14})(?:;|$)/.exec(m[1]) : null;
  if (!th?.[1]) return 0;
  const t = parseInt(th[1].padEnd(14, '0'), 16) / 2 ** 56;
  return 1 - t;
}

function samplingFrom(attrs: Map<string, unknown>): number {
  const type = attrs.get('sampler.type');
  const param = Number(attrs.get('sampler.param'));
  if (type === 'probabilistic' && param > 0 && param <= 1) return param;
  if (type === 'const' && (param === 1 || attrs.get('sampler.param') === true)) return 1;
  const p = Number(attrs.get('sampling.probability'));
  return p > 0 && p <= 1 ? p : 0;
}

const CACHES = new Set(['redis', 'memcached', 'hazelcast', 'coherence']);

function peerOf(attrs: Map<string, unknown>): { peer: string; peerKind: number } {
  const str = (k: string) => {
    const v = attrs.get(k);
    return typeof v === 'string' && v !== '' ? v : '';
  };
  const db = str('db.system.name') || str('db.system');
  if (db !== '') {
    const name = str('peer.service') || str('db.namespace') || str('db.name') || db;
    return { peer: name, peerKind: CACHES.has(db) ? PEER.cache : PEER.database };
  }
  const svc = str('peer.service') || str('server.address') || str('net.peer.name');
  return svc === '' ? { peer: '', peerKind: PEER.none } : { peer: svc, peerKind: PEER.service };
}

function errorFrom(attrs: Map<string, unknown>): boolean {
  const e = attrs.get('error');
  return e === true || e === 'true' || attrs.get('otel.status_code') === 'ERROR';
}

/** An OTLP span, or a reason it cannot be used. */
export function otlpSpan(o: unknown): SpanIn | string {
  if (!isObj(o)) return 'not an object';
  const traceId = o['traceId'];
  const spanId = o['spanId'];
  if (typeof traceId !== 'string' || traceId === '') return 'no traceId';
  if (typeof spanId !== 'string' || spanId === '') return 'no spanId';
  const start = nanosToMs(o['startTimeUnixNano']);
  const end = nanosToMs(o['endTimeUnixNano']);
  if (!Number.isFinite(start) || !Number.isFinite(end)) return 'no start/end time';
  if (end < start) return 'ends before it starts';
  const attrs = otlpAttributes(o['attributes']);
  const status = isObj(o['status']) ? o['status']['code'] : undefined;
  const parent = o['parentSpanId'];
  return {
    traceId,
    spanId,
    parentId: typeof parent === 'string' ? parent : '',
    kind: kindOf(o['kind']),
    startMs: start,
    durMs: end - start,
    error: status === 2 || status === 'STATUS_CODE_ERROR' || errorFrom(attrs),
    sampling: tracestateProbability(o['traceState']) || samplingFrom(attrs),
    service: '',
    groupKey: '',
    pod: '',
    ...peerOf(attrs),
  };
}

/** A Jaeger span, or a reason it cannot be used. */
export function jaegerSpan(o: unknown): SpanIn | string {
  if (!isObj(o)) return 'not an object';
  const traceId = o['traceID'];
  const spanId = o['spanID'];
  if (typeof traceId !== 'string' || traceId === '') return 'no traceID';
  if (typeof spanId !== 'string' || spanId === '') return 'no spanID';
  const start = o['startTime'];
  const dur = o['duration'];
  if (typeof start !== 'number' || typeof dur !== 'number') return 'no startTime/duration';
  if (dur < 0) return 'negative duration';
  const tags = jaegerTags(o['tags']);
  let parentId = typeof o['parentSpanID'] === 'string' ? o['parentSpanID'] : '';
  if (Array.isArray(o['references'])) {
    const refs = o['references'].filter(isObj);
    const ref = refs.find((r) => r['refType'] === 'CHILD_OF') ?? refs[0];
    if (ref && typeof ref['spanID'] === 'string') parentId = ref['spanID'];
  }
  const process = isObj(o['process']) ? o['process'] : undefined;
  const kind = tags.get('span.kind');
  return {
    traceId,
    spanId,
    parentId: parentId === '0' || /^0+$/.test(parentId) ? '' : parentId,
    kind: kindOf(kind),
    startMs: start / 1000,
    durMs: dur / 1000,
    error: errorFrom(tags),
    sampling: samplingFrom(tags),
    service: typeof process?.['serviceName'] === 'string' ? process['serviceName'] : '',
    groupKey: typeof o['processID'] === 'string' ? o['processID'] : '',
    pod: process ? podOf(jaegerTags(process['tags'])) : '',
    ...peerOf(tags),
  };
}

/** The pod (or host) a resource or process names. */
export function podOf(attrs: Map<string, unknown>): string {
  for (const k of ['k8s.pod.name', 'service.instance.id', 'hostname', 'host.name']) {
    const v = attrs.get(k);
    if (typeof v === 'string' && v !== '') return v;
  }
  return '';
}
