// A run's sampled traces as OTLP JSON (an ExportTraceServiceRequest: `resourceSpans`), which
// Jaeger and OpenTelemetry tools open. Encoding as the OTLP/JSON spec has it
// (opentelemetry-proto docs/specification.md, "JSON Protobuf Encoding"): lowerCamelCase keys,
// trace and span ids as lowercase hex (32 and 16 digits), times as strings of Unix nanoseconds,
// enums as their integer values (names are not allowed in OTLP/JSON), int64 values as strings.
//
// One resource per node and pod: `service.name` the node's label (its id when two nodes share a
// label), `k8s.pod.name` the pod. A trace's spans (engine/traces.ts) become:
//  internal  the client's request (the root), at the client node;
//  server    one per hop, at the node that served it, with the pod;
//  client    one per call attempt, at the caller (retries and timeouts are separate spans), with
//            `peer.service` the callee and the edge's mode, attempt and call number.
// Failed spans have status ERROR with the cause as message. Same result → same bytes.
import type { ArchDocument } from '../model';
import type { Span, Trace } from '../engine/traces';
import { ENGINE_VERSION } from '../engine/version';
import { hashString } from '../engine/rng';

/** SpanKind and StatusCode of opentelemetry-proto trace/v1/trace.proto. */
export const SPAN_KIND = { internal: 1, server: 2, client: 3 } as const;
export const STATUS_CODE_ERROR = 2;

export interface OtlpValue {
  stringValue?: string;
  intValue?: string;
  boolValue?: boolean;
}
export interface OtlpAttribute {
  key: string;
  value: OtlpValue;
}
export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpAttribute[];
  status?: { code: number; message: string };
}
export interface OtlpTraces {
  resourceSpans: {
    resource: { attributes: OtlpAttribute[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

export interface OtlpOptions {
  /** Wall-clock time of the run's t = 0, in Unix ms. Default 2026-01-01T00:00:00Z. */
  epochMs?: number;
  /** Mixed into every trace id, so two runs' traces do not share ids (the seed, say). */
  runTag?: number;
}

/** 2026-01-01T00:00:00Z. */
const DEFAULT_EPOCH_MS = 1_767_225_600_000;

const str = (key: string, v: string): OtlpAttribute => ({ key, value: { stringValue: v } });
const int = (key: string, v: number): OtlpAttribute => ({ key, value: { intValue: String(v) } });
const hex = (n: number, digits: number) => (n >>> 0).toString(16).padStart(digits, '0');

/** Simulated ms from the start → Unix nanoseconds as a decimal string (exact to the ns). */
function nanos(epochMs: number, ms: number): string {
  return (BigInt(epochMs) * 1_000_000n + BigInt(Math.round(ms * 1e6))).toString();
}

/** The service name of each node: its label, or its id where labels repeat or are empty. */
export function serviceNames(doc: ArchDocument): Map<string, string> {
  const labelOf = (n: ArchDocument['nodes'][number]) => (n.label ?? '').trim();
  const count = new Map<string, number>();
  for (const n of doc.nodes) count.set(labelOf(n), (count.get(labelOf(n)) ?? 0) + 1);
  return new Map(
    doc.nodes.map((n) => {
      const label = labelOf(n);
      return [n.id, label !== '' && count.get(label) === 1 ? label : n.id];
    }),
  );
}

interface Emitter {
  node: string;
  pod: string | null;
  spans: OtlpSpan[];
}

export function toOtlp(
  doc: ArchDocument,
  traces: readonly Trace[],
  options: OtlpOptions = {},
): OtlpTraces {
  const epochMs = options.epochMs ?? DEFAULT_EPOCH_MS;
  const tag = hex(hashString(`${options.runTag ?? 0}:${doc.name}`), 8);
  const names = serviceNames(doc);
  const kinds = new Map(doc.nodes.map((n) => [n.id, n.kind]));
  const edges = new Map(doc.edges.map((e) => [e.id, e]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const emitters = new Map<string, Emitter>();
  const emitter = (node: string, pod: string | null): Emitter => {
    const key = `${node}\u0000${pod ?? ''}`;
    let e = emitters.get(key);
    if (e === undefined) emitters.set(key, (e = { node, pod, spans: [] }));
    return e;
  };

  for (const t of traces) {
    const traceId = `${tag}00000000${hex(Math.floor(t.id / 2 ** 32), 8)}${hex(t.id, 8)}`;
    const spanId = (s: Span) => `${hex(t.id, 8)}${hex(s.id + 1, 8)}`;
    const parents = new Map(t.spans.map((s) => [s.id, s]));
    for (const s of t.spans) {
      const edge = s.edge === null ? undefined : edges.get(s.edge);
      const parent = parents.get(s.parentId);
      const out: OtlpSpan = {
        traceId,
        spanId: spanId(s),
        ...(parent === undefined ? {} : { parentSpanId: spanId(parent) }),
        name: '',
        kind: SPAN_KIND[s.kind],
        startTimeUnixNano: nanos(epochMs, s.startMs),
        endTimeUnixNano: nanos(epochMs, s.endMs),
        attributes: [],
      };
      let at: Emitter;
      if (s.kind === 'client') {
        const from = edge?.from ?? t.client;
        at = emitter(from, s.pod);
        out.name = `call ${nameOf(s.node)}`;
        out.attributes.push(str('peer.service', nameOf(s.node)));
        if (kinds.get(s.node) === 'database')
          out.attributes.push(str('db.system.name', 'other_sql'));
        if (edge !== undefined) out.attributes.push(str('archlab.edge.id', edge.id));
        if (edge?.kind === 'call') {
          out.attributes.push(str('archlab.call.mode', edge.props.mode));
          if (edge.props.optional === true)
            out.attributes.push({ key: 'archlab.call.optional', value: { boolValue: true } });
        }
        out.attributes.push(
          int('archlab.call.attempt', s.attempt),
          int('archlab.call.index', s.call),
        );
      } else {
        at = emitter(s.node, s.pod);
        out.name = s.kind === 'internal' ? 'request' : nameOf(s.node);
        if (edge !== undefined) out.attributes.push(str('archlab.edge.id', edge.id));
        if (s.pod !== null) out.attributes.push(str('k8s.pod.name', s.pod));
      }
      if (s.status !== 'ok') out.status = { code: STATUS_CODE_ERROR, message: s.status };
      at.spans.push(out);
    }
  }

  const order = new Map(doc.nodes.map((n, i) => [n.id, i]));
  const sorted = [...emitters.values()].sort(
    (a, b) =>
      (order.get(a.node) ?? 0) - (order.get(b.node) ?? 0) ||
      (a.pod ?? '').localeCompare(b.pod ?? ''),
  );
  return {
    resourceSpans: sorted.map((e) => ({
      resource: {
        attributes: [
          str('service.name', nameOf(e.node)),
          str('archlab.node.id', e.node),
          str('archlab.node.kind', kinds.get(e.node) ?? 'client'),
          ...(e.pod === null ? [] : [str('k8s.pod.name', e.pod)]),
        ],
      },
      scopeSpans: [{ scope: { name: 'archlab', version: ENGINE_VERSION }, spans: e.spans }],
    })),
  };
}
