// When a node, edge or group goes, what pointed at it goes too: timeline entries aimed at it,
// SLOs on it, transaction steps it took part in, gateway routes to it. The returned inverse puts
// every one of them back exactly.
import type { ArchDocument } from './document';
import type { Op } from './opTypes';

export function dropReferences(
  doc: ArchDocument,
  ids: ReadonlySet<string>,
): { doc: ArchDocument; inverse: Op[] } {
  const inverse: Op[] = [];
  const gone = (id: string | undefined) => id !== undefined && ids.has(id);

  let scenarios = doc.scenarios;
  doc.scenarios.forEach((s, i) => {
    const timeline = s.timeline.filter((t) => !gone(t.target));
    const slos = s.slos.filter((slo) => !gone(slo.target));
    if (timeline.length === s.timeline.length && slos.length === s.slos.length) return;
    if (scenarios === doc.scenarios) scenarios = scenarios.slice();
    scenarios[i] = { ...s, timeline, slos };
    inverse.push({
      type: 'updateScenario',
      name: s.name,
      patch: { timeline: s.timeline, slos: s.slos },
    });
  });

  let transactions = doc.transactions;
  doc.transactions.forEach((t, i) => {
    const steps = t.steps.filter((step) => !gone(step.participant));
    if (steps.length === t.steps.length) return;
    if (transactions === doc.transactions) transactions = transactions.slice();
    transactions[i] = { ...t, steps };
    inverse.push({ type: 'updateTransaction', id: t.id, patch: { steps: t.steps } });
  });

  let nodes = doc.nodes;
  doc.nodes.forEach((n, i) => {
    if (n.kind !== 'gateway') return;
    const routes = n.props.routes.filter((r) => !gone(r.target));
    if (routes.length === n.props.routes.length) return;
    if (nodes === doc.nodes) nodes = nodes.slice();
    nodes[i] = { ...n, props: { ...n.props, routes } };
    inverse.push({ type: 'updateNode', id: n.id, props: { routes: n.props.routes } });
  });

  if (scenarios === doc.scenarios && transactions === doc.transactions && nodes === doc.nodes) {
    return { doc, inverse };
  }
  return { doc: { ...doc, scenarios, transactions, nodes }, inverse };
}
