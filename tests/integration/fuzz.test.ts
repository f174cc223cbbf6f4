// Hostile documents under a time and memory bound: fast-check mutates the web-shop sample (huge,
// tiny, negative and non-finite numbers, unsafe ids, control characters, a warm-up past the end,
// dangling references, removed fields) and `archlab run` must end every one within 30 s and
// 512 MB of heap with exit 0–3 (never 4, our failure), a message for 2 and 3, and no partial or
// temp file. A hang or an out-of-memory ends the worker and fails the test with the document.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FuzzAnswer } from './fuzzWorker';

const CASE_MS = 30_000;
const HEAP_MB = 512;

type Doc = Record<string, unknown> & {
  nodes: { id: string; props: Record<string, unknown> }[];
  edges: { id: string; from: string; to: string; props: Record<string, unknown> }[];
  scenarios: Record<string, unknown>[];
};
const base = (): Doc => {
  const doc = JSON.parse(
    readFileSync(path.resolve('assets/samples/web-shop.archlab.json'), 'utf8'),
  ) as Doc;
  (doc.scenarios[0] as Record<string, unknown>).durationS = 3;
  return doc;
};

const hostileNumber = fc.constantFrom(
  0,
  -1,
  1e-300,
  0.5,
  1e7,
  10_000_001,
  1e308,
  Number.MAX_SAFE_INTEGER,
  2 ** 31,
  null,
  '7',
  true,
);
const hostileString = fc.constantFrom(
  '__proto__',
  'constructor',
  '',
  ' ',
  'a'.repeat(300),
  '\u001b[2J\u001b]0;x\u0007',
  '\u202egnp.exe',
  'é\uD800',
  '../../etc/passwd',
  '<script>alert(1)</script>',
);

type Mutation = (doc: Doc) => void;
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('rps', 'replicas', 'concurrency', 'queueCapacity', 'poolSize', 'capacity'),
      hostileNumber,
    )
    .map(([i, key, v]): Mutation => (d) => {
      const n = d.nodes[i % d.nodes.length]!;
      n.props[key] = v;
    }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('latencyMs', 'timeoutMs', 'retries', 'maxDepth'),
      hostileNumber,
    )
    .map(([i, key, v]): Mutation => (d) => {
      d.edges[i % d.edges.length]!.props[key] = v;
    }),
  fc.tuple(fc.nat(), hostileString).map(([i, id]): Mutation => (d) => {
    d.nodes[i % d.nodes.length]!.id = id;
  }),
  fc.tuple(fc.nat(), hostileString).map(([i, to]): Mutation => (d) => {
    d.edges[i % d.edges.length]!.to = to;
  }),
  fc
    .tuple(fc.constantFrom('durationS', 'warmupS', 'seed'), hostileNumber)
    .map(([key, v]): Mutation => (d) => {
      // Durations stay short enough to run within the bound; the rest as drawn.
      d.scenarios[0]![key] = key === 'durationS' && typeof v === 'number' && v > 10 ? 10 : v;
    }),
  fc.tuple(hostileString, hostileString).map(([name, slo]): Mutation => (d) => {
    d.scenarios[0]!.name = name;
    d.scenarios[0]!.slos = [{ name: slo, metric: 'p99', op: '<', value: 500 }];
  }),
  fc
    .tuple(fc.constantFrom('step', 'ramp', 'spike', 'sine', 'trace'), hostileNumber)
    .map(([shape, v]): Mutation => (d) => {
      const shapes = {
        step: { shape, atS: 1, rps: v },
        ramp: { shape, fromS: 0, toS: 2, toRps: v },
        spike: { shape, atS: 1, forS: 1, factor: v },
        sine: { shape, periodS: v, amplitude: 1 },
        trace: { shape, csv: `t,rps\n0,${String(v)}\n1,5\n` },
      };
      d.nodes[0]!.props.shapes = [shapes[shape]];
    }),
  fc
    .tuple(fc.nat(), fc.constantFrom('nodes', 'edges', 'scenarios', 'format', 'version'))
    .map(([i, key]): Mutation => (d) => {
      const v = d[key];
      if (Array.isArray(v) && v.length > 0) v.splice(i % v.length, 1);
      else delete d[key];
    }),
  fc
    .tuple(
      fc.nat(),
      fc.constantFrom('kill-pod', 'explode', 'rollout', 'add-latency'),
      hostileNumber,
    )
    .map(([i, action, v]): Mutation => (d) => {
      d.scenarios[0]!.timeline = [
        { atS: v, action, target: d.nodes[i % d.nodes.length]!.id, params: { ms: v } },
      ];
    }),
);

describe('hostile documents (fast-check)', () => {
  let worker: Worker;
  beforeAll(() => {
    worker = new Worker(path.resolve('tests/integration/tsWorker.mjs'), {
      workerData: { entry: path.resolve('tests/integration/fuzzWorker.ts') },
      resourceLimits: { maxOldGenerationSizeMb: HEAP_MB },
    });
  });
  afterAll(async () => {
    await worker.terminate();
  });

  const run = (text: string) =>
    new Promise<FuzzAnswer>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no answer within ${CASE_MS} ms: the run hung`));
      }, CASE_MS);
      const onMessage = (a: FuzzAnswer) => {
        cleanup();
        resolve(a);
      };
      const onError = (e: Error) => {
        cleanup();
        reject(e);
      };
      const cleanup = () => {
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
      };
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.postMessage(text);
    });

  it('never hang, crash or leave a partial file', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
        const doc = base();
        for (const m of mutations) m(doc);
        const a = await run(JSON.stringify(doc));
        expect([0, 1, 2, 3]).toContain(a.code);
        if (a.code >= 2) expect(a.stderr.trim()).not.toBe('');
        // Only the document and, after a run, its whole JSON result: no temp or partial file.
        expect(a.files.filter((f) => f !== 'doc.archlab.json' && f !== 'out.json')).toEqual([]);
        expect(a.jsonOk).toBe(a.code <= 1 ? true : null);
      }),
      { seed: 17, numRuns: 40, interruptAfterTimeLimit: 240_000 },
    );
  }, 300_000);
});
