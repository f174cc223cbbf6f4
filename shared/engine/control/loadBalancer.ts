// Gateway load balancing over upstream pods (Envoy "Supported load balancers"): round robin,
// weighted round robin (earliest-deadline-first, as Envoy schedules weights), least request with
// the power of two choices (pick two hosts at random, take the one with fewer active requests),
// and ring hash (consistent hashing with virtual nodes: when one of n hosts leaves only its ~1/n
// of the keys move). State is plain data updated in place.
import type { Random } from './events';
import { fnv1a32 } from './fenceposts';

export type LoadBalancing = 'round-robin' | 'weighted' | 'least-request' | 'ring-hash';

export interface RoundRobin {
  next: number;
}

export function roundRobin(rr: RoundRobin, hosts: readonly string[]): string | null {
  if (hosts.length === 0) return null;
  const i = rr.next % hosts.length;
  rr.next = i + 1;
  return hosts[i] as string;
}

/** Weighted round robin: each host gets picks in proportion to its weight, spread evenly. */
export interface WeightedRoundRobin {
  entries: { host: string; weight: number; deadline: number; order: number }[];
}

export function weightedRoundRobin(
  hosts: readonly { host: string; weight: number }[],
): WeightedRoundRobin {
  return {
    entries: hosts
      .filter((h) => h.weight > 0)
      .map((h, order) => ({ host: h.host, weight: h.weight, deadline: 1 / h.weight, order })),
  };
}

export function pickWeighted(w: WeightedRoundRobin): string | null {
  let best: WeightedRoundRobin['entries'][number] | undefined;
  for (const e of w.entries) {
    if (
      best === undefined ||
      e.deadline < best.deadline ||
      (e.deadline === best.deadline && e.order < best.order)
    ) {
      best = e;
    }
  }
  if (best === undefined) return null;
  best.deadline += 1 / best.weight;
  return best.host;
}

/** Least request, power of two choices (Envoy's default choice_count 2). */
export function leastRequest(
  hosts: readonly string[],
  active: (host: string) => number,
  random: Random,
): string | null {
  if (hosts.length === 0) return null;
  const at = () => hosts[Math.min(hosts.length - 1, Math.floor(random() * hosts.length))] as string;
  const a = at();
  const b = at();
  return active(b) < active(a) ? b : a;
}

/** A 32-bit hash with good spread: FNV-1a followed by the murmur3 finaliser. */
export function hash32(text: string): number {
  let h = fnv1a32(text);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export interface Ring {
  hashes: number[];
  hosts: string[];
}

/** A ring with `virtualNodes` points per host (Envoy: minimum_ring_size 1024 spread over hosts). */
export function buildRing(hosts: readonly string[], virtualNodes = 100): Ring {
  const points: [number, string][] = [];
  for (const host of hosts) {
    for (let i = 0; i < virtualNodes; i++) points.push([hash32(`${host}_${i}`), host]);
  }
  points.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  return { hashes: points.map((p) => p[0]), hosts: points.map((p) => p[1]) };
}

/** The host owning `key`: the first ring point at or after the key's hash, wrapping around. */
export function ringLookup(ring: Ring, key: string): string | null {
  const n = ring.hashes.length;
  if (n === 0) return null;
  const h = hash32(key);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((ring.hashes[mid] as number) < h) lo = mid + 1;
    else hi = mid;
  }
  return ring.hosts[lo === n ? 0 : lo] as string;
}
