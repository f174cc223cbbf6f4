// Retry amplification in the JSON result, as the drill verdict reads it per hop:
//  per edge   attemptsPerCall = attempts / first attempts (1 + retries per call made);
//             attemptsPerUserRequest = attempts / requests sent by the clients whose requests can
//             reach the edge (downstream along call and publish edges).
//  overall    attemptsPerUserRequest = attempts on every call edge / requests the clients sent
//             (1 per hop crossed when nothing is retried); attemptsPerCall = attempts over first
//             attempts on every call edge.
// Counted over the whole run (warm-up included), as the edges count their attempts.
import { K_CLIENT, type Graph, type REdge, type RNode } from './graph';

export interface EdgeAmplification {
  attemptsPerCall: number;
  attemptsPerUserRequest: number;
}

export interface RetryAmplification {
  attemptsPerUserRequest: number;
  attemptsPerCall: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

function sent(client: RNode): number {
  let n = client.stats.secArrivals;
  for (const x of client.stats.series.rps) n += x;
  return n;
}

/** Requests sent by the clients that can reach each node. */
function userRequestsAt(g: Graph): Map<RNode, number> {
  const down = new Map<RNode, RNode[]>();
  for (const e of g.edges) down.set(e.from, [...(down.get(e.from) ?? []), e.to]);
  const out = new Map<RNode, number>();
  for (const client of g.nodes) {
    if (client.kind !== K_CLIENT) continue;
    const n = sent(client);
    const seen = new Set<RNode>();
    const stack = [client];
    while (stack.length > 0) {
      const node = stack.pop() as RNode;
      if (seen.has(node)) continue;
      seen.add(node);
      out.set(node, (out.get(node) ?? 0) + n);
      stack.push(...(down.get(node) ?? []));
    }
  }
  return out;
}

export function edgeAmplification(g: Graph): Map<REdge, EdgeAmplification> {
  const users = userRequestsAt(g);
  const out = new Map<REdge, EdgeAmplification>();
  for (const e of g.edges) {
    const { attempts, retries } = e.stats;
    const first = attempts - retries;
    const u = users.get(e.from) ?? 0;
    out.set(e, {
      attemptsPerCall: first > 0 ? r3(attempts / first) : 0,
      attemptsPerUserRequest: u > 0 ? r3(attempts / u) : 0,
    });
  }
  return out;
}

export function retryAmplification(g: Graph): RetryAmplification {
  let attempts = 0;
  let first = 0;
  for (const e of g.edges) {
    if (e.publish) continue;
    attempts += e.stats.attempts;
    first += e.stats.attempts - e.stats.retries;
  }
  let users = 0;
  for (const n of g.nodes) if (n.kind === K_CLIENT) users += sent(n);
  return {
    attemptsPerUserRequest: users > 0 ? r3(attempts / users) : 0,
    attemptsPerCall: first > 0 ? r3(attempts / first) : 0,
  };
}
