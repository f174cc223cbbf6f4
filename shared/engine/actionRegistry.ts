// The action registry: what each timeline action and live command does, by name. It is passive —
// it imports none of its entries; they are handed to it in one composition root
// (engineActions.ts), and the registry travels on the World that applies them (World.actions).
// An entry's params were already checked against its schema (model/actions.ts) when compile
// runs; compile checks what needs the graph (the target, cross-field rules) and returns what apply
// needs as the Action's value and data. An entry keeps whatever it holds while it runs in its
// Action's data, so a run's state is on the run's own objects.
import type { Action, REdge, RNode } from './graph';
import type { ZoneIndex } from './faults/zones';
import type { World } from './world';

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
  zones: ZoneIndex;
}

export interface ActionCheck {
  entry: ActionInput;
  /** The target as a node or an edge (null when it is neither, or absent). */
  node: RNode | null;
  edge: REdge | null;
  /** The graph's nodes, edges and zones. */
  lookup: Lookup;
  /** Report a problem at `<path>.<where>` (default `target`). */
  bad(message: string, where?: string): void;
}

/** Where an applied action came from, for the events it logs: `{ timeline: i }` or `{ live: true }`. */
export type ActionSource = Record<string, unknown>;

export interface ActionDef<D = unknown> {
  readonly name: string;
  /** Check the entry against the graph; returns the Action's value and data. */
  compile(c: ActionCheck): { value?: number; data: D } | undefined;
  apply(w: World, a: Action<D>, source: ActionSource): void;
  /** The action's forS is over. */
  end?(w: World, a: Action<D>): void;
}

/** An entry typed by its data, as the registry holds it. */
export const defineAction = <D>(def: ActionDef<D>): ActionDef => def;

export class ActionRegistry {
  private readonly byName = new Map<string, ActionDef>();

  constructor(defs: readonly ActionDef[]) {
    for (const def of defs) {
      if (this.byName.has(def.name)) throw new Error(`action "${def.name}" is registered twice`);
      this.byName.set(def.name, def);
    }
  }

  get(name: string): ActionDef | undefined {
    return this.byName.get(name);
  }

  get names(): string[] {
    return [...this.byName.keys()];
  }
}

/** Apply an action now: from the timeline (EV_ACTION) or as a live command. */
export function applyAction(w: World, a: Action, live: boolean): void {
  w.actions.get(a.action)?.apply(w, a, live ? { live: true } : { timeline: a.index });
}

/** EV_ACTION_END: the action's forS is over. */
export function endAction(w: World, a: Action): void {
  w.actions.get(a.action)?.end?.(w, a);
}
