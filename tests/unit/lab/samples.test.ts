// The three pod samples teach what their descriptions say, in the figures a run reports: a thread
// pool drowns behind a slow database while an event loop does not; a CPU limit throttles a pod
// whose mean use is under it; a spin lock collapses once threads outnumber cores, a mutex does not.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDocument, type ArchDocument } from '../../../shared/model';
import { runToEnd } from '../../../shared/engine';

function sample(file: string): ArchDocument {
  const text = readFileSync(new URL(`../../../assets/samples/${file}`, import.meta.url), 'utf8');
  const result = loadDocument(text);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.doc;
}

const run = (doc: ArchDocument, scenario: string) =>
  runToEnd(doc, { scenario, traceEvery: 0 }).nodes;

describe('pod samples', () => {
  it.each(['slow-database', 'cpu-throttling', 'spin-vs-mutex'])(
    '%s has a lesson and a drill beside its baseline',
    (name) => {
      const doc = sample(`${name}.archlab.json`);
      expect(doc.description?.length).toBeGreaterThan(300);
      expect(doc.scenarios.some((s) => s.timeline.length > 0)).toBe(true);
    },
  );

  it('slow database: the thread pool queues to seconds, the event loop adds only the delay', () => {
    const nodes = run(sample('slow-database.archlab.json'), 'slow database');
    const threads = nodes['orders-threads']!;
    const loop = nodes['orders-loop']!;
    expect(threads.latencyMs.p99).toBeGreaterThan(1000);
    expect(threads.queueDepth.mean).toBeGreaterThan(100);
    // Its CPU idles while it drowns: the threads wait on the database.
    expect(threads.cpu!.usageCores / 2).toBeLessThan(0.25);
    // 150 ms more per query, and a little queueing: far below the thread pool's.
    expect(loop.latencyMs.p99).toBeLessThan(300);
    expect(loop.latencyMs.p99).toBeGreaterThan(150);
  });

  it('cpu throttling: throttled periods and a higher p99 under the limit, none without it', () => {
    const nodes = run(sample('cpu-throttling.archlab.json'), 'busier');
    const limited = nodes['api-limited']!;
    const free = nodes['api-unlimited']!;
    // The mean use per pod stays below the 1-core limit, yet a large share of periods throttle.
    expect(limited.cpu!.usageCores / 2).toBeLessThan(1);
    expect(limited.cpu!.throttledPeriods / limited.cpu!.periods).toBeGreaterThan(0.25);
    expect(free.cpu!.throttledPeriods).toBe(0);
    expect(limited.latencyMs.p99).toBeGreaterThan(3 * free.latencyMs.p99);
  });

  it('spin vs mutex: past the cores the spin lock collapses and the mutex carries the load', () => {
    const nodes = run(sample('spin-vs-mutex.archlab.json'), 'rush');
    const spin = nodes['cart-spin']!;
    const mutex = nodes['cart-mutex']!;
    expect(spin.latencyMs.p99).toBeGreaterThan(1000);
    expect(spin.errors.queue_full).toBeGreaterThan(0);
    expect(spin.cpu!.spinSeconds).toBeGreaterThan(10);
    expect(mutex.latencyMs.p99).toBeLessThan(50);
    expect(mutex.ok).toBeGreaterThan(spin.ok);
    expect(mutex.cpu!.usageCores).toBeLessThan(spin.cpu!.usageCores);
  });
});
