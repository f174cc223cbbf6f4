// Timeline actions (and live commands) beyond the four built into actions.ts/timeline.ts: each
// module contributes a list of definitions and appends it to ACTION_TABLE below, so a new action
// needs no new branch in the shared files. A definition may also take over a built-in action for
// the targets it owns (the Deployment runtime applies `scale` and `kill-pod` to services).
import type { ActionInput, Lookup } from './actions';
import { FAULT_ACTIONS } from './faults';
import type { Action, REdge, RNode } from './graph';
import { K8S_ACTIONS } from './k8s/actions';
import { LIVE_PROP_ACTIONS } from './liveProps';
import type { World } from './world';

export interface ActionCheck {
  entry: ActionInput;
  /** The target as a node or an edge (null when it is neither, or absent). */
  node: RNode | null;
  edge: REdge | null;
  /** The graph's nodes and edges (zones: faults/zones.ts). */
  lookup: Lookup;
  /** Report a problem at `<path>.<where>` (default `target`). */
  bad(message: string, where?: string): void;
}

export interface ActionDef {
  name: string;
  /**
   * Check the entry (target and params) of an action the built-ins do not know; what it returns
   * becomes the Action's value and data. Not called for built-in names.
   */
  compile?(c: ActionCheck): { value?: number; data?: unknown } | undefined;
  /** Apply it; false leaves it to the built-in code (kill-pod of a bare pod). */
  apply(w: World, a: Action, source: Record<string, unknown>): boolean;
  /** The action's forS is over. */
  end?(w: World, a: Action): void;
}

/** Every module's definitions: append yours. */
export const ACTION_TABLE: readonly ActionDef[] = [
  ...K8S_ACTIONS,
  ...FAULT_ACTIONS,
  ...LIVE_PROP_ACTIONS,
];

const BY_NAME = new Map<string, ActionDef>();
for (const def of ACTION_TABLE) if (!BY_NAME.has(def.name)) BY_NAME.set(def.name, def);

export function actionDef(name: string): ActionDef | undefined {
  return BY_NAME.get(name);
}
