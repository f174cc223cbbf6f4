// A caller's own choice of upstream pod on one call edge, bypassing kube-proxy as an Envoy/NGINX
// gateway with endpoint discovery does: it sees the Service's ready endpoints (`to.ready`, the
// same list kube-proxy routes to) and picks a pod itself (control/loadBalancer.ts).
//  round-robin    one counter per edge over the ready pods.
//  weighted       Envoy weighted round robin (earliest deadline first) with each pod's
//                 load_balancing_weight = its slots (concurrency): equal pods of one Deployment get
//                 equal shares. Canary splits between services are route weights (attach.ts).
//  least-request  power of two choices: two pods at random (the edge's own random stream), the
//                 one with fewer active requests (busy + queued at the pod) wins.
//  ring-hash      consistent hashing of the request's key over a ring of 100 virtual nodes per
//                 pod. The key is the user: each client node stands for USERS_PER_CLIENT users and
//                 a request comes from one of them at random; the key is `<client>#<user>`. When a
//                 pod leaves only the keys it owned move (~1/n).
// Envoy outlier detection (control/outlier.ts) on an edge with `outlierDetection`: every answer
// (a timeout too) is reported for the pod that served it; a pod reaching consecutive_5xx is
// ejected and gets no traffic from this caller until a sweep (every intervalMs) returns it.
// If every ready pod is ejected the caller routes to all of them (Envoy's panic routing).
import { CIRCUIT_OPEN, HOP_LIMIT, OK, RATE_LIMITED, UNAUTHORIZED } from '../causes';
import {
  buildRing,
  leastRequest,
  pickWeighted,
  ringLookup,
  weightedRoundRobin,
  type LoadBalancing,
  type Ring,
  type WeightedRoundRobin,
} from '../control/loadBalancer';
import {
  isEjected,
  newOutlierDetector,
  onResponse,
  setHosts,
  sweep,
  type OutlierConfig,
  type OutlierDetector,
} from '../control/outlier';
import type { ControlEvent } from '../control/events';
import type { Pod, REdge } from '../graph';
import type { Req } from '../request';
import type { Rng } from '../rng';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';

export const USERS_PER_CLIENT = 1000;

export interface BalancerView {
  policy: LoadBalancing;
  /** Requests sent to each pod by this edge. */
  picks: Record<string, number>;
  /** ring-hash: distinct keys seen, and those later sent to a different pod than before. */
  keys?: number;
  keysMoved?: number;
  /** Outlier detection: ejections so far and the pods ejected now. */
  ejections?: number;
  ejected?: string[];
}

/** An answer's cause counts as a 5xx (or a locally originated error: reset, refused, timeout). */
function is5xx(cause: number): boolean {
  return (
    cause !== OK &&
    cause !== UNAUTHORIZED &&
    cause !== RATE_LIMITED &&
    cause !== CIRCUIT_OPEN &&
    cause !== HOP_LIMIT
  );
}

export class EdgeBalancer implements Timer {
  private rr = 0;
  private signature = '';
  private names: string[] = [];
  private ring: Ring | null = null;
  private wrr: WeightedRoundRobin | null = null;
  private wrrSig = '';
  private readonly picks = new Map<string, number>();
  private readonly keyHost = new Map<string, string>();
  private readonly moved = new Set<string>();
  readonly od: OutlierDetector | null;
  ejections = 0;
  private sweepAt = Infinity;

  constructor(
    readonly edge: REdge,
    readonly policy: LoadBalancing,
    private readonly rng: Rng,
    outlier: OutlierConfig | null,
  ) {
    this.od =
      outlier === null ? null : newOutlierDetector(edge.to.id, [], { ...outlier } as OutlierConfig);
  }

  /** The ready pods changed: refresh the host list, the ring and the weights. */
  private refresh(ready: readonly Pod[]): void {
    let sig = '';
    for (const p of ready) sig += `${p.name}\n`;
    if (sig === this.signature) return;
    this.signature = sig;
    this.names = ready.map((p) => p.name);
    this.ring = null;
    this.wrr = null;
    if (this.od !== null) setHosts(this.od, this.names);
  }

