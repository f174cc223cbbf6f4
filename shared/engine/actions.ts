// Checking a timeline entry or live command: its params against the action's schema
// (model/actions.ts), then the registry entry's own check against the graph.
import { ACTION_NAMES, actionParamProblems, isActionName } from '../model';
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
  const paramProblems = actionParamProblems(name, entry.params, path);
  if (paramProblems.length > 0) {
    problems.push(...paramProblems);
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
