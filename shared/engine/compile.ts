// Document → runtime graph, once per run. Every problem names the JSON path of what is wrong
// (`edges[3].to`, `nodes[2].props.replicas`, `scenarios[0].timeline[2].action`) and the ids involved.
import type { ArchDocument, Node } from '../model';
import { Scenario } from '../model';
import type { Problem } from '../protocol';
import { CompileError } from './api';
import type { ActionRegistry } from './actionRegistry';
import { compileAction } from './actions';
import { ENGINE_ACTIONS } from './engineActions';
import { findCycles } from './cycles';
import { indexZones } from './faults/zones';
import { samplerOf } from './distribution';
import { DEFAULT_RECOVERY_ERROR_RATE, timelineFaults } from './slo';
import type { Action, Graph, SloSpec } from './graph';
import {
  K_CACHE,
  K_CLIENT,
  K_DATABASE,
  K_EXTERNAL,
  K_GATEWAY,
  K_POD,
  K_QUEUE,
  K_SERVICE,
  LB_LEAST,
  LB_RANDOM,
  LB_ROUND_ROBIN,
  Pool,
  REdge,
  RNode,
  Subscription,
} from './graph';
import { attachGateways } from './gateway/attach';
import { attachDeployment } from './k8s/attach';
import { attachCores, configureCpu } from './cpu/attach';
import { addPod } from './pods';
import { Rng } from './rng';
import { compileTraffic } from './traffic';
import { compileTx, isTxAction } from './txrun/plan';

export interface CompileOptions {
  scenario?: string | undefined;
  seed?: number | undefined;
  durationS?: number | undefined;
}

const KIND: Record<Node['kind'], number> = {
  client: K_CLIENT,
  gateway: K_GATEWAY,
  service: K_SERVICE,
  pod: K_POD,
  database: K_DATABASE,
  cache: K_CACHE,
  queue: K_QUEUE,
  external: K_EXTERNAL,
};

