// The desktop engine host: a worker_threads Worker speaking shared/protocol.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EngineHost } from '../../electron/node/engineHost';
import type { FromHost } from '../../shared/protocol';
import { answersOf, protocolCases } from '../fixtures/protocolCases';
import { collect, nodeHost } from './hostDriver';

describe('worker-thread engine host', () => {
  let host: EngineHost;
  beforeAll(() => {
    host = nodeHost();
  });
  afterAll(async () => {
    await host.terminate();
  });

  it('answers a ping with the protocol and engine versions', async () => {
    const [pong] = await collect(host, protocolCases[0]!);
    expect(pong).toMatchObject({ type: 'pong', id: 1, protocol: 1 });
    expect((pong as { engine: string }).engine).toMatch(/\d/);
  });

  it('turns malformed messages into typed errors and keeps serving', async () => {
    for (const c of protocolCases.filter((x) => x.name.startsWith('malformed'))) {
      const answers = await collect(host, c);
      expect(answers.at(-1)).toMatchObject({ type: 'error', code: 'E_BAD_MESSAGE' });
    }
    const [pong] = await collect(host, protocolCases[0]!);
    expect(pong?.type).toBe('pong');
  });

  it('names the path of a bad document', async () => {
    const answers = await collect(
      host,
      protocolCases.find((c) => c.name === 'bad document')!,
    );
    const err = answers.at(-1) as Extract<FromHost, { type: 'error' }>;
    expect(err.code).toBe('E_BAD_DOCUMENT');
    expect(err.problems?.map((p) => p.path)).toContain('nodes[0].props.replicas');
  });

  it('runs a document to the end and reports its result', async () => {
    const answers = answersOf(
      await collect(
        host,
        protocolCases.find((c) => c.name === 'a run')!,
      ),
    );
    expect(answers[0]).toMatchObject({
      type: 'run.started',
      runId: 'r1',
      scenario: 'baseline',
      seed: 7,
      durationS: 20,
    });
    const done = answers.at(-1) as Extract<FromHost, { type: 'run.done' }>;
    expect(done.type).toBe('run.done');
    const summary = (done.result as { summary: { requests: number; throughputRps: number } })
      .summary;
    // 50 requests/s for 20 s: about 1,000 Poisson arrivals (±4σ).
    expect(summary.requests).toBeGreaterThan(1000 - 4 * Math.sqrt(1000));
    expect(summary.requests).toBeLessThan(1000 + 4 * Math.sqrt(1000));
  });

  it('pauses, resumes and stops a live run', async () => {
    const doc = protocolCases.find((c) => c.name === 'a run')!.messages[0] as { document: unknown };
    const seen: FromHost[] = [];
    const off = host.onMessage((m) => seen.push(m));
    host.send({
      type: 'run.start',
      runId: 'live',
      document: doc.document,
      options: { mode: 'live', speed: 10 },
    });
    await host.next(
      (m): m is FromHost => m.type === 'run.progress' && m.runId === 'live' && m.tS > 0.5,
    );
    host.send({ type: 'run.pause', runId: 'live' });
    const paused = await host.next(
      (m): m is Extract<FromHost, { type: 'run.progress' }> =>
        m.type === 'run.progress' && m.paused,
    );
    await new Promise((r) => setTimeout(r, 300));
    const afterPause = seen.filter(
      (m) => m.type === 'run.progress' && m.runId === 'live' && !m.paused,
    );
    expect(afterPause.every((m) => (m as { tS: number }).tS <= paused.tS)).toBe(true);
    host.send({ type: 'run.resume', runId: 'live' });
    await host.next(
      (m): m is FromHost => m.type === 'run.progress' && m.runId === 'live' && m.tS > paused.tS,
    );
    host.send({ type: 'run.stop', runId: 'live' });
    const done = await host.next(
      (m): m is Extract<FromHost, { type: 'run.done' }> =>
        m.type === 'run.done' && m.runId === 'live',
    );
    off();
    expect(done.stopped).toBe(true);
    // Paced at 10× for well under 20 simulated seconds: the stop came before the end.
    expect(paused.tS).toBeLessThan(20);
  });
});
