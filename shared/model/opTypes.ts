// Every edit to a document is one of these operations (STYLE.md habit 5). `applyOps` in ops.ts
// applies them purely and returns, with the new document, the operations that undo them.
import type { Problem } from '../protocol';
import type {
  ArchDocument,
  Calibration,
  Edge,
  Group,
  Node,
  Note,
  Scenario,
  TransactionFlow,
} from './document';

export interface Position {
  x: number;
  y: number;
}

/** A shallow patch of `props`: each key replaces that prop whole; `undefined` removes an optional
 * prop (or resets a defaulted one to its default). Nested objects are replaced, not merged. */
export type PropsPatch = Readonly<Record<string, unknown>>;

export type Op =
  /** Insert a node (at `index` in `nodes`, default the end). */
  | { type: 'addNode'; node: Node; index?: number }
  /** Remove a node, its edges, and the references to them (timeline, SLOs, steps, routes). */
  | { type: 'removeNode'; id: string }
  /** Move nodes or groups; positions are relative to the parent group, if any. */
  | { type: 'moveNodes'; moves: readonly { id: string; position: Position }[] }
  /** Change a node's label (`null` removes it) and/or props, checked by the kind's schema. */
  /** `calibrated`: the mark to set (null removes it); absent, a prop edited by hand leaves it. */
  | {
      type: 'updateNode';
      id: string;
      label?: string | null;
      props?: PropsPatch;
      calibrated?: Calibration | null;
    }
  /** Insert an edge, refused with a reason when `canConnect` says no. */
  | { type: 'addEdge'; edge: Edge; index?: number }
  | { type: 'removeEdge'; id: string }
  | {
      type: 'updateEdge';
      id: string;
      label?: string | null;
      props?: PropsPatch;
      calibrated?: Calibration | null;
    }
  | { type: 'addGroup'; group: Group; index?: number }
  /** Ungroup: the group goes, its members move to its parent and stay where they are drawn. */
  | { type: 'removeGroup'; id: string }
  | {
      type: 'updateGroup';
      id: string;
      label?: string | null;
      kind?: Group['kind'];
      size?: Group['size'];
    }
  /**
   * Put a node or group into a group (`null`: out of every group). Without `position` it stays
   * where it is drawn: its relative position is recomputed for the new parent.
   */
  | { type: 'setParent'; id: string; parentId: string | null; position?: Position }
  | { type: 'setName'; name: string }
  /** The document's description; '' removes it. */
  | { type: 'setDescription'; description: string }
  /** Notes on the canvas: a sticky note or free text, never read by the engine. */
  | { type: 'addNote'; note: Note; index?: number }
  | { type: 'removeNote'; id: string }
  | { type: 'updateNote'; id: string; patch: Partial<Omit<Note, 'id'>> }
  | { type: 'addScenario'; scenario: Scenario; index?: number }
  | { type: 'removeScenario'; name: string }
  /** Replace whole fields of a scenario (a new `name` renames it). */
  | { type: 'updateScenario'; name: string; patch: Partial<Scenario> }
  | { type: 'addTransaction'; transaction: TransactionFlow; index?: number }
  | { type: 'removeTransaction'; id: string }
  | { type: 'updateTransaction'; id: string; patch: Partial<Omit<TransactionFlow, 'id'>> };

export type OpType = Op['type'];
export type OpOf<T extends OpType> = Extract<Op, { type: T }>;

/** The outcome of one operation: the new document and the operations that undo it. */
export type Step =
  { ok: true; doc: ArchDocument; inverse: Op[] } | { ok: false; problems: Problem[] };

export type ApplyResult =
  | { ok: true; doc: ArchDocument; inverse: Op[] }
  | { ok: false; opIndex: number; op: Op; problems: Problem[] };