  /** Pick the pod for attempt `c` arriving over this edge (null: no ready pod). */
  pick(w: World, c: Req): Pod | null {
    const ready = this.edge.to.ready;
    if (ready.length === 0) return null;
    this.refresh(ready);
    let hosts = ready;
    const od = this.od;
    if (od !== null) {
      const healthy = ready.filter((p) => !isEjected(od, p.name));
      if (healthy.length > 0) hosts = healthy; // else panic: all of them
    }
    const pod = this.choose(c, hosts);
    this.picks.set(pod.name, (this.picks.get(pod.name) ?? 0) + 1);
    c.picked = pod;
    void w;
    return pod;
  }

  private choose(c: Req, hosts: readonly Pod[]): Pod {
    const n = hosts.length;
    if (n === 1) return hosts[0] as Pod;
    switch (this.policy) {
      case 'least-request': {
        const names = hosts.map((p) => p.name);
        const byName = new Map(hosts.map((p) => [p.name, p]));
        const name = leastRequest(
          names,
          (h) => {
            const p = byName.get(h) as Pod;
            return p.busy + p.queue.length;
          },
          () => this.rng.next(),
        );
        return byName.get(name as string) as Pod;
      }
      case 'ring-hash': {
        // The ring holds every ready pod; a key owned by an ejected pod goes to the first
        // healthy one.
        this.ring ??= buildRing(this.names);
        let root: Req = c;
        while (root.parent !== null) root = root.parent;
        const key = `${root.node?.id ?? ''}#${this.rng.int(USERS_PER_CLIENT)}`;
        const allowed = new Map(hosts.map((p) => [p.name, p]));
        let host = ringLookup(this.ring, key) as string;
        if (!allowed.has(host)) host = hosts[0]?.name as string;
        const before = this.keyHost.get(key);
        if (before !== undefined && before !== host) this.moved.add(key);
        this.keyHost.set(key, host);
        return allowed.get(host) as Pod;
      }
      case 'weighted': {
        const sig = hosts.map((p) => p.name).join('\n');
        if (this.wrr === null || sig !== this.wrrSig) {
          this.wrrSig = sig;
          this.wrr = weightedRoundRobin(hosts.map((p) => ({ host: p.name, weight: p.slots })));
        }
        const name = pickWeighted(this.wrr);
        return hosts.find((p) => p.name === name) ?? (hosts[0] as Pod);
      }
      default: {
        const i = this.rr % n;
        this.rr = i + 1;
        return hosts[i] as Pod;
      }
    }
  }

  /** The caller got the answer of attempt `c` (or gave up on it: TIMEOUT). */
  answered(w: World, c: Req, cause: number): void {
    const od = this.od;
    const pod = c.picked;
    c.picked = null;
    if (od === null || pod === null) return;
    const events = onResponse(od, pod.name, w.k.now, is5xx(cause));
    if (events.length > 0) {
      this.ejections += events.length;
      this.emit(w, events);
    }
  }

  private emit(w: World, events: ControlEvent[]): void {
    for (const e of events) {
      w.log.add(e.atMs, e.type, e.reason, this.edge.id, e.message, {
        ...e.data,
        edge: this.edge.id,
        caller: this.edge.from.id,
        cluster: e.object,
      });
    }
    this.schedule(w);
  }

  /** Sweeps run every intervalMs (from t = 0) while a pod is ejected or has a multiplier. */
  private schedule(w: World): void {
    const od = this.od;
    if (od === null || this.sweepAt !== Infinity) return;
    let pending = false;
    for (const h of od.hosts.values())
      if (h.ejectedAtMs !== null || h.multiplier > 0) pending = true;
    if (!pending) return;
    const every = od.config.intervalMs;
    this.sweepAt = (Math.floor(w.k.now / every) + 1) * every;
    w.k.at(this.sweepAt, EV_TIMER, this, 0);
  }

  fire(w: World): void {
    this.sweepAt = Infinity;
    const od = this.od;
    if (od === null) return;
    this.refresh(this.edge.to.ready);
    const events = sweep(od, w.k.now);
    if (events.length > 0) this.emit(w, events);
    else this.schedule(w);
  }

  view(): BalancerView {
    const picks: Record<string, number> = {};
    for (const [k, v] of this.picks) picks[k] = v;
    const out: BalancerView = { policy: this.policy, picks };
    if (this.policy === 'ring-hash') {
      out.keys = this.keyHost.size;
      out.keysMoved = this.moved.size;
    }
    if (this.od !== null) {
      out.ejections = this.ejections;
      out.ejected = [...this.od.hosts.entries()]
        .filter(([, h]) => h.ejectedAtMs !== null)
        .map(([name]) => name);
    }
    return out;
  }
}