/** The run's graph; `registry` checks the scenario's timeline (default: the engine's actions). */
export function compile(
  doc: ArchDocument,
  options: CompileOptions = {},
  registry: ActionRegistry = ENGINE_ACTIONS,
): Graph {
  const problems: Problem[] = [];
  const scenarioIndex =
    options.scenario === undefined
      ? 0
      : doc.scenarios.findIndex((s) => s.name === options.scenario);
  if (scenarioIndex < 0) {
    const names = doc.scenarios.map((s) => `"${s.name}"`).join(', ') || 'none';
    throw new CompileError([
      { path: 'scenarios', message: `no scenario named "${options.scenario}" (have: ${names})` },
    ]);
  }
  const scenario = doc.scenarios[scenarioIndex] ?? Scenario.parse({ name: 'default' });
  const sPath = `scenarios[${scenarioIndex}]`;
  const seed = options.seed ?? scenario.seed;
  const durationMs = (options.durationS ?? scenario.durationS) * 1000;
  if (scenario.warmupS * 1000 >= durationMs) {
    problems.push({
      path: `${sPath}.warmupS`,
      message:
        `the warm-up (${scenario.warmupS} s) must be shorter than the run (${durationMs / 1000} s): ` +
        'nothing after it would be measured',
    });
  }

  const nodes: RNode[] = [];
  const byId = new Map<string, RNode>();
  const nodePath = new Map<RNode, string>();
  doc.nodes.forEach((n, i) => {
    if (byId.has(n.id)) {
      problems.push({ path: `nodes[${i}].id`, message: `duplicate node id "${n.id}"` });
      return;
    }
    const node = new RNode(nodes.length, n.id, KIND[n.kind], Rng.stream(seed, `node:${n.id}`));
    configure(node, n, `nodes[${i}]`, seed, problems);
    nodes.push(node);
    byId.set(n.id, node);
    nodePath.set(node, `nodes[${i}]`);
  });

  const edges: REdge[] = [];
  const edgeById = new Map<string, REdge>();
  const callersOf = new Map<RNode, number>();
  doc.edges.forEach((e, i) => {
    const at = `edges[${i}]`;
    if (edgeById.has(e.id)) {
      problems.push({ path: `${at}.id`, message: `duplicate edge id "${e.id}"` });
      return;
    }
    const from = byId.get(e.from);
    const to = byId.get(e.to);
    if (!from)
      problems.push({ path: `${at}.from`, message: `edge "${e.id}": unknown node "${e.from}"` });
    if (!to) problems.push({ path: `${at}.to`, message: `edge "${e.id}": unknown node "${e.to}"` });
    if (!from || !to) return;
    const bad = (where: string, message: string) =>
      problems.push({ path: `${at}.${where}`, message: `edge "${e.id}": ${message}` });
    if (to.kind === K_CLIENT)
      return bad('to', `"${to.id}" is a client; clients only send requests`);
    if (e.kind === 'publish') {
      if (to.kind !== K_QUEUE)
        return bad('to', `publish edges go to a queue; "${to.id}" is not one`);
      if (from.kind === K_QUEUE) return bad('from', 'a queue cannot publish to a queue');
    } else {
      if (to.kind === K_QUEUE)
        return bad('kind', `"${to.id}" is a queue: use a publish edge to send it messages`);
      if (from.kind === K_QUEUE && to.kind !== K_SERVICE && to.kind !== K_POD)
        return bad(
          'to',
          `a queue delivers to a service or pod that consumes it; "${to.id}" is not one`,
        );
    }
    const p = e.props;
    const call = e.kind === 'call' ? e.props : null;
    const edge = new REdge(
      edges.length,
      e.id,
      e.kind === 'publish',
      from,
      to,
      p.latencyMs,
      call?.timeoutMs ?? 0,
      call?.retries ?? 0,
      call?.backoffBaseMs ?? 0,
      call?.backoffMaxMs ?? 0,
      call?.jitter ?? false,
      call?.maxDepth ?? 0,
    );
    if (call?.onCacheMiss === true) edge.onCacheMiss = true;
    edges.push(edge);
    edgeById.set(e.id, edge);
    if (from.kind === K_QUEUE) {
      const sub = new Subscription(from, edge, to);
      from.subs.push(sub);
      to.subs.push(sub);
    } else {
      from.steps.push(edge);
      if (!edge.publish) callersOf.set(to, (callersOf.get(to) ?? 0) + 1);
    }
  });

  doc.nodes.forEach((n, i) => {
    const node = byId.get(n.id);
    if (!node || nodePath.get(node) !== `nodes[${i}]`) return;
    if (n.kind === 'service' && n.props.replicas === 0 && (callersOf.get(node) ?? 0) > 0) {
      problems.push({
        path: `nodes[${i}].props.replicas`,
        message: `service "${n.id}" has 0 replicas but is called by ${callersOf.get(node)} edge(s)`,
      });
    }
    if (n.kind === 'gateway') {
      n.props.routes.forEach((r, j) => {
        const edge = node.steps.find((e) => e.to.id === r.target && !e.publish);
        if (edge) node.routes.push(edge);
        else
          problems.push({
            path: `nodes[${i}].props.routes[${j}].target`,
            message: `gateway "${n.id}" has no call edge to route target "${r.target}"`,
          });
      });
    }
  });

  for (const cycle of findCycles(nodes, edges)) {
    const first = cycle[0] as REdge;
    const names = [...cycle.map((e) => e.from.id), first.from.id].join(' → ');
    problems.push({
      path: `edges[${doc.edges.findIndex((e) => e.id === first.id)}]`,
      message: `call cycle ${names} has no depth limit: set maxDepth on one of its edges`,
    });
  }

  const zones = indexZones(byId, doc);
  attachCores(nodes, doc.groups, zones);
  attachGateways(doc, byId, edgeById, seed);
  const lookup = { byId, edgeById, zones };
  const actions: Action[] = [];
  scenario.timeline.forEach((entry, i) => {
    if (isTxAction(entry.action)) return; // a transaction fault: compileTx below
    const a = compileAction(entry, i, `${sPath}.timeline[${i}]`, lookup, registry, problems);
    if (a) actions.push(a);
  });
  const slos: SloSpec[] = [];
  scenario.slos.forEach((s, i) => {
    const target = s.target === undefined ? null : (byId.get(s.target) ?? null);
    if (s.target !== undefined && !target)
      problems.push({ path: `${sPath}.slos[${i}].target`, message: `unknown node "${s.target}"` });
    else if (s.metric === 'recovery' && s.windowS !== undefined)
      problems.push({
        path: `${sPath}.slos[${i}].windowS`,
        message: 'a recovery SLO has no window: it is judged per fault, after the fault ends',
      });
    else
      slos.push({
        name: s.name,
        metric: s.metric,
        target,
        op: s.op,
        value: s.value,
        windowS: s.windowS === undefined ? null : Math.max(1, Math.ceil(s.windowS)),
        errorThreshold: s.threshold ?? DEFAULT_RECOVERY_ERROR_RATE,
        faults: s.metric === 'recovery' ? timelineFaults(scenario, durationMs / 1000) : [],
        firstFaultS: scenario.timeline.reduce<number | null>(
          (m, e) => (m === null || e.atS < m ? e.atS : m),
          null,
        ),
      });
  });

  const tx = compileTx(doc, scenario, sPath, nodes, byId, problems);
  if (problems.length > 0) throw new CompileError(problems);
  return {
    nodes,
    edges,
    byId,
    edgeById,
    zones,
    scenario: scenario.name,
    seed,
    durationMs,
    warmupMs: Math.min(scenario.warmupS * 1000, durationMs),
    actions,
    slos,
    tx,
  };
}

