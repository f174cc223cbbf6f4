// Checking a timeline entry or live command: its params against the action's schema
// (model/actions.ts), then the registry entry's own check against the graph.
import { ACTION_NAMES, ACTION_PARAMS, isActionName, schemaProblems } from '../model';
import type { Problem } from '../protocol';
import type { ActionInput, ActionRegistry, Lookup } from './actionRegistry';
import type { Action } from './graph';

/** Check one entry; on success returns the Action, else pushes problems under `path`. */
export function compileAction(
  entry: ActionInput,
  index: number,
  path: string,
  lookup: Lookup,
  registry: ActionRegistry,
  problems: Problem[],
): Action | null {
  const name = entry.action;
  if (!isActionName(name)) {
    problems.push({
      path: `${path}.action`,
      message: `unknown action "${name}" (actions: ${ACTION_NAMES.join(', ')})`,
    });
    return null;
  }
  const parsed = ACTION_PARAMS[name].safeParse(entry.params);
  if (!parsed.success) {
    problems.push(...schemaProblems(parsed.error, entry.params, [...pathOf(path), 'params']));
    return null;
  }
  const def = registry.get(name);
  if (def === undefined) {
    problems.push({
      path: `${path}.action`,
      message: `${name} is a transaction fault: put it on a scenario's timeline`,
    });
    return null;
  }
  const before = problems.length;
  const target = entry.target;
  const node = target === undefined ? null : (lookup.byId.get(target) ?? null);
  const edge = target === undefined ? null : (lookup.edgeById.get(target) ?? null);
  const bad = (message: string, where = 'target') =>
    problems.push({ path: `${path}.${where}`, message });
  const out = def.compile({ entry, node, edge, lookup, bad });
  if (out === undefined || problems.length > before) return null;
  return {
    index,
    atMs: (entry.atS ?? 0) * 1000,
    action: name,
    node,
    edge: node ? null : edge,
    value: out.value ?? 0,
    forMs: entry.forS === undefined ? Infinity : entry.forS * 1000,
    data: out.data,
  };
}

/** `scenarios[0].timeline[2]` → ['scenarios', 0, 'timeline', 2]. */
function pathOf(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g))
    out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}
