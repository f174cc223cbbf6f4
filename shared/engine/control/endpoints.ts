// Service endpoints and kube-proxy. Endpoints (EndpointSlices) list the ready, non-terminating pods;
// each change reaches kube-proxy only after a propagation delay, so for that window traffic still
// goes to a pod that just died (docs/semantics.md §8). kube-proxy then picks per new connection:
// iptables mode at random with equal probability (statistic --mode random), IPVS round robin (rr)
// or least connection (lc); sessionAffinity ClientIP pins a client to its endpoint until it has
// been idle for timeoutSeconds (iptables `recent --rcheck --seconds`, IPVS persistence).
import type { Random } from './events';

export interface PodEndpoint {
  name: string;
  ready: boolean;
  terminating: boolean;
}

export interface Endpoints {
  propagationDelayMs: number;
  /** What kube-proxy currently programs. */
  published: string[];
  /** Changes on their way, oldest first. */
  pending: { atMs: number; endpoints: string[] }[];
}

export function newEndpoints(propagationDelayMs: number, initial: string[] = []): Endpoints {
  return { propagationDelayMs, published: [...initial], pending: [] };
}

/** Only ready endpoints that are not terminating receive new traffic. */
export function serving(pods: readonly PodEndpoint[]): string[] {
  return pods.filter((p) => p.ready && !p.terminating).map((p) => p.name);
}

/** The pods changed at `nowMs` (ready, unready, terminating, gone): publish after the delay. */
export function podsChanged(e: Endpoints, nowMs: number, pods: readonly PodEndpoint[]): void {
  e.pending.push({ atMs: nowMs + e.propagationDelayMs, endpoints: serving(pods) });
}

/** When the next pending change lands (the engine wakes kube-proxy then). */
export function nextChangeMs(e: Endpoints): number {
  return e.pending[0]?.atMs ?? Infinity;
}

/** The endpoints kube-proxy uses at `nowMs`. */
export function endpointsAt(e: Endpoints, nowMs: number): readonly string[] {
  while (e.pending.length > 0 && (e.pending[0] as { atMs: number }).atMs <= nowMs) {
    e.published = (e.pending.shift() as { endpoints: string[] }).endpoints;
  }
  return e.published;
}

export type ProxyMode = 'iptables' | 'ipvs-rr' | 'ipvs-lc';

export interface KubeProxy {
  mode: ProxyMode;
  /** sessionAffinity ClientIP timeout; null for sessionAffinity None. Kubernetes default 10800 s. */
  affinityTimeoutMs: number | null;
  rrNext: number;
  pins: Map<string, { endpoint: string; lastMs: number }>;
}

export function newKubeProxy(mode: ProxyMode, affinityTimeoutMs: number | null = null): KubeProxy {
  return { mode, affinityTimeoutMs, rrNext: 0, pins: new Map() };
}

export interface Connection {
  clientId: string;
  nowMs: number;
  random: Random;
  /** ipvs-lc: active connections per endpoint. */
  active?: (endpoint: string) => number;
}

/** The endpoint a new connection goes to, or null when there is none (connection refused). */
export function pickEndpoint(
  proxy: KubeProxy,
  endpoints: readonly string[],
  c: Connection,
): string | null {
  if (endpoints.length === 0) return null;
  if (proxy.affinityTimeoutMs !== null) {
    const pin = proxy.pins.get(c.clientId);
    if (
      pin &&
      c.nowMs - pin.lastMs <= proxy.affinityTimeoutMs &&
      endpoints.includes(pin.endpoint)
    ) {
      pin.lastMs = c.nowMs;
      return pin.endpoint;
    }
  }
  const chosen = choose(proxy, endpoints, c);
  if (proxy.affinityTimeoutMs !== null) {
    proxy.pins.set(c.clientId, { endpoint: chosen, lastMs: c.nowMs });
  }
  return chosen;
}

function choose(proxy: KubeProxy, endpoints: readonly string[], c: Connection): string {
  switch (proxy.mode) {
    case 'iptables': {
      const i = Math.min(endpoints.length - 1, Math.floor(c.random() * endpoints.length));
      return endpoints[i] as string;
    }
    case 'ipvs-rr': {
      const i = proxy.rrNext % endpoints.length;
      proxy.rrNext = i + 1;
      return endpoints[i] as string;
    }
    case 'ipvs-lc': {
      let best = endpoints[0] as string;
      let bestActive = c.active?.(best) ?? 0;
      for (const ep of endpoints) {
        const a = c.active?.(ep) ?? 0;
        if (a < bestActive) [best, bestActive] = [ep, a];
      }
      return best;
    }
  }
}
