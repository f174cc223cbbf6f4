// Envoy outlier detection, consecutive 5xx (docs: "Outlier detection" architecture overview and
// config.cluster.v3.OutlierDetection): a host is ejected when its consecutive 5xx count reaches
// consecutive_5xx (5) — if no host is ejected it is ejected at once, otherwise only while the
// ejected share is below max_ejection_percent (10 %), so at least one host can always be ejected.
// It stays out base_ejection_time (30 s) × its ejection multiplier, capped at max_ejection_time
// (300 s), and returns at the first `interval` sweep (10 s) after that; each sweep in which a host
// is not ejected lowers its multiplier by one. State is plain data updated in place.
import { event, type ControlEvent } from './events';

export interface OutlierConfig {
  consecutive5xx: number;
  intervalMs: number;
  baseEjectionTimeMs: number;
  maxEjectionPercent: number;
  maxEjectionTimeMs: number;
}

export const OUTLIER_DEFAULTS: OutlierConfig = {
  consecutive5xx: 5,
  intervalMs: 10_000,
  baseEjectionTimeMs: 30_000,
  maxEjectionPercent: 10,
  maxEjectionTimeMs: 300_000,
};

interface HostState {
  consecutive5xx: number;
  ejectedAtMs: number | null;
  multiplier: number;
}

export interface OutlierDetector {
  /** The cluster (upstream service) name, for events. */
  cluster: string;
  config: OutlierConfig;
  hosts: Map<string, HostState>;
}

export function newOutlierDetector(
  cluster: string,
  hosts: readonly string[],
  config: Partial<OutlierConfig> = {},
): OutlierDetector {
  const d: OutlierDetector = {
    cluster,
    config: { ...OUTLIER_DEFAULTS, ...config },
    hosts: new Map(),
  };
  setHosts(d, hosts);
  return d;
}

/** The upstream's hosts changed (pods came or went). */
export function setHosts(d: OutlierDetector, hosts: readonly string[]): void {
  for (const h of [...d.hosts.keys()]) if (!hosts.includes(h)) d.hosts.delete(h);
  for (const h of hosts) {
    if (!d.hosts.has(h)) d.hosts.set(h, { consecutive5xx: 0, ejectedAtMs: null, multiplier: 0 });
  }
}

export function isEjected(d: OutlierDetector, host: string): boolean {
  return (d.hosts.get(host)?.ejectedAtMs ?? null) !== null;
}

function ejectedCount(d: OutlierDetector): number {
  let n = 0;
  for (const h of d.hosts.values()) if (h.ejectedAtMs !== null) n++;
  return n;
}

function ejectionMs(d: OutlierDetector, h: HostState): number {
  return Math.min(d.config.baseEjectionTimeMs * h.multiplier, d.config.maxEjectionTimeMs);
}

/** Record one response from `host`; a 5xx may eject it. */
export function onResponse(
  d: OutlierDetector,
  host: string,
  nowMs: number,
  is5xx: boolean,
): ControlEvent[] {
  const h = d.hosts.get(host);
  if (h === undefined || h.ejectedAtMs !== null) return [];
  if (!is5xx) {
    h.consecutive5xx = 0;
    return [];
  }
  if (++h.consecutive5xx !== d.config.consecutive5xx) return [];
  const ejected = ejectedCount(d);
  if (ejected > 0 && (100 * ejected) / d.hosts.size >= d.config.maxEjectionPercent) return [];
  h.ejectedAtMs = nowMs;
  h.multiplier++;
  h.consecutive5xx = 0;
  const forMs = ejectionMs(d, h);
  const message = `Host ${host} ejected from ${d.cluster} for ${forMs / 1000} s after ${d.config.consecutive5xx} consecutive 5xx`;
  return [
    event(nowMs, 'Warning', 'OutlierEjected', d.cluster, message, {
      host,
      type: 'CONSECUTIVE_5XX',
      ejectionMs: forMs,
      timesEjected: h.multiplier,
    }),
  ];
}

/** The periodic sweep (every intervalMs): return hosts whose ejection time has passed. */
export function sweep(d: OutlierDetector, nowMs: number): ControlEvent[] {
  const events: ControlEvent[] = [];
  for (const [host, h] of d.hosts) {
    if (h.ejectedAtMs === null) {
      if (h.multiplier > 0) h.multiplier--;
      continue;
    }
    if (nowMs >= h.ejectedAtMs + ejectionMs(d, h)) {
      h.ejectedAtMs = null;
      h.consecutive5xx = 0;
      events.push(
        event(
          nowMs,
          'Normal',
          'OutlierUnejected',
          d.cluster,
          `Host ${host} returned to ${d.cluster}`,
          {
            host,
          },
        ),
      );
    }
  }
  return events;
}
