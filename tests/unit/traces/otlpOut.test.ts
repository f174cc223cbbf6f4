// Traces out: a run's sampled traces as OTLP JSON, checked against the OTLP/JSON shape (a zod
// schema of the subset written) and against what the run did.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runToEnd } from '../../../shared/engine';
import { toOtlp, SPAN_KIND, type OtlpTraces } from '../../../shared/traces/otlpOut';
import { buildDoc, direct } from '../../fixtures/build';

const hex = (n: number) => z.string().regex(new RegExp(`^[0-9a-f]{${n}}$`));
const nanos = z.string().regex(/^[0-9]{1,20}$/);
const AnyValue = z.union([
  z.strictObject({ stringValue: z.string() }),
  z.strictObject({ intValue: z.string().regex(/^-?[0-9]+$/) }),
  z.strictObject({ boolValue: z.boolean() }),
]);
const KeyValue = z.strictObject({ key: z.string().min(1), value: AnyValue });
const OtlpSpan = z.strictObject({
  traceId: hex(32).refine((s) => !/^0+$/.test(s), 'all-zero trace id'),
  spanId: hex(16).refine((s) => !/^0+$/.test(s), 'all-zero span id'),
  parentSpanId: hex(16).optional(),
  name: z.string().min(1),
  // SpanKind: integers in OTLP/JSON (1 internal, 2 server, 3 client).
  kind: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  startTimeUnixNano: nanos,
  endTimeUnixNano: nanos,
  attributes: z.array(KeyValue),
  status: z.strictObject({ code: z.literal(2), message: z.string().min(1) }).optional(),
});
const ExportTraceServiceRequest = z.strictObject({
  resourceSpans: z.array(
    z.strictObject({
      resource: z.strictObject({ attributes: z.array(KeyValue) }),
      scopeSpans: z.array(
        z.strictObject({
          scope: z.strictObject({ name: z.string(), version: z.string() }),
          spans: z.array(OtlpSpan),
        }),
      ),
    }),
  ),
});

/** users → api → (db ×2 in sequence) then (a ‖ b, b times out once and retries) ; b fails 20 %. */
const builder = () =>
  buildDoc('fan-out')
    .client('users', { rps: 20 })
    .service('api', { replicas: 2, serviceTime: { dist: 'constant', meanMs: 1 } })
    .database('db', { readLatency: { dist: 'constant', meanMs: 2 } })
    .service('a', { replicas: 1, serviceTime: { dist: 'exponential', meanMs: 5 } })
    .service('b', {
      replicas: 1,
      serviceTime: {
        dist: 'empirical',
        quantiles: [
          { p: 0, ms: 1 },
          { p: 0.7, ms: 5 },
          { p: 1, ms: 60 },
        ],
      },
      errorRate: 0.2,
    })
    .call('users', 'api', direct)
    .call('api', 'db', { ...direct, calls: 2 })
    .call('api', 'a', { ...direct, mode: 'parallel' })
    .call('api', 'b', {
      latencyMs: 0.5,
      timeoutMs: 30,
      retries: 1,
      backoffBaseMs: 1,
      mode: 'parallel',
      optional: true,
    })
    .scenario({ durationS: 10, seed: 3 });

function exported() {
  const b = builder();
  const r = runToEnd(b.build(), { traceEvery: 1, maxTraces: 10_000 });
  return { r, otlp: toOtlp(b.doc, r.traces, { runTag: r.seed }) };
}

const attr = (list: { key: string; value: object }[], key: string) =>
  (list.find((a) => a.key === key)?.value as Record<string, unknown> | undefined)?.[
    Object.keys(list.find((a) => a.key === key)?.value ?? {})[0] ?? ''
  ];

function flat(otlp: OtlpTraces) {
  return otlp.resourceSpans.flatMap((rs) =>
    rs.scopeSpans.flatMap((ss) =>
      ss.spans.map((s) => ({
        ...s,
        service: attr(rs.resource.attributes, 'service.name') as string,
        resourcePod: attr(rs.resource.attributes, 'k8s.pod.name') as string | undefined,
      })),
    ),
  );
}

