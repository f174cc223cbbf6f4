// Load balancers as Envoy documents them (envoyproxy.io "Supported load balancers": weighted round
// robin, weighted least request with power of two choices, ring hash) — docs/semantics.md §11.2.
import { describe, expect, it } from 'vitest';
import {
  buildRing,
  leastRequest,
  pickWeighted,
  ringLookup,
  roundRobin,
  weightedRoundRobin,
} from '../../../shared/engine/control/loadBalancer';

describe('round robin and weighted round robin', () => {
  it('goes round in turn', () => {
    const rr = { next: 0 };
    expect([1, 2, 3, 4].map(() => roundRobin(rr, ['a', 'b', 'c']))).toEqual(['a', 'b', 'c', 'a']);
  });
  it('weights 3:1 give a a a b, repeated (earliest deadline first, ties in host order)', () => {
    const w = weightedRoundRobin([
      { host: 'a', weight: 3 },
      { host: 'b', weight: 1 },
    ]);
    expect(Array.from({ length: 8 }, () => pickWeighted(w))).toEqual([
      'a',
      'a',
      'a',
      'b',
      'a',
      'a',
      'a',
      'b',
    ]);
  });
});

describe('least request, power of two choices', () => {
  it('picks two at random and sends to the one with fewer active requests', () => {
    const active: Record<string, number> = { a: 5, b: 1, c: 9 };
    const values = [0.1, 0.5, 0.9, 0.1];
    let i = 0;
    const random = () => values[i++] as number;
    // (a, b) → b; (c, a) → a.
    expect(leastRequest(['a', 'b', 'c'], (h) => active[h] ?? 0, random)).toBe('b');
    expect(leastRequest(['a', 'b', 'c'], (h) => active[h] ?? 0, random)).toBe('a');
  });
});

describe('ring hash (consistent hashing)', () => {
  const hosts = Array.from({ length: 10 }, (_, i) => `pod-${i}`);
  const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

  it('when one of n = 10 hosts leaves, only its keys move: about 1/n of them', () => {
    const before = buildRing(hosts);
    const after = buildRing(hosts.filter((h) => h !== 'pod-3'));
    let moved = 0;
    for (const k of keys) {
      const a = ringLookup(before, k);
      const b = ringLookup(after, k);
      if (a !== b) {
        moved++;
        expect(a).toBe('pod-3'); // nothing else moves
      }
    }
    expect(moved / keys.length).toBeGreaterThan(0.05);
    expect(moved / keys.length).toBeLessThan(0.15);
  });

  it('spreads keys over every host', () => {
    const ring = buildRing(hosts);
    const counts = new Map<string, number>();
    for (const k of keys)
      counts.set(
        ringLookup(ring, k) as string,
        (counts.get(ringLookup(ring, k) as string) ?? 0) + 1,
      );
    expect(counts.size).toBe(10);
    for (const n of counts.values()) expect(n / keys.length).toBeGreaterThan(0.05);
  });
});
