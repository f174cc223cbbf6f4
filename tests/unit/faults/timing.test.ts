// Per-second buckets are [t, t + 1 s): the tick that closes second 9 runs before anything else
// scheduled at 10 000 ms, and a timeline action at exactly 10 s counts in second 10 (reported by
// the report engineer: a kill at 10 s showed its resets in the 9–10 s point).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { Kernel } from '../../../shared/engine/kernel';
import { buildDoc } from '../../fixtures/build';

describe('kernel priorities', () => {
  it('atFirst wins every tie, atLast loses every tie, whatever was scheduled first', () => {
    const k = new Kernel(1000);
    const order: string[] = [];
    k.atLast(10, 1, 'last-a', 0);
    k.at(10, 1, 'plain-a', 0);
    k.atFirst(10, 1, 'first-a', 0);
    k.at(5, 1, 'early', 0);
    k.at(10, 1, 'plain-b', 0);
    k.atLast(10, 1, 'last-b', 0);
    k.atFirst(10, 1, 'first-b', 0);
    k.at(11, 1, 'late', 0);
    while (k.next(100)) order.push(`${k.now}:${k.obj as string}`);
    expect(order).toEqual([
      '5:early',
      '10:first-a',
      '10:first-b',
      '10:plain-a',
      '10:plain-b',
      '10:last-a',
      '10:last-b',
      '11:late',
    ]);
  });

  it('events with priorities can be cancelled like any other', () => {
    const k = new Kernel(1000);
    const first = k.atFirst(3, 1, 'first', 0);
    const last = k.atLast(3, 1, 'last', 0);
    k.at(3, 1, 'plain', 0);
    k.cancel(first);
    k.cancel(last);
    const seen: unknown[] = [];
    while (k.next(10)) seen.push(k.obj);
    expect(seen).toEqual(['plain']);
  });

  it('keeps the order with many ties through lanes and the heap', () => {
    const k = new Kernel(100_000);
    const lane = k.lane();
    const popped: number[] = [];
    let n = 0;
    for (let t = 0; t < 50; t++) {
      k.atLane(lane, t, 1, null, n++);
      k.atLast(t, 2, null, n++);
      k.at(t, 1, null, n++);
      k.atFirst(t, 0, null, n++);
    }
    while (k.next(1000)) popped.push(k.now * 10 + k.type);
    // Per instant: the atFirst (type 0), then both ordinary ones (type 1), then the atLast (2).
    const expected: number[] = [];
    for (let t = 0; t < 50; t++) expected.push(t * 10, t * 10 + 1, t * 10 + 1, t * 10 + 2);
    expect(popped).toEqual(expected);
  });
});

describe('per-second series are [t, t + 1 s)', () => {
  // A constant client at 1000 rps: one arrival on every millisecond, so there is an arrival at
  // exactly 10 000 ms as well. A kill at 10 s resets what its pod holds.
  const doc = (atS: number) =>
    buildDoc()
      .client('users', { rps: 1000, arrival: 'constant' })
      .service('api', {
        replicas: 2,
        concurrency: 50,
        startupSeconds: 1,
        serviceTime: { dist: 'constant', meanMs: 20 },
      })
      .call('users', 'api', { latencyMs: 0, timeoutMs: 1000 })
      .scenario({
        durationS: 14,
        seed: 1,
        timeline: [{ atS, action: 'kill-pod', target: 'api', params: { pod: 0 } }],
      })
      .build();

  it('a kill at exactly 10 s counts its resets in second 10, none in second 9', () => {
    const r = runToEnd(doc(10));
    const api = r.nodes['api']!.series;
    const resets = api.errors['connection_reset']!;
    expect(api.t[9]).toBe(9);
    expect(resets[9]).toBe(0);
    // 20 ms of work in flight, half of it on the killed pod: 10 requests reset at 10 000 ms.
    expect(resets[10]).toBe(10);
    expect(r.events.find((e) => e.reason === 'Killing')?.t).toBe(10);
  });

  it('second 9 holds exactly the arrivals of [9 s, 10 s): 1000 of them', () => {
    const r = runToEnd(doc(10));
    expect(r.nodes['users']!.series.rps.slice(1, 13)).toEqual(new Array(12).fill(1000));
  });

  it('a kill a millisecond earlier counts in second 9', () => {
    const r = runToEnd(doc(9.999));
    const resets = r.nodes['api']!.series.errors['connection_reset']!;
    expect(resets[9]).toBe(10);
    expect(resets[10]).toBe(0);
  });
});
