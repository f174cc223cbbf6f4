// Timeline actions (and live commands) checked against the graph: the engine applies these four
// now; rollouts, partitions and the rest come with the control plane.
import type { Problem } from '../protocol';
import { ACTION_TABLE, actionDef } from './actionTable';
import type { Action, REdge, RNode } from './graph';
import { K_CLIENT, K_POD, K_SERVICE } from './graph';

export const ACTIONS = ['kill-pod', 'scale', 'add-latency', 'fail-node'] as const;

export interface ActionInput {
  atS?: number;
  action: string;
  target?: string | undefined;
  params: Record<string, unknown>;
  forS?: number | undefined;
}

export interface Lookup {
  byId: Map<string, RNode>;
  edgeById: Map<string, REdge>;
}

const isInt = (v: unknown, min: number, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

/** Check one entry; on success returns the Action, else pushes problems under `path`. */
export function compileAction(
  entry: ActionInput,
  index: number,
  path: string,
  lookup: Lookup,
  problems: Problem[],
): Action | null {
  const before = problems.length;
  const action = entry.action as Action['action'];
  const builtin = (ACTIONS as readonly string[]).includes(entry.action);
  const def = builtin ? undefined : actionDef(entry.action);
  if (!builtin && def === undefined) {
    const names = [...new Set([...ACTIONS, ...ACTION_TABLE.map((d) => d.name)])];
    problems.push({
      path: `${path}.action`,
      message: `unknown action "${entry.action}" (this engine applies: ${names.join(', ')})`,
    });
    return null;
  }
  const target = entry.target;
  const node = target === undefined ? undefined : lookup.byId.get(target);
  const edge = target === undefined ? undefined : lookup.edgeById.get(target);
  let value = 0;
  let data: unknown;
  const bad = (message: string, where = 'target') =>
    problems.push({ path: `${path}.${where}`, message });
  if (def !== undefined) {
    const out = def.compile?.({ entry, node: node ?? null, edge: edge ?? null, lookup, bad });
    value = out?.value ?? 0;
    data = out?.data;
  } else if (target === undefined) bad(`${action} needs a target`);
  else if (action === 'add-latency' ? !node && !edge : !node)
    bad(`unknown ${action === 'add-latency' ? 'node or edge' : 'node'} "${target}"`);
  else if (action === 'kill-pod') {
    if (node && node.kind !== K_SERVICE && node.kind !== K_POD)
      bad(`"${target}" is not a service or pod`);
    const pod = entry.params['pod'];
    const name = entry.params['name'];
    if (name !== undefined) {
      // A pod by name: the one a user right-clicked on the canvas during a live run.
      value = -1;
      if (typeof name === 'string' && name.length > 0 && name.length <= 253) data = { name };
      else bad('name must be a pod name', 'params.name');
    } else if (pod === undefined) value = -1;
    else if (isInt(pod, 0, 100_000)) value = pod;
    else bad('pod must be a pod index (integer ≥ 0)', 'params.pod');
  } else if (action === 'scale') {
    if (node && node.kind !== K_SERVICE) bad(`"${target}" is not a service`);
    const replicas = entry.params['replicas'];
    if (isInt(replicas, 0, 10_000)) value = replicas;
    else bad('replicas must be an integer from 0 to 10000', 'params.replicas');
  } else if (action === 'add-latency') {
    const ms = entry.params['ms'];
    if (typeof ms === 'number' && ms > 0 && ms <= 3_600_000) value = ms;
    else bad('ms must be a number of milliseconds > 0', 'params.ms');
  } else if (action === 'fail-node') {
    if (node && node.kind === K_CLIENT) bad(`"${target}" is a client; fail the nodes it calls`);
  }
  if (problems.length > before) return null;
  return {
    index,
    atMs: (entry.atS ?? 0) * 1000,
    action,
    node: node ?? null,
    edge: node ? null : (edge ?? null),
    value,
    forMs: entry.forS === undefined ? Infinity : entry.forS * 1000,
    ...(data === undefined ? {} : { data }),
  };
}
