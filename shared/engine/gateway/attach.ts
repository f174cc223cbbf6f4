// Wiring gateway policies and edge breakers into a compiled graph from the document's props.
import type { ArchDocument } from '../../model';
import { CIRCUIT_BREAKER_DEFAULTS, type CircuitBreakerConfig } from '../control/circuitBreaker';
import type { REdge, RNode } from '../graph';
import { EdgeGuard, type BreakerView } from './guard';
import { GatewayPolicy } from './policy';

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
): void {
  for (const n of doc.nodes) {
    if (n.kind !== 'gateway') continue;
    const node = byId.get(n.id);
    if (node === undefined) continue;
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
    const fallback = gw !== null && gw.fallback !== 'none' ? gw.fallback : null;
    if (cb === undefined && fallback === null) continue;
    edge.guard = new EdgeGuard(edge, cb === undefined ? null : config(cb), fallback);
  }
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
