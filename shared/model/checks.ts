// The checks a schema-valid document must pass: one id space for nodes, edges and groups; edges
// between existing nodes that may be linked; groups that nest without cycles; and every reference
// (timeline targets, SLO targets, transaction participants, gateway routes) resolving.
import type { Problem } from '../protocol';
import type { ArchDocument, Group, Node, Scenario, TransactionFlow } from './document';
import { CallGraph, isBounded, linkKey, linkVerdict } from './rules';

/** Lookups over a document's ids. */
export interface DocIndex {
  nodes: ReadonlyMap<string, Node>;
  groups: ReadonlyMap<string, Group>;
  edgeIds: ReadonlySet<string>;
  /** Transaction flow ids: the target of a transaction fault (crash-coordinator, fail-step, …). */
  flowIds?: ReadonlySet<string>;
}

export function indexOf(
  doc: Pick<ArchDocument, 'nodes' | 'edges' | 'groups'> & {
    transactions?: readonly { id: string }[];
  },
): DocIndex {
  return {
    nodes: new Map(doc.nodes.map((n) => [n.id, n] as const)),
    groups: new Map(doc.groups.map((g) => [g.id, g] as const)),
    edgeIds: new Set(doc.edges.map((e) => e.id)),
    flowIds: new Set((doc.transactions ?? []).map((t) => t.id)),
  };
}

export function hasId(index: DocIndex, id: string): boolean {
  return index.nodes.has(id) || index.groups.has(id) || index.edgeIds.has(id);
}

/** Why `parentId` cannot be a parent, or null when it is an existing group (or absent). */
export function parentProblem(index: DocIndex, parentId: string | undefined): string | null {
  if (parentId === undefined || index.groups.has(parentId)) return null;
  return `group "${parentId}" ${index.nodes.has(parentId) ? 'is a node, not a group' : 'does not exist'}`;
}

/** The group where the chain of parents from `groupId` runs into a cycle, or null. */
export function groupCycleAt(groups: ReadonlyMap<string, Group>, groupId: string): string | null {
  const seen = new Set([groupId]);
  for (let p = groups.get(groupId)?.parentId; p !== undefined; p = groups.get(p)?.parentId) {
    if (seen.has(p)) return p;
    seen.add(p);
  }
  return null;
}

export function scenarioProblems(index: DocIndex, s: Scenario, path: string): Problem[] {
  const problems: Problem[] = [];
  s.timeline.forEach((t, j) => {
    if (t.target !== undefined && !hasId(index, t.target) && !index.flowIds?.has(t.target)) {
      const message = `no node, edge, group or transaction flow has id "${t.target}"`;
      problems.push({ path: `${path}.timeline[${j}].target`, message });
    }
  });
  s.slos.forEach((slo, j) => {
    if (slo.target !== undefined && !index.nodes.has(slo.target)) {
      const message = `node "${slo.target}" does not exist`;
      problems.push({ path: `${path}.slos[${j}].target`, message });
    }
  });
  return problems;
}

export function transactionProblems(index: DocIndex, t: TransactionFlow, path: string): Problem[] {
  return t.steps.flatMap((step, j) =>
    index.nodes.has(step.participant)
      ? []
      : [
          {
            path: `${path}.steps[${j}].participant`,
            message: `node "${step.participant}" does not exist`,
          },
        ],
  );
}

export function routeProblems(index: DocIndex, node: Node, path: string): Problem[] {
  if (node.kind !== 'gateway') return [];
  return node.props.routes.flatMap((r, j) =>
    index.nodes.has(r.target)
      ? []
      : [
          {
            path: `${path}.props.routes[${j}].target`,
            message: `node "${r.target}" does not exist`,
          },
        ],
  );
}

/** Every semantic problem of a schema-valid document, with JSON paths. */
export function semanticProblems(doc: ArchDocument): Problem[] {
  const problems: Problem[] = [];
  const ids = new Map<string, string>();
  const claim = (id: string, path: string) => {
    const first = ids.get(id);
    if (first === undefined) ids.set(id, path);
    else problems.push({ path: `${path}.id`, message: `duplicate id "${id}" (also ${first})` });
  };
  doc.nodes.forEach((n, i) => claim(n.id, `nodes[${i}]`));
  doc.edges.forEach((e, i) => claim(e.id, `edges[${i}]`));
  doc.groups.forEach((g, i) => claim(g.id, `groups[${i}]`));
  (doc.notes ?? []).forEach((n, i) => claim(n.id, `notes[${i}]`));

  const index = indexOf(doc);
  const addParent = (parentId: string | undefined, path: string) => {
    const message = parentProblem(index, parentId);
    if (message !== null) problems.push({ path: `${path}.parentId`, message });
  };
  doc.nodes.forEach((n, i) => {
    addParent(n.parentId, `nodes[${i}]`);
    for (const p of routeProblems(index, n, `nodes[${i}]`)) problems.push(p);
  });
  doc.groups.forEach((g, i) => {
    addParent(g.parentId, `groups[${i}]`);
    const at = groupCycleAt(index.groups, g.id);
    if (at !== null) {
      problems.push({
        path: `groups[${i}].parentId`,
        message: `groups nest in a cycle through "${at}"`,
      });
    }
  });

  const calls = new CallGraph(index.nodes);
  const existing = new Set<string>();
  doc.edges.forEach((e, i) => {
    const path = `edges[${i}]`;
    let dangling = false;
    for (const end of ['from', 'to'] as const) {
      const id = e[end];
      if (index.nodes.has(id)) continue;
      dangling = true;
      const what = hasId(index, id) ? 'is not a node' : 'does not exist';
      problems.push({ path: `${path}.${end}`, message: `node "${id}" ${what}` });
    }
    if (dangling) return;
    const verdict = linkVerdict(index.nodes, calls, existing, e.from, e.to, e.kind, isBounded(e));
    if (!verdict.ok) {
      problems.push({ path, message: `invalid link: ${verdict.reason}` });
      return;
    }
    calls.add(e);
    existing.add(linkKey(e.from, e.to, e.kind));
  });

  const scenarioNames = new Set<string>();
  doc.scenarios.forEach((s, i) => {
    if (scenarioNames.has(s.name)) {
      problems.push({
        path: `scenarios[${i}].name`,
        message: `duplicate scenario name "${s.name}"`,
      });
    }
    scenarioNames.add(s.name);
    for (const p of scenarioProblems(index, s, `scenarios[${i}]`)) problems.push(p);
  });

  const txIds = new Set<string>();
  doc.transactions.forEach((t, i) => {
    if (txIds.has(t.id)) {
      problems.push({
        path: `transactions[${i}].id`,
        message: `duplicate transaction id "${t.id}"`,
      });
    }
    txIds.add(t.id);
    for (const p of transactionProblems(index, t, `transactions[${i}]`)) problems.push(p);
  });
  return problems;
}
