// `applyOps(doc, ops)`: the one place a document changes. Each operation is checked as it is
// applied (schemas for values, `canConnect` for links, ids and references for the rest); the first
// one that fails stops the batch and nothing is changed. Untouched parts of the document are shared
// with the old one, so a store can compare by reference.
import type { ArchDocument } from './document';
import { addGroup, removeGroup, setParent, updateGroup } from './groupOps';
import {
  addEdge,
  addNode,
  moveNodes,
  removeEdge,
  removeNode,
  updateEdge,
  updateNode,
} from './nodeOps';
import { addNote, removeNote, updateNote } from './noteOps';
import type { ApplyResult, Op, Step } from './opTypes';
import {
  addScenario,
  addTransaction,
  removeScenario,
  removeTransaction,
  setDescription,
  setName,
  updateScenario,
  updateTransaction,
} from './scenarioOps';

export type { ApplyResult, Op, OpOf, OpType, Position, PropsPatch, Step } from './opTypes';
export { absolutePosition } from './groupOps';
export { isNote } from './noteOps';

export function applyOp(doc: ArchDocument, op: Op): Step {
  switch (op.type) {
    case 'addNode':
      return addNode(doc, op);
    case 'removeNode':
      return removeNode(doc, op);
    case 'moveNodes':
      return moveNodes(doc, op);
    case 'updateNode':
      return updateNode(doc, op);
    case 'addEdge':
      return addEdge(doc, op);
    case 'removeEdge':
      return removeEdge(doc, op);
    case 'updateEdge':
      return updateEdge(doc, op);
    case 'addGroup':
      return addGroup(doc, op);
    case 'removeGroup':
      return removeGroup(doc, op);
    case 'updateGroup':
      return updateGroup(doc, op);
    case 'setParent':
      return setParent(doc, op);
    case 'setName':
      return setName(doc, op);
    case 'setDescription':
      return setDescription(doc, op);
    case 'addNote':
      return addNote(doc, op);
    case 'removeNote':
      return removeNote(doc, op);
    case 'updateNote':
      return updateNote(doc, op);
    case 'addScenario':
      return addScenario(doc, op);
    case 'removeScenario':
      return removeScenario(doc, op);
    case 'updateScenario':
      return updateScenario(doc, op);
    case 'addTransaction':
      return addTransaction(doc, op);
    case 'removeTransaction':
      return removeTransaction(doc, op);
    case 'updateTransaction':
      return updateTransaction(doc, op);
  }
}

/**
 * Apply operations in order. On success, `inverse` undoes the whole batch:
 * `applyOps(applyOps(doc, ops).doc, inverse).doc` equals `doc`.
 */
export function applyOps(doc: ArchDocument, ops: readonly Op[]): ApplyResult {
  let current = doc;
  const undo: Op[][] = [];
  for (const [opIndex, op] of ops.entries()) {
    const step = applyOp(current, op);
    if (!step.ok) return { ok: false, opIndex, op, problems: step.problems };
    current = step.doc;
    undo.push(step.inverse);
  }
  return { ok: true, doc: current, inverse: undo.reverse().flat() };
}
