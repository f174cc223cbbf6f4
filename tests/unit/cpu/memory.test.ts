// Memory and the OOM killer (docs/semantics.md "The pod's inside", memory): threads × stack +
// requests in flight × per-request memory + the process's base; past limits.memory the container
// is OOMKilled (exit code 137) and the kubelet restarts it with its back-off (control/pod.ts).
// And the lesson the thread pool and the event loop teach behind a slow database.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd, type Chunk } from '../../../shared/engine';
import { podCpuRequestCores, podCpuSeconds } from '../../../shared/engine/cpu/usage';
import { buildDoc, direct } from '../../fixtures/build';

describe('memory', () => {
  const doc = (memory: string, rps: number) =>
    buildDoc()
      .client('users', { rps })
      .service('api', {
        replicas: 1,
        concurrency: 100,
        queueCapacity: 100_000,
        startupSeconds: 1,
        resources: { limits: { memory } },
        runtime: {
          cpuTime: { dist: 'constant', meanMs: 1 },
          ioTime: { dist: 'constant', meanMs: 100 },
          stackKiB: 1024,
          memoryPerRequestKiB: 1024,
          baseMemoryMi: 64,
        },
      })
      .call('users', 'api', direct)
      .scenario({ durationS: 30, warmupS: 1, seed: 1 })
      .build();

  it('a queue past the memory limit ends the container with OOMKilled 137, then restarts with back-off', () => {
    // 100 threads × 1 MiB + 64 MiB leaves 36 MiB of 200 Mi: 36 requests in flight. 100 threads
    // serve 100 / 101 ms ≈ 990/s, so 2000/s fills the queue past that within a second.
    const r = runToEnd(doc('200Mi', 2000));
    const oom = r.events.filter((e) => e.reason === 'OOMKilled');
    expect(oom.length).toBeGreaterThan(1);
    expect(oom[0]!.data['exitCode']).toBe(137);
    expect(r.events.some((e) => e.reason === 'BackOff')).toBe(true);
    expect(r.nodes['api']!.pods![0]!.restarts).toBeGreaterThan(0);
    expect(r.nodes['api']!.errors['connection_reset']).toBeGreaterThan(0);
    expect(r.nodes['api']!.cpu!.oomKills).toBe(oom.length);
  });

  it('the same load within the limit is never killed', () => {
    // 100 MiB threads + 64 MiB base + ≤ 100 in flight × 1 MiB (500/s × 101 ms ≈ 51) < 400 Mi.
    const r = runToEnd(doc('400Mi', 500));
    expect(r.events.filter((e) => e.reason === 'OOMKilled')).toEqual([]);
    expect(r.nodes['api']!.cpu!.oomKills).toBeUndefined();
  });
});

describe('a slow database behind a thread pool and an event loop', () => {
  const doc = (runtime: Record<string, unknown>, concurrency: number) =>
    buildDoc()
      .client('users', { rps: 400 })
      .service('api', { replicas: 1, concurrency, queueCapacity: 100_000, runtime })
      .database('db', {
        poolSize: 10_000,
        readLatency: { dist: 'constant', meanMs: 500 },
        writeRatio: 0,
      })
      .call('users', 'api', direct)
      .call('api', 'db', { ...direct, timeoutMs: 0 })
      .scenario({ durationS: 20, warmupS: 5, seed: 1 })
      .build();
  const cpuTime = { dist: 'exponential', meanMs: 1 };

  it('150 threads drown (at most 150 / 0.501 s ≈ 299/s of 400/s) while one event loop shrugs', () => {
    const pool = runToEnd(doc({ model: 'threadPool', cpuTime }, 150));
    const loop = runToEnd(doc({ model: 'eventLoop', workers: 1, cpuTime }, 150));
    // 150 threads serve at most 150 / 0.501 s ≈ 299/s of the 400/s: the rest queue.
    expect(pool.nodes['api']!.latencyMs.p50).toBeGreaterThan(2000);
    // The loop is busy 1 ms a request (40 %): the wait is the database's 0.5 s plus a little.
    expect(loop.nodes['api']!.latencyMs.p50).toBeLessThan(520);
    expect(loop.nodes['api']!.cpu!.usageCores).toBeGreaterThan(0.38);
    expect(loop.nodes['api']!.cpu!.usageCores).toBeLessThan(0.42);
  });

  it('a loop whose calls block (blockingShare 1) drowns like a pool of `workers` threads', () => {
    const blocked = runToEnd(
      doc({ model: 'eventLoop', workers: 4, blockingShare: 1, cpuTime }, 150),
    );
    // 4 loops held ≈ 0.501 s a request serve 4 / 0.501 ≈ 8 of the 400 requests a second; the
    // rest wait for a loop (and none that came after the warm-up is answered).
    const s = blocked.nodes['api']!.series;
    const done = s.ok.slice(5).reduce((a, b) => a + b, 0) / s.ok.slice(5).length;
    expect(Math.abs(done - 4 / 0.501) / (4 / 0.501)).toBeLessThan(0.1);
    expect(blocked.nodes['api']!.ok).toBe(0);
  });
});

describe('per-pod CPU for the HPA (cpu/usage.ts)', () => {
  it('podCpuSeconds grows with the work done and may pass the request (utilization > 100 %)', () => {
    const sim = createRun(
      buildDoc()
        .client('users', { rps: 300 })
        .service('api', {
          replicas: 1,
          concurrency: 8,
          resources: { requests: { cpu: '250m' } },
          runtime: { cpuTime: { dist: 'constant', meanMs: 2 }, syscallsPerRequest: 0 },
        })
        .call('users', 'api', direct)
        .scenario({ durationS: 20, seed: 1 })
        .build(),
    );
    sim.advanceTo(10_000);
    // The live chunk carries the per-second CPU points so far.
    const chunk = sim.takeChunk() as Chunk;
    expect(chunk.cpu?.['api']?.usageCores).toHaveLength(10);
    expect(Math.abs((chunk.cpu?.['api']?.usageCores[5] ?? 0) - 0.6)).toBeLessThan(0.1);
    const pod = sim.g.byId.get('api')!.pods[0]!;
    const at10 = podCpuSeconds(pod, 10_000);
    sim.advanceTo(20_000);
    const at20 = podCpuSeconds(pod, 20_000);
    // 300/s × 2 ms = 0.6 cores: 6 CPU-seconds in 10 s, 240 % of a 250m request.
    expect(Math.abs(at20 - at10 - 6) / 6).toBeLessThan(0.03);
    const utilization = (at20 - at10) / 10 / podCpuRequestCores(pod);
    expect(utilization).toBeGreaterThan(2.3);
  });
});
