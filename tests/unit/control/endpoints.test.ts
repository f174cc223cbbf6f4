// Service endpoints and kube-proxy (docs/semantics.md §8; Kubernetes docs "Virtual IPs and Service
// Proxies": iptables mode picks a backend at random, IPVS rr / lc, sessionAffinity ClientIP with
// sessionAffinityConfig.clientIP.timeoutSeconds; "EndpointSlices": ready / serving / terminating).
import { describe, expect, it } from 'vitest';
import {
  endpointsAt,
  newEndpoints,
  newKubeProxy,
  nextChangeMs,
  pickEndpoint,
  podsChanged,
  serving,
} from '../../../shared/engine/control/endpoints';

/** A scripted random stream. */
const script = (...values: number[]) => {
  let i = 0;
  return () => values[i++ % values.length] as number;
};

describe('endpoints follow ready, non-terminating pods after the propagation delay', () => {
  it('lists only ready pods that are not terminating', () => {
    expect(
      serving([
        { name: 'a', ready: true, terminating: false },
        { name: 'b', ready: false, terminating: false },
        { name: 'c', ready: true, terminating: true },
      ]),
    ).toEqual(['a']);
  });

  it('keeps sending to a pod that just died until the change reaches kube-proxy', () => {
    const e = newEndpoints(2000, ['a', 'b', 'c']);
    const proxy = newKubeProxy('iptables');
    // b dies at 10 s; the change lands at 12 s.
    podsChanged(e, 10_000, [
      { name: 'a', ready: true, terminating: false },
      { name: 'c', ready: true, terminating: false },
    ]);
    expect(nextChangeMs(e)).toBe(12_000);
    const pick = (t: number) =>
      pickEndpoint(proxy, endpointsAt(e, t), { clientId: 'u', nowMs: t, random: script(0.5) });
    // random 0.5 of 3 endpoints → index 1 = b: the stale window.
    expect(pick(11_999)).toBe('b');
    // From 12 s: [a, c], index 1 = c.
    expect(pick(12_000)).toBe('c');
  });
});

describe('kube-proxy modes', () => {
  const at = (mode: Parameters<typeof newKubeProxy>[0], active?: (e: string) => number) => {
    const proxy = newKubeProxy(mode);
    const random = script(0.1, 0.9, 0.4);
    return ['x', 'y', 'z', 'w'].map((clientId) =>
      pickEndpoint(proxy, ['a', 'b', 'c'], {
        clientId,
        nowMs: 0,
        random,
        ...(active ? { active } : {}),
      }),
    );
  };

  it('iptables: uniform random per connection (floor(u × n))', () => {
    expect(at('iptables')).toEqual(['a', 'c', 'b', 'a']);
  });
  it('IPVS rr: in turn', () => {
    expect(at('ipvs-rr')).toEqual(['a', 'b', 'c', 'a']);
  });
  it('IPVS lc: the fewest active connections', () => {
    const active: Record<string, number> = { a: 3, b: 1, c: 2 };
    expect(at('ipvs-lc', (e) => active[e] ?? 0)).toEqual(['b', 'b', 'b', 'b']);
  });
  it('no endpoints: no pick (connection refused)', () => {
    expect(
      pickEndpoint(newKubeProxy('iptables'), [], { clientId: 'u', nowMs: 0, random: script(0) }),
    ).toBe(null);
  });
});

describe('sessionAffinity: ClientIP', () => {
  it('pins a client to its endpoint until idle for timeoutSeconds, or until the endpoint leaves', () => {
    const proxy = newKubeProxy('ipvs-rr', 10_800_000);
    const eps = ['a', 'b', 'c'];
    const c = (clientId: string, nowMs: number, list = eps) =>
      pickEndpoint(proxy, list, { clientId, nowMs, random: script(0) });
    expect(c('alice', 0)).toBe('a');
    expect(c('bob', 0)).toBe('b');
    expect(c('alice', 1000)).toBe('a');
    // The pinned endpoint left the Service: re-picked (rr: next index 2 of [a, c] → a).
    expect(c('bob', 2000, ['a', 'c'])).toBe('a');
    // Each connection refreshes the pin: still a after exactly 3 h of idleness.
    expect(c('alice', 1000 + 10_800_000)).toBe('a');
    // Idle longer than the timeout: a new pick (rr goes on: index 1 → b).
    expect(c('alice', 1000 + 2 * 10_800_000 + 1)).toBe('b');
  });
});
