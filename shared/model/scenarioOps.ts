// Operations on the document's name, its scenarios and its transaction flows.
import { indexOf, scenarioProblems, transactionProblems } from './checks';
import { ArchDocument, Scenario, TransactionFlow } from './document';
import { done, fail, insertAt, parseAs, previousValues, removeAt, replaceAt } from './opHelpers';
import type { Op, OpOf, Step } from './opTypes';

export function setName(doc: ArchDocument, op: OpOf<'setName'>): Step {
  const parsed = parseAs(ArchDocument.shape.name, op.name, ['name']);
  if (!parsed.ok) return parsed;
  return done({ ...doc, name: parsed.value }, [{ type: 'setName', name: doc.name }]);
}

export function setDescription(doc: ArchDocument, op: OpOf<'setDescription'>): Step {
  const text = op.description.trim();
  const parsed = parseAs(ArchDocument.shape.description, text || undefined, ['description']);
  if (!parsed.ok) return parsed;
  const { description: before, ...rest } = doc;
  const inverse: Op = { type: 'setDescription', description: before ?? '' };
  return done(parsed.value === undefined ? rest : { ...rest, description: parsed.value }, [
    inverse,
  ]);
}

export function addScenario(doc: ArchDocument, op: OpOf<'addScenario'>): Step {
  const at = op.index ?? doc.scenarios.length;
  const path = `scenarios[${at}]`;
  const parsed = parseAs(Scenario, op.scenario, ['scenarios', at]);
  if (!parsed.ok) return parsed;
  const scenario = parsed.value;
  if (doc.scenarios.some((s) => s.name === scenario.name)) {
    return fail(`${path}.name`, `a scenario named "${scenario.name}" already exists`);
  }
  const problems = scenarioProblems(indexOf(doc), scenario, path);
  if (problems.length > 0) return { ok: false, problems };
  return done({ ...doc, scenarios: insertAt(doc.scenarios, scenario, op.index) }, [
    { type: 'removeScenario', name: scenario.name },
  ]);
}

export function removeScenario(doc: ArchDocument, op: OpOf<'removeScenario'>): Step {
  const at = doc.scenarios.findIndex((s) => s.name === op.name);
  const scenario = doc.scenarios[at];
  if (!scenario) return fail('scenarios', `there is no scenario "${op.name}"`);
  return done({ ...doc, scenarios: removeAt(doc.scenarios, at) }, [
    { type: 'addScenario', scenario, index: at },
  ]);
}

export function updateScenario(doc: ArchDocument, op: OpOf<'updateScenario'>): Step {
  const at = doc.scenarios.findIndex((s) => s.name === op.name);
  const scenario = doc.scenarios[at];
  if (!scenario) return fail('scenarios', `there is no scenario "${op.name}"`);
  const path = `scenarios[${at}]`;
  const parsed = parseAs(Scenario, { ...scenario, ...op.patch }, ['scenarios', at]);
  if (!parsed.ok) return parsed;
  const next = parsed.value;
  if (next.name !== op.name && doc.scenarios.some((s) => s.name === next.name)) {
    return fail(`${path}.name`, `a scenario named "${next.name}" already exists`);
  }
  const problems = scenarioProblems(indexOf(doc), next, path);
  if (problems.length > 0) return { ok: false, problems };
  const patch = previousValues(scenario, op.patch) as Partial<Scenario>;
  return done({ ...doc, scenarios: replaceAt(doc.scenarios, at, next) }, [
    { type: 'updateScenario', name: next.name, patch },
  ]);
}

export function addTransaction(doc: ArchDocument, op: OpOf<'addTransaction'>): Step {
  const at = op.index ?? doc.transactions.length;
  const path = `transactions[${at}]`;
  const parsed = parseAs(TransactionFlow, op.transaction, ['transactions', at]);
  if (!parsed.ok) return parsed;
  const flow = parsed.value;
  if (doc.transactions.some((t) => t.id === flow.id)) {
    return fail(`${path}.id`, `a transaction with id "${flow.id}" already exists`);
  }
  const problems = transactionProblems(indexOf(doc), flow, path);
  if (problems.length > 0) return { ok: false, problems };
  return done({ ...doc, transactions: insertAt(doc.transactions, flow, op.index) }, [
    { type: 'removeTransaction', id: flow.id },
  ]);
}

export function removeTransaction(doc: ArchDocument, op: OpOf<'removeTransaction'>): Step {
  const at = doc.transactions.findIndex((t) => t.id === op.id);
  const transaction = doc.transactions[at];
  if (!transaction) return fail(op.id, `there is no transaction "${op.id}"`);
  return done({ ...doc, transactions: removeAt(doc.transactions, at) }, [
    { type: 'addTransaction', transaction, index: at },
  ]);
}

export function updateTransaction(doc: ArchDocument, op: OpOf<'updateTransaction'>): Step {
  const at = doc.transactions.findIndex((t) => t.id === op.id);
  const flow = doc.transactions[at];
  if (!flow) return fail(op.id, `there is no transaction "${op.id}"`);
  const path = `transactions[${at}]`;
  const parsed = parseAs(TransactionFlow, { ...flow, ...op.patch, id: flow.id }, [
    'transactions',
    at,
  ]);
  if (!parsed.ok) return parsed;
  const problems = transactionProblems(indexOf(doc), parsed.value, path);
  if (problems.length > 0) return { ok: false, problems };
  const patch = previousValues(flow, op.patch) as OpOf<'updateTransaction'>['patch'];
  return done({ ...doc, transactions: replaceAt(doc.transactions, at, parsed.value) }, [
    { type: 'updateTransaction', id: op.id, patch },
  ]);
}
