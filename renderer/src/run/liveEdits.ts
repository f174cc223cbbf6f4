// Edits made while a run goes. Fields a running system can change — a service's replicas and
// version (a rollout), the error rate of a service, pod or external API, a client's rate, the
// service time of a service or pod, an external API's latency and a link's latency — go to the run
// as live commands, which the engine records so the drill replays from the timeline. Any other
// change to a component or link is kept in the document and applies to the next run; the app
// says which.
import type { ArchDocument, Edge, Node } from '../../../shared/model';
import { displayName, nodeName } from '../../../shared/model';
import type { LiveCommand } from '../../../shared/protocol';
import { useStore } from '../store';
import { isActive } from '../store/runSelectors';

type Props = Record<string, unknown>;

/** The live command that makes `key = value` true of node `n` in a running system, if any. */
export function liveCommandFor(n: Node, key: string, value: unknown): LiveCommand | null {
  if (n.kind === 'service' && key === 'replicas' && typeof value === 'number')
    return { action: 'scale', target: n.id, params: { replicas: value } };
  if (n.kind === 'service' && key === 'version' && typeof value === 'string')
    return { action: 'rollout', target: n.id, params: { version: value } };
  if (
    (n.kind === 'service' || n.kind === 'pod' || n.kind === 'external') &&
    key === 'errorRate' &&
    typeof value === 'number'
  )
    return { action: 'set-error-rate', target: n.id, params: { errorRate: value } };
  if (n.kind === 'client' && key === 'rps' && typeof value === 'number')
    return { action: 'set-rps', target: n.id, params: { rps: value } };
  if (
    ((n.kind === 'service' || n.kind === 'pod') && key === 'serviceTime') ||
    (n.kind === 'external' && key === 'latency')
  )
    return isObject(value)
      ? { action: 'set-latency', target: n.id, params: { latency: value } }
      : null;
  return null;
}

/** The live command that makes `key = value` true of link `e` in a running system, if any. */
export function liveEdgeCommandFor(e: Edge, key: string, value: unknown): LiveCommand | null {
  if (key === 'latencyMs' && typeof value === 'number')
    return { action: 'set-latency', target: e.id, params: { latencyMs: value } };
  return null;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export interface LiveEditPlan {
  commands: LiveCommand[];
  /** What changed that the run cannot take: "orders concurrency", "a link added". */
  nextRun: string[];
}

/** What an edit from `before` to `after` means for the run in progress. */
export function planLiveEdit(before: ArchDocument, after: ArchDocument): LiveEditPlan {
  const commands: LiveCommand[] = [];
  const nextRun: string[] = [];
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  for (const n of after.nodes) {
    const was = old.get(n.id);
    if (!was) {
      nextRun.push(`${displayName(n)} added`);
      continue;
    }
    old.delete(n.id);
    if (was.props === n.props) continue;
    const a = was.props as Props;
    const b = n.props as Props;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (same(a[key], b[key])) continue;
      const command = liveCommandFor(n, key, b[key]);
      if (command) commands.push(command);
      else nextRun.push(`${displayName(n)} ${key}`);
    }
  }
  for (const n of old.values()) nextRun.push(`${displayName(n)} removed`);
  const link = (e: Edge, doc: ArchDocument = after) =>
    `link ${nodeName(doc, e.from)} → ${nodeName(doc, e.to)}`;
  const edges = new Map(before.edges.map((e) => [e.id, e]));
  for (const e of after.edges) {
    const was = edges.get(e.id);
    edges.delete(e.id);
    if (!was) {
      nextRun.push(`${link(e)} added`);
      continue;
    }
    if (same(was.props, e.props)) continue;
    const a = was.props as Props;
    const b = e.props as Props;
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (same(a[key], b[key])) continue;
      const command = liveEdgeCommandFor(e, key, b[key]);
      if (command) commands.push(command);
      else nextRun.push(`${link(e)} ${key}`);
    }
  }
  for (const e of edges.values()) nextRun.push(`${link(e, before)} removed`);
  return { commands, nextRun };
}

const describeParam = ([k, v]: [string, unknown]): string => {
  if (k === 'errorRate') return `error rate ${Number(v) * 100} %`;
  if (k === 'rps') return `rate ${String(v)} requests/s`;
  if (k === 'latencyMs') return `latency ${String(v)} ms`;
  if (k === 'latency' && isObject(v))
    return v['dist'] === 'lognormal'
      ? `latency lognormal p50 ${String(v['p50Ms'])} ms, p99 ${String(v['p99Ms'])} ms`
      : v['dist'] === 'empirical'
        ? 'latency empirical (quantile table)'
        : `latency ${String(v['dist'])} ${String(v['meanMs'])} ms`;
  return `${k} ${String(v)}`;
};

const describe = (c: LiveCommand) =>
  `${c.target ?? ''} ${Object.entries(c.params).map(describeParam).join(', ')}`;

/** Watch edits while a run goes; `send` gives a command to the run in progress. */
export function installLiveEdits(send: (c: LiveCommand) => void): () => void {
  return useStore.subscribe((s, prev) => {
    if (s.doc === prev.doc || s.epoch !== prev.epoch || !isActive(s.run.status)) return;
    const plan = planLiveEdit(prev.doc, s.doc);
    for (const c of plan.commands) send(c);
    const parts: string[] = [];
    if (plan.commands.length > 0)
      parts.push(`Applied to the live run: ${plan.commands.map(describe).join('; ')} (recorded)`);
    if (plan.nextRun.length > 0) parts.push(`${plan.nextRun.join(', ')}: applies to the next run`);
    if (parts.length > 0) s.showToast(parts.join('. '));
  });
}