function configure(node: RNode, n: Node, path: string, seed: number, problems: Problem[]): void {
  switch (n.kind) {
    case 'client':
      node.traffic = compileTraffic(n.props.rps, n.props.shapes, `${path}.props`, problems);
      node.traffic.constant = n.props.arrival === 'constant';
      return;
    case 'gateway':
      node.concurrency = n.props.concurrency;
      node.overheadMs = n.props.overheadMs;
      node.authFailureRate = n.props.authFailureRate;
      node.stats.capacity = n.props.concurrency;
      return;
    case 'service':
    case 'pod': {
      const p = n.props;
      node.concurrency = p.concurrency;
      node.queueCapacity = p.queueCapacity;
      node.serviceTime = samplerOf(p.serviceTime);
      node.errorRate = p.errorRate;
      configureCpu(node, n);
      if (n.kind === 'service') {
        const s = n.props;
        node.replicas = s.replicas;
        node.lb =
          s.loadBalancing === 'random'
            ? LB_RANDOM
            : s.loadBalancing === 'least-connection'
              ? LB_LEAST
              : LB_ROUND_ROBIN;
        node.startupMs = s.startupSeconds * 1000;
        node.graceMs = s.terminationGracePeriodSeconds * 1000;
        attachDeployment(node, s);
      } else node.replicas = 1;
      const names = Rng.stream(seed, `pods:${n.id}`);
      for (let i = 0; i < node.replicas; i++) addPod(node, names, true);
      return;
    }
    case 'database': {
      const p = n.props;
      for (let i = 0; i <= p.replicas; i++)
        node.pools.push(new Pool(node, p.poolSize, p.poolTimeoutMs));
      node.writeRatio = p.writeRatio;
      node.readLatency = samplerOf(p.readLatency);
      node.writeLatency = samplerOf(p.writeLatency);
      node.stats.capacity = p.poolSize * (p.replicas + 1);
      return;
    }
    case 'cache':
      node.hitRatio = n.props.hitRatio;
      node.latency = samplerOf(n.props.hitLatency);
      return;
    case 'queue':
      node.capacity = n.props.capacity;
      node.latency = samplerOf(n.props.publishLatency);
      return;
    case 'external':
      node.latency = samplerOf(n.props.latency);
      node.errorRate = n.props.errorRate;
      return;
  }
}