describe('OTLP JSON out', () => {
  const { r, otlp } = exported();
  const spans = flat(otlp);

  it('has the OTLP/JSON shape: lowerCamelCase, hex ids, nanosecond strings, integer enums', () => {
    const parsed = ExportTraceServiceRequest.safeParse(JSON.parse(JSON.stringify(otlp)));
    expect(parsed.success ? [] : parsed.error.issues.slice(0, 3)).toEqual([]);
  });

  it('one trace per sampled request, every parent in its trace, one root each', () => {
    expect(r.traces.length).toBe(r.summary.requests);
    const byTrace = new Map<string, typeof spans>();
    for (const s of spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
    expect(byTrace.size).toBe(r.traces.length);
    for (const list of byTrace.values()) {
      const ids = new Set(list.map((s) => s.spanId));
      expect(ids.size).toBe(list.length);
      expect(list.filter((s) => s.parentSpanId === undefined).map((s) => s.kind)).toEqual([
        SPAN_KIND.internal,
      ]);
      for (const s of list) if (s.parentSpanId !== undefined) expect(ids).toContain(s.parentSpanId);
    }
  });

  it('a server span per hop under the client span of its attempt, at the callee, with its pod', () => {
    const byId = new Map(spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
    const servers = spans.filter((s) => s.kind === SPAN_KIND.server);
    const hops = r.traces.reduce(
      (n, t) => n + t.spans.filter((s) => s.kind === 'server').length,
      0,
    );
    expect(servers.length).toBe(hops);
    for (const s of servers) {
      const call = byId.get(`${s.traceId}/${s.parentSpanId}`)!;
      expect(call.kind).toBe(SPAN_KIND.client);
      expect(attr(call.attributes, 'peer.service')).toBe(s.service);
      if (s.service !== 'db') {
        expect(attr(s.attributes, 'k8s.pod.name')).toMatch(new RegExp(`^${s.service}-`));
        expect(s.resourcePod).toBe(attr(s.attributes, 'k8s.pod.name'));
      }
    }
  });

  it('client spans carry the mode, attempt and call number; retries and timeouts are spans', () => {
    const calls = spans.filter((s) => s.kind === SPAN_KIND.client);
    const toDb = calls.filter((s) => attr(s.attributes, 'peer.service') === 'db');
    expect(new Set(toDb.map((s) => attr(s.attributes, 'archlab.call.index')))).toEqual(
      new Set(['1', '2']),
    );
    const toB = calls.filter((s) => attr(s.attributes, 'peer.service') === 'b');
    expect(toB.every((s) => attr(s.attributes, 'archlab.call.mode') === 'parallel')).toBe(true);
    expect(toB.every((s) => attr(s.attributes, 'archlab.call.optional') === true)).toBe(true);
    const timedOut = toB.filter((s) => s.status?.message === 'timeout');
    const retried = toB.filter((s) => attr(s.attributes, 'archlab.call.attempt') === '2');
    expect(timedOut.length).toBeGreaterThan(0);
    expect(retried.length).toBeGreaterThan(0);
    // A timed-out attempt lasts its 30 ms timeout, to the nanosecond.
    for (const s of timedOut)
      expect(BigInt(s.endTimeUnixNano) - BigInt(s.startTimeUnixNano)).toBe(30_000_000n);
    // The caller emits them: the client spans to b sit at api's pods.
    expect(new Set(toB.map((s) => s.service))).toEqual(new Set(['api']));
    expect(toB.every((s) => /^api-/.test(s.resourcePod ?? ''))).toBe(true);
  });

  it('failed spans have status ERROR and the cause; ok spans no status', () => {
    const failedHere = spans.filter(
      (s) => s.kind === SPAN_KIND.server && s.service === 'b' && s.status !== undefined,
    );
    expect(failedHere.length).toBeGreaterThan(0);
    expect(new Set(failedHere.map((s) => s.status!.message))).toEqual(new Set(['internal']));
    const engineFailed = r.traces.flatMap((t) => t.spans).filter((s) => s.status !== 'ok').length;
    expect(spans.filter((s) => s.status !== undefined).length).toBe(engineFailed);
  });

  it('names services by label and is the same bytes for the same run', () => {
    expect(new Set(spans.map((s) => s.service))).toEqual(new Set(['users', 'api', 'db', 'a', 'b']));
    expect(JSON.stringify(exported().otlp)).toBe(JSON.stringify(otlp));
  });
});
