// Wiring gateway policies (a refused request ends 429; a leaky bucket's admitted request goes on
// at its departure time, nodes.ts gatewayWorkDone) and edge breakers into a compiled graph from the document's props.
//  Route weights: with any route weight other than 1 the gateway splits requests over its routes
//  at random in proportion to the weights (Envoy weighted_clusters: a canary 90/10); all 1 keeps
//  the plain round robin over routes.
//  Load balancing: a gateway's `loadBalancing` other than round-robin, round-robin over a service
//  whose own pick is not round robin (kube-proxy mode, session affinity, another lb), or an edge
//  with `outlierDetection` gets an EdgeBalancer (balancer.ts) that picks the pod itself. Plain
//  round robin over a round-robin Service is the Service's own pick, unchanged.
//  Retry budget: a gateway with retryBudgetPercent set gives it to each of its call edges with
//  retries (unset: no budget, as Envoy without a retry_budget).
import type { ArchDocument } from '../../model';
import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerConfig } from '../control/circuitBreaker';
import type { LoadBalancing } from '../control/loadBalancer';
import { OUTLIER_DEFAULTS } from '../control/outlier';
import { K_POD, K_SERVICE, LB_ROUND_ROBIN, type REdge, type RNode } from '../graph';
import { Rng } from '../rng';
import { EdgeBalancer, type BalancerView } from './balancer';
import { EdgeGuard, type BreakerView } from './guard';
import { GatewayPolicy } from './policy';
import { RetryBudget } from './retryBudget';

type CbProps = NonNullable<
  Extract<ArchDocument['nodes'][number], { kind: 'gateway' }>['props']['circuitBreaker']
>;

function config(p: CbProps): CircuitBreakerConfig {
  return { ...CIRCUIT_BREAKER_DEFAULTS, ...p };
}

export function attachGateways(
  doc: ArchDocument,
  byId: Map<string, RNode>,
  edgeById: Map<string, REdge>,
  seed: number,
): void {
  for (const n of doc.nodes) {
    if (n.kind !== 'gateway') continue;
    const node = byId.get(n.id);
    if (node === undefined) continue;
    attachRouteWeights(node, n.props.routes, seed);
    const rl = n.props.rateLimit;
    if (rl !== undefined) {
      const policy = new GatewayPolicy(node, rl, rl.per);
      node.gw = { admit: (w, r) => policy.admit(w, r), rejected: () => policy.rejected };
    }
  }
  for (const e of doc.edges) {
    const edge = edgeById.get(e.id);
    if (edge === undefined || e.kind !== 'call') continue;
    const from = doc.nodes.find((n) => n.id === e.from);
    const gw = from?.kind === 'gateway' ? from.props : null;
    const cb = e.props.circuitBreaker ?? gw?.circuitBreaker;
    attachBalancer(edge, gw?.loadBalancing ?? null, e.props.outlierDetection ?? null, seed);
    if (gw?.retryBudgetPercent !== undefined && edge.retries > 0)
      edge.budget = new RetryBudget(gw.retryBudgetPercent);
    const fallback = gw !== null && gw.fallback !== 'none' ? gw.fallback : null;
    if (cb === undefined && fallback === null) continue;
    edge.guard = new EdgeGuard(edge, cb === undefined ? null : config(cb), fallback);
  }
}

function attachRouteWeights(
  node: RNode,
  routes: readonly { target: string; weight: number }[],
  seed: number,
): void {
  if (node.routes.length === 0 || routes.every((r) => r.weight === 1)) return;
  const weights = node.routes.map((e) => routes.find((r) => r.target === e.to.id)?.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return;
  const rng = Rng.stream(seed, `gw-routes:${node.id}`);
  const edges = node.routes;
  node.routePick = () => {
    let u = rng.next() * total;
    for (let i = 0; i < edges.length; i++) {
      u -= weights[i] as number;
      if (u < 0) return edges[i] as REdge;
    }
    return edges[edges.length - 1] as REdge;
  };
}

function attachBalancer(
  edge: REdge,
  policy: LoadBalancing | null,
  outlier: Partial<typeof OUTLIER_DEFAULTS> | null,
  seed: number,
): void {
  const to = edge.to;
  if (to.kind !== K_SERVICE && to.kind !== K_POD) return;
  const ownPickIsRr = to.proxy === null && to.lb === LB_ROUND_ROBIN;
  const needed =
    outlier !== null || (policy !== null && (policy !== 'round-robin' || !ownPickIsRr));
  if (!needed) return;
  edge.lb = new EdgeBalancer(
    edge,
    policy ?? 'round-robin',
    Rng.stream(seed, `gw-lb:${edge.id}`),
    outlier === null ? null : { ...OUTLIER_DEFAULTS, ...outlier },
  );
}

export function balancerOf(edge: REdge): BalancerView | null {
  return edge.lb instanceof EdgeBalancer ? edge.lb.view() : null;
}

export function retriesDeniedOf(edge: REdge): number {
  return edge.budget instanceof RetryBudget ? edge.budget.denied : 0;
}

export function breakerOf(edge: REdge): BreakerView | null {
  return edge.guard instanceof EdgeGuard ? edge.guard.view() : null;
}

const seen = new WeakMap<object, Map<string, string>>();

/** Breaker states that changed since this cursor last asked (null: none did). */
export function changedBreakers(
  edges: readonly REdge[],
  cursor: object,
): Record<string, string> | null {
  let last = seen.get(cursor);
  if (last === undefined) seen.set(cursor, (last = new Map()));
  let out: Record<string, string> | null = null;
  for (const e of edges) {
    const b = breakerOf(e);
    if (b === null || b.state === 'NONE' || last.get(e.id) === b.state) continue;
    last.set(e.id, b.state);
    (out ??= {})[e.id] = b.state;
  }
  return out;
}
