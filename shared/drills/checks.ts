// Architecture checks before a run: the weak spots a reviewer would point at on the diagram
// (single points of failure, missing timeouts and probes, retry amplification, shared databases,
// Conway's-law chains, dead ends). Each warning names its nodes and edges so the canvas can mark
// them, and says why in one sentence. Codes and reasons are in checksCatalogue.ts.
import type { ArchDocument, Node } from '../model';
import { warning, type Warning } from './checksCatalogue';
import { nameOf, pathChecks, syncCalls, teamName, teamOf } from './checksPaths';

export {
  CHECKS,
  type CheckCode,
  type CheckInfo,
  type Severity,
  type Warning,
} from './checksCatalogue';

export interface CheckOptions {
  /** ARCH008 flags a request path that crosses team boundaries more often than this; default 2. */
  maxTeamCrossings?: number | undefined;
}

/** Every warning about a document, by code, then in document order. Pure; never throws. */
export function architectureChecks(doc: ArchDocument, options: CheckOptions = {}): Warning[] {
  const found = [
    ...nodeChecks(doc),
    ...timeoutChecks(doc),
    ...sharedDatabaseChecks(doc),
    ...cacheAsideChecks(doc),
    ...pathChecks(doc, options.maxTeamCrossings ?? 2),
  ];
  return found
    .map((w, i) => ({ w, i }))
    .sort((a, b) => a.w.code.localeCompare(b.w.code) || a.i - b.i)
    .map((x) => x.w);
}

function nodeChecks(doc: ArchDocument): Warning[] {
  const out: Warning[] = [];
  const edgesFrom = (n: Node) => doc.edges.filter((e) => e.from === n.id);
  for (const n of doc.nodes) {
    const name = nameOf(n);
    switch (n.kind) {
      case 'service': {
        const { replicas, strategy, readinessProbe } = n.props;
        if (replicas === 0) {
          out.push(warning('ARCH011', `${name} has 0 replicas: every call to it fails`, [n.id]));
        } else if (replicas === 1) {
          const rollout =
            strategy.type === 'Recreate' ? ', and so does every Recreate rollout' : '';
          const message = `${name} has 1 replica: a pod-kill or node failure takes it fully down${rollout}`;
          out.push(warning('ARCH001', message, [n.id]));
        }
        if (readinessProbe === undefined) {
          const message =
            `${name} has no readinessProbe: its pods get traffic as soon as their container ` +
            'starts, and keep getting it when they stop answering';
          out.push(warning('ARCH006', message, [n.id]));
        }
        break;
      }
      case 'pod':
        out.push(
          warning(
            'ARCH002',
            `${name} is a bare pod: if it is killed, nothing restarts or replaces it`,
            [n.id],
          ),
        );
        break;
      case 'database':
        if (n.props.replicas === 0) {
          const message = `${name} has no replica: if it fails there is nothing to fail over to`;
          out.push(warning('ARCH003', message, [n.id]));
        }
        break;
      case 'queue':
        if (!edgesFrom(n).some((e) => e.kind === 'call')) {
          const message = `${name} has no consumer: messages published to it pile up until it is full`;
          out.push(warning('ARCH009', message, [n.id]));
        }
        break;
      case 'client':
        if (edgesFrom(n).length === 0) {
          out.push(warning('ARCH010', `${name} calls nothing: its traffic goes nowhere`, [n.id]));
        }
        break;
      default:
        break;
    }
  }
  return out;
}

function timeoutChecks(doc: ArchDocument): Warning[] {
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  const out: Warning[] = [];
  for (const edges of syncCalls(doc).values()) {
    for (const e of edges) {
      if (e.props.timeoutMs !== 0) continue;
      const from = byId.get(e.from);
      const to = byId.get(e.to);
      if (!from || !to) continue;
      const message =
        `the call ${nameOf(from)} → ${nameOf(to)} has no timeout: if ${nameOf(to)} hangs, ` +
        `${nameOf(from)} waits with it and stops answering too`;
      out.push(warning('ARCH004', message, [from.id, to.id], [e.id]));
    }
  }
  return out.sort((a, b) => edgeOrder(doc, a) - edgeOrder(doc, b));
}

function edgeOrder(doc: ArchDocument, w: Warning): number {
  return doc.edges.findIndex((e) => e.id === w.edgeIds[0]);
}

function sharedDatabaseChecks(doc: ArchDocument): Warning[] {
  const out: Warning[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  for (const db of doc.nodes.filter((n) => n.kind === 'database')) {
    const callers = doc.edges.filter((e) => e.kind === 'call' && e.to === db.id);
    const teams = new Map<string, string[]>();
    for (const e of callers) {
      const caller = byId.get(e.from);
      const team = caller ? teamOf(doc, caller) : undefined;
      if (!caller || team === undefined) continue;
      teams.set(team, [...(teams.get(team) ?? []), caller.id]);
    }
    if (teams.size < 2) continue;
    const names = [...teams.keys()].map((t) => teamName(doc, t));
    const message =
      `${nameOf(db)} is used by services of ${teams.size} teams (${names.join(', ')}): ` +
      'a schema change or load from one team can break the others';
    const nodeIds = [db.id, ...[...teams.values()].flat()];
    const edgeIds = callers.filter((e) => nodeIds.includes(e.from)).map((e) => e.id);
    out.push(warning('ARCH007', message, nodeIds, edgeIds));
  }
  return out;
}

/**
 * Cache-aside drawn as a caller's two calls (→ cache, → database) without the database call
 * marked as the miss path; and a miss path with no cache call before it.
 */
function cacheAsideChecks(doc: ArchDocument): Warning[] {
  const out: Warning[] = [];
  const byId = new Map(doc.nodes.map((n) => [n.id, n] as const));
  for (const caller of doc.nodes) {
    const calls = doc.edges.filter((e) => e.kind === 'call' && e.from === caller.id);
    const caches = calls.filter((e) => byId.get(e.to)?.kind === 'cache');
    for (const [i, e] of calls.entries()) {
      if (e.kind !== 'call') continue;
      const to = byId.get(e.to);
      if (to === undefined) continue;
      const cacheBefore = calls.slice(0, i).find((c) => byId.get(c.to)?.kind === 'cache');
      if (e.props.onCacheMiss === true) {
        if (cacheBefore === undefined) {
          const message =
            `${nameOf(caller)} → ${nameOf(to)} is marked onCacheMiss but ${nameOf(caller)} ` +
            'calls no cache before it: it is made on every request';
          out.push(warning('ARCH013', message, [caller.id, to.id], [e.id]));
        }
        continue;
      }
      const cache = caches[0] === undefined ? undefined : byId.get(caches[0].to);
      if (to.kind !== 'database' || cache === undefined) continue;
      const message =
        `${nameOf(caller)} calls ${nameOf(cache)} and ${nameOf(to)} on every request: the ` +
        `cache takes no load off ${nameOf(to)}. For cache-aside mark ${nameOf(caller)} → ` +
        `${nameOf(to)} onCacheMiss (only on a cache miss)`;
      out.push(warning('ARCH012', message, [caller.id, cache.id, to.id], [e.id]));
    }
  }
  return out;
}
