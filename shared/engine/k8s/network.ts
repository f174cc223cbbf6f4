// A service's network side: its Service endpoints (control/endpoints.ts), which follow the ready,
// non-terminating pods after a propagation delay, and kube-proxy. The engine's `node.ready` is
// what kube-proxy currently routes to: a pod that just died stays there until the change lands,
// and requests sent to it are refused (nodes.ts checks `pod.refusing`).
import {
  endpointsAt,
  newEndpoints,
  newKubeProxy,
  pickEndpoint,
  podsChanged,
  type Endpoints,
  type KubeProxy,
  type PodEndpoint,
} from '../control/endpoints';
import type { Pod, RNode } from '../graph';
import { dispatch } from '../capacity';
import type { Req } from '../request';
import type { Timer } from '../timer';
import type { World } from '../world';
import { EV_TIMER } from '../world';
import type { ServiceProps } from './template';

export class ServiceNetwork implements Timer {
  readonly endpoints: Endpoints;
  /** Pods kube-proxy may route to, by name: dead ones too, until the endpoints drop them. */
  readonly byName = new Map<string, Pod>();
  private proxy: KubeProxy | null = null;

  constructor(
    readonly node: RNode,
    props: ServiceProps,
  ) {
    this.endpoints = newEndpoints(props.endpointsDelayMs);
    if (props.proxyMode !== undefined || props.sessionAffinity === 'ClientIP') {
      const affinity =
        props.sessionAffinity === 'ClientIP' ? props.sessionAffinityTimeoutSeconds * 1000 : null;
      this.proxy = newKubeProxy(props.proxyMode ?? 'iptables', affinity);
      node.proxy = { pick: (r) => this.pick(r) };
    }
  }

  /** The pods at t = 0: those already Ready are published. */
  start(): void {
    for (const pod of this.node.pods) this.byName.set(pod.name, pod);
    this.endpoints.published = this.node.ready.map((p) => p.name);
  }

  add(pod: Pod): void {
    this.byName.set(pod.name, pod);
  }

  /** Pods changed (ready, terminating, gone): kube-proxy learns it after the delay. */
  changed(w: World, pods: PodEndpoint[]): void {
    podsChanged(this.endpoints, w.k.now, pods);
    w.k.at(w.k.now + this.endpoints.propagationDelayMs, EV_TIMER, this, 0);
  }

  /** A change reaches kube-proxy: `node.ready` becomes the published endpoints. */
  fire(w: World): void {
    const node = this.node;
    const now = w.k.now;
    const names = endpointsAt(this.endpoints, now);
    const stats = node.stats;
    stats.level(now);
    for (const p of node.ready) p.ready = false;
    node.ready.length = 0;
    let capacity = 0;
    for (const name of names) {
      const pod = this.byName.get(name);
      if (pod === undefined) continue;
      pod.ready = true;
      node.ready.push(pod);
      if (pod.alive) capacity += pod.slots;
    }
    stats.capacity = capacity;
    for (const [name, pod] of this.byName) if (!pod.alive && !pod.ready) this.byName.delete(name);
    for (const sub of node.subs) if (sub.consumer === node) dispatch(w, sub);
  }

  /** kube-proxy with a mode or session affinity (the plain case keeps the engine's own pick). */
  pick(r: Req): Pod | null {
    const proxy = this.proxy as KubeProxy;
    const node = this.node;
    const ready = node.ready;
    if (ready.length === 0) return null;
    let client = '';
    if (proxy.affinityTimeoutMs !== null) {
      let root: Req = r;
      while (root.parent !== null) root = root.parent;
      // A client node stands for many users: 100 client addresses per client node.
      client = `${root.node?.id ?? ''}#${node.rng.int(100)}`;
    }
    const name = pickEndpoint(
      proxy,
      ready.map((p) => p.name),
      {
        clientId: client,
        nowMs: r.startMs,
        random: () => node.rng.next(),
        active: (n) => {
          const p = this.byName.get(n);
          return p === undefined ? 0 : p.busy + p.queue.length;
        },
      },
    );
    return name === null ? null : (this.byName.get(name) ?? null);
  }
}
