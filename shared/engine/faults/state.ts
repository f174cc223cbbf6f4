// The faults active in one run (World.faults): network faults, clock offsets, slowdown factors and
// the pod faults' random streams. Network faults (partition, packet loss, latency, abort) fold
// into one EdgeFault per affected edge (edge.ts), rebuilt whenever a fault starts or ends; an edge
// no fault touches keeps `fault === null`, so the data plane pays one null check per attempt.
// Each edge's draws come from its own stream (`fault:<edge id>`), each node's pod picks from
// `fault-pods:<node id>`: a fault never reshuffles any node's random numbers.
import type { Sampler } from '../distribution';
import type { REdge, RNode } from '../graph';
import { Req } from '../request';
import { Rng } from '../rng';
import type { World } from '../world';
import { EdgeFault } from './edge';

/** A network fault as it applies: which edges, and what it does on them. */
export interface NetFault {
  kind: 'partition' | 'loss' | 'latency' | 'abort';
  /** Partition sides (node ids): an edge from one side to the other is cut. */
  sides: [ReadonlySet<string>, ReadonlySet<string>] | null;
  /** Edges it applies to besides the sides' crossing ones (an edge target, a node's inbound). */
  edges: ReadonlySet<REdge>;
  /** partition: drop (time out) or reject (fail at once). */
  reject: boolean;
  /** loss: share of transmissions lost (0–1). */
  loss: number;
  /** loss: TCP's first retransmission timeout (ms). */
  rtoMs: number;
  /** latency: fixed ms and/or a distribution. */
  fixedMs: number;
  sampler: Sampler | null;
  /** abort: share answered with the injected error (0–1), and the HTTP status. */
  abort: number;
  status: number;
}

export class FaultState {
  readonly net: NetFault[] = [];
  /** Stands in for an attempt lost on the wire: the caller waits on it until its timeout. */
  readonly lost = new Req();
  private readonly rngs = new Map<REdge, Rng>();
  /** Clock offsets by node id (clock-skew). */
  readonly clock = new Map<string, number>();
  /** The slowdown factors active on each node (cpu-stress, dependency-slowdown). */
  readonly factors = new Map<RNode, number[]>();
  private readonly podRngs = new Map<RNode, Rng>();
  constructor(readonly w: World) {}

  addNet(f: NetFault): void {
    this.net.push(f);
    this.rebuild();
  }

  removeNet(f: NetFault): void {
    const i = this.net.indexOf(f);
    if (i >= 0) this.net.splice(i, 1);
    this.rebuild();
  }

  /** Recompute every edge's fault from the active network faults. */
  rebuild(): void {
    for (const e of this.w.g.edges) {
      let ef: EdgeFault | null = null;
      for (const f of this.net) {
        if (!applies(f, e)) continue;
        ef ??= new EdgeFault(e, this.rngOf(e), this.lost);
        if (f.kind === 'partition') {
          if (f.reject) ef.cutReject = true;
          else ef.cutDrop = true;
        } else if (f.kind === 'loss') {
          ef.loss = 1 - (1 - ef.loss) * (1 - f.loss);
          ef.rtoMs = f.rtoMs;
        } else if (f.kind === 'latency') {
          ef.fixedMs += f.fixedMs;
          if (f.sampler !== null) ef.samplers.push(f.sampler);
        } else {
          ef.abort = 1 - (1 - ef.abort) * (1 - f.abort);
          ef.status = f.status;
        }
      }
      e.fault = ef;
    }
  }

  /** The stream pod faults pick a node's pods from. */
  podRng(node: RNode): Rng {
    let rng = this.podRngs.get(node);
    if (!rng) this.podRngs.set(node, (rng = Rng.stream(this.w.g.seed, `fault-pods:${node.id}`)));
    return rng;
  }

  private rngOf(e: REdge): Rng {
    let rng = this.rngs.get(e);
    if (!rng) this.rngs.set(e, (rng = Rng.stream(this.w.g.seed, `fault:${e.id}`)));
    return rng;
  }
}

export function crosses(
  sides: readonly [ReadonlySet<string>, ReadonlySet<string>],
  from: string,
  to: string,
): boolean {
  const [a, b] = sides;
  return (a.has(from) && b.has(to)) || (b.has(from) && a.has(to));
}

function applies(f: NetFault, e: REdge): boolean {
  if (f.edges.has(e)) return true;
  return f.sides !== null && crosses(f.sides, e.from.id, e.to.id);
}

/** The run's fault state, made when the first fault starts. */
export function faultState(w: World): FaultState {
  return (w.faults ??= new FaultState(w));
}

/** Every edge into `node` (a node-level network fault applies to its inbound traffic). */
export function inboundEdges(w: World, node: RNode): Set<REdge> {
  return new Set(w.g.edges.filter((e) => e.to === node));
}
