// The transaction part of compile: the document's transaction flows and the scenario's
// transaction faults, checked against the graph. Every problem names its JSON path.
//
// Where a flow runs:
//  - its coordinator runs in the pods of a node (options.coordinator, or else the nearest node with
//    call edges leading to every participant: fewest hops in all, then document order); each pod
//    of that service hosts one coordinator process, `checkout/tm-0`, `checkout/tm-1`, …, and new
//    instances go round-robin to the ones that are up;
//  - choreographed sagas and the outbox talk through a broker: a queue node (options.coordinator,
//    or the nearest queue connected to every participant);
//  - participants are processes named by their node id; each one's rows live in its own database.
// A message between two processes follows the call-edge path between their nodes (either way
// round; broker flows may use any edge). A participant the coordinator cannot reach is a problem.
import type { ArchDocument, Scenario, TimelineEntry } from '../../model';
import type { Problem } from '../../protocol';
import type { REdge, RNode } from '../graph';
import { K_CLIENT, K_QUEUE } from '../graph';
import { txOptions, type Protocol, type TxOptions } from '../tx/common';
import { parseAction } from '../tx/flow';
import type { RouteOf } from './kernelNet';
import { compileTxAction, type TxActionPlan } from './planActions';

export { isTxAction, TX_ACTIONS } from './planActions';
export type { TxActionPlan } from './planActions';

export interface FlowStepPlan {
  participant: string;
  node: RNode;
  row: string;
  delta: number;
  /** A debit or a credit: its row counts in the flow's balance. */
  money: boolean;
}

export interface FlowPlan {
  id: string;
  name: string;
  protocol: Protocol;
  options: TxOptions;
  /** Node of the coordinator's pods, or the broker queue. */
  coordinator: RNode;
  /** Coordinator processes (one per pod), or the broker's one. */
  processes: string[];
  steps: FlowStepPlan[];
}

export interface TxPlan {
  flows: FlowPlan[];
  actions: TxActionPlan[];
  routeOf: RouteOf;
}

const BROKERED = (p: Protocol, o: TxOptions) =>
  p === 'outbox' || (p === 'saga' && o.sagaMode === 'choreographed');

/** Plan the flows and the transaction faults; null when the document has no flow. */
export function compileTx(
  doc: ArchDocument,
  scenario: Scenario,
  sPath: string,
  nodes: readonly RNode[],
  byId: ReadonlyMap<string, RNode>,
  problems: Problem[],
): TxPlan | null {
  const routes = new Routes(nodes);
  const routeOf: RouteOf = (a, b) => routes.any(a, b);
  const flows: FlowPlan[] = [];
  doc.transactions.forEach((t, i) => {
    const path = `transactions[${i}]`;
    const options = txOptions(t.options ?? {});
    if (t.steps.length === 0) return;
    const steps: FlowStepPlan[] = [];
    t.steps.forEach((s, j) => {
      const node = byId.get(s.participant);
      const at = `${path}.steps[${j}].participant`;
      if (!node) return problems.push({ path: at, message: `unknown node "${s.participant}"` });
      if (node.kind === K_CLIENT || node.kind === K_QUEUE)
        return problems.push({
          path: at,
          message: `flow "${t.id}" step ${j + 1}: "${node.id}" is a ${node.kind === K_CLIENT ? 'client' : 'queue'}; participants are services or databases`,
        });
      const verb = s.action.trim().split(/\s+/)[0];
      steps.push({
        participant: node.id,
        node,
        ...parseAction(s.action, options.amount),
        money: verb === 'debit' || verb === 'credit',
      });
    });
    if (steps.length !== t.steps.length) return;
    if (t.protocol === 'local' && new Set(steps.map((s) => s.participant)).size > 1) {
      problems.push({
        path: `${path}.protocol`,
        message: `flow "${t.id}": a local transaction uses one database; its steps name ${new Set(steps.map((s) => s.participant)).size}`,
      });
      return;
    }
    const brokered = BROKERED(t.protocol, options);
    const coordinator = chooseCoordinator(
      t.id,
      path,
      options,
      steps,
      brokered,
      byId,
      routes,
      problems,
    );
    if (!coordinator) return;
    const replicas = brokered ? 1 : Math.max(1, coordinator.pods.length);
    const processes = brokered
      ? [coordinator.id]
      : Array.from({ length: replicas }, (_, r) => `${coordinator.id}/tm-${r}`);
    flows.push({
      id: t.id,
      name: t.name,
      protocol: t.protocol,
      options,
      coordinator,
      processes,
      steps,
    });
  });
  const actions: TxActionPlan[] = [];
  scenario.timeline.forEach((entry: TimelineEntry, i) => {
    const a = compileTxAction(entry, i, `${sPath}.timeline[${i}]`, flows, byId, problems);
    if (a) actions.push(a);
  });
  if (flows.length === 0 && actions.length === 0) return null;
  return { flows, actions, routeOf };
}

function chooseCoordinator(
  id: string,
  path: string,
  options: TxOptions,
  steps: readonly FlowStepPlan[],
  brokered: boolean,
  byId: ReadonlyMap<string, RNode>,
  routes: Routes,
  problems: Problem[],
): RNode | null {
  const reach = (c: RNode, p: RNode) => (brokered ? routes.any(c, p) : routes.calls(c, p));
  const what = brokered ? 'edges' : 'call edges';
  if (options.coordinator !== undefined) {
    const c = byId.get(options.coordinator);
    const at = `${path}.options.coordinator`;
    if (!c) {
      problems.push({ path: at, message: `unknown node "${options.coordinator}"` });
      return null;
    }
    if (brokered && c.kind !== K_QUEUE) {
      problems.push({
        path: at,
        message: `flow "${id}" talks through a broker: "${c.id}" is not a queue`,
      });
      return null;
    }
    let ok = true;
    steps.forEach((s, j) => {
      if (reach(c, s.node) !== null) return;
      ok = false;
      problems.push({
        path: `${path}.steps[${j}].participant`,
        message: `flow "${id}" step ${j + 1}: no path of ${what} from coordinator "${c.id}" to "${s.participant}"`,
      });
    });
    return ok ? c : null;
  }
  const participants = new Set(steps.map((s) => s.node));
  let best: RNode | null = null;
  let bestHops = Infinity;
  for (const pass of [false, true]) {
    for (const c of routes.nodes) {
      if (c.kind === K_CLIENT || (brokered ? c.kind !== K_QUEUE : c.kind === K_QUEUE)) continue;
      if (!pass && participants.has(c)) continue;
      let hops = 0;
      for (const s of steps) {
        const r = reach(c, s.node);
        if (r === null) {
          hops = Infinity;
          break;
        }
        hops += r.length;
      }
      if (hops < bestHops) {
        best = c;
        bestHops = hops;
      }
    }
    if (best) return best;
  }
  problems.push({
    path: `${path}.steps`,
    message: brokered
      ? `flow "${id}": no queue is connected to every participant (${[...participants].map((n) => n.id).join(', ')}); draw one or set options.coordinator`
      : `flow "${id}": no node has call edges leading to every participant (${[...participants].map((n) => n.id).join(', ')}); draw them or set options.coordinator`,
  });
  return null;
}

/** Shortest paths between nodes (fewest edges, document order on ties), cached. */
class Routes {
  private readonly cache = new Map<string, readonly REdge[] | null>();
  private readonly out: REdge[][];
  private readonly both: REdge[][];

  constructor(readonly nodes: readonly RNode[]) {
    this.out = nodes.map(() => []);
    this.both = nodes.map(() => []);
    const seen = new Set<REdge>();
    for (const n of nodes) {
      for (const e of [...n.steps, ...n.subs.map((s) => s.edge)]) {
        if (seen.has(e)) continue;
        seen.add(e);
        if (!e.publish && e.from.kind !== K_QUEUE) this.out[e.from.index]?.push(e);
        this.both[e.from.index]?.push(e);
        this.both[e.to.index]?.push(e);
      }
    }
  }

  /** Call edges from a to b. */
  calls(a: RNode, b: RNode): readonly REdge[] | null {
    return this.memo(`c${a.index}>${b.index}`, () => this.bfs(a, b, this.out));
  }

  /** Call edges either way round, or else any edges in any direction. */
  any(a: RNode, b: RNode): readonly REdge[] | null {
    if (a === b) return [];
    return this.memo(
      `a${a.index}>${b.index}`,
      () => this.calls(a, b) ?? this.calls(b, a) ?? this.bfs(a, b, this.both),
    );
  }

  private memo(key: string, f: () => readonly REdge[] | null): readonly REdge[] | null {
    if (this.cache.has(key)) return this.cache.get(key) ?? null;
    const r = f();
    this.cache.set(key, r);
    return r;
  }

  private bfs(a: RNode, b: RNode, adj: REdge[][]): REdge[] | null {
    if (a === b) return [];
    const via = new Map<RNode, REdge>();
    const queue = [a];
    for (let q = 0; q < queue.length; q++) {
      const n = queue[q] as RNode;
      for (const e of adj[n.index] ?? []) {
        const next = e.from === n ? e.to : e.from;
        if (next === a || via.has(next)) continue;
        via.set(next, e);
        if (next === b) {
          const path: REdge[] = [];
          for (let at: RNode = b; at !== a;) {
            const edge = via.get(at) as REdge;
            path.unshift(edge);
            at = edge.from === at ? edge.to : edge.from;
          }
          return path;
        }
        queue.push(next);
      }
    }
    return null;
  }
}
