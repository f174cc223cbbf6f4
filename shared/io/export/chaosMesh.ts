// A scenario's fault timeline as a Chaos Mesh Workflow: a Parallel entry whose branches are Serial
// [Suspend for the offset, the chaos for its duration], so every fault starts at its own offset
// however they overlap. Faults with no Chaos Mesh counterpart are listed in the notes.
import type { ArchDocument, Scenario, TimelineEntry } from '../../model';
import type { Exported } from './k8s';
import { CONTAINER_PORT, kubeNames } from './names';

type Obj = Record<string, unknown>;

interface Mapped {
  type: 'PodChaos' | 'NetworkChaos' | 'StressChaos' | 'HTTPChaos' | 'TimeChaos';
  spec: Obj;
  note?: string;
}

const FIELD: Record<Mapped['type'], string> = {
  PodChaos: 'podChaos',
  NetworkChaos: 'networkChaos',
  StressChaos: 'stressChaos',
  HTTPChaos: 'httpChaos',
  TimeChaos: 'timeChaos',
};

const num = (e: TimelineEntry, key: string, def: number) =>
  typeof e.params[key] === 'number' ? (e.params[key] as number) : def;

/** Whole milliseconds as a Go duration (`250ms`, `-5s`). */
function goDuration(ms: number): string {
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(Math.round(ms));
  return a % 1000 === 0 ? `${sign}${a / 1000}s` : `${sign}${a}ms`;
}

export function slug(text: string): string {
  return (
    text
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 50) || 'drill'
  );
}

export function toChaosMesh(
  doc: ArchDocument,
  scenarioName?: string,
  namespace = 'default',
): Exported {
  const scenario: Scenario | undefined =
    scenarioName === undefined
      ? doc.scenarios[0]
      : doc.scenarios.find((s) => s.name === scenarioName);
  if (!scenario) throw new Error(`no scenario "${scenarioName ?? ''}" in the document`);
  const names = kubeNames(doc);
  const notes: string[] = [];
  const groups = new Map(doc.groups.map((g) => [g.id, g]));
  const pods = (ids: string[]): Obj =>
    ids.length === 1
      ? { namespaces: [namespace], labelSelectors: { app: names.get(ids[0] as string) } }
      : {
          namespaces: [namespace],
          expressionSelectors: [
            { key: 'app', operator: 'In', values: ids.map((i) => names.get(i)) },
          ],
        };
  const membersOf = (zone: string) => {
    const out: string[] = [];
    const inside = (id: string | undefined): boolean =>
      id !== undefined && (id === zone || inside(groups.get(id)?.parentId));
    for (const n of doc.nodes) if (inside(n.parentId)) out.push(n.id);
    return out;
  };
  /** The pods a fault's target names, and for an edge the pods on the far side. */
  const where = (e: TimelineEntry): { selector: Obj; target?: Obj } | string => {
    const t = e.target ?? '';
    const edge = doc.edges.find((x) => x.id === t);
    if (edge)
      return { selector: pods([edge.from]), target: { mode: 'all', selector: pods([edge.to]) } };
    if (names.has(t)) return { selector: pods([t]) };
    if (groups.get(t)?.kind === 'zone') {
      const members = membersOf(t);
      return members.length > 0 ? { selector: pods(members) } : `zone ${t} has no nodes`;
    }
    return `target "${t}" is not a node, edge or zone`;
  };
  const map = (e: TimelineEntry): Mapped | string => {
    const w = where(e);
    if (typeof w === 'string') return w;
    const base = { selector: w.selector, mode: 'all' };
    switch (e.action) {
      case 'kill-pod':
        return {
          type: 'PodChaos',
          spec: { ...base, mode: 'one', action: 'pod-kill' },
          note:
            e.params['pod'] !== undefined
              ? 'Chaos Mesh picks the pod at random (mode one), not by index'
              : undefined,
        } as Mapped;
      case 'container-kill':
        return {
          type: 'PodChaos',
          spec: {
            ...base,
            mode: 'one',
            action: 'container-kill',
            containerNames: [names.get(e.target ?? '')],
          },
        };
      case 'pod-failure':
        return { type: 'PodChaos', spec: { ...base, mode: 'one', action: 'pod-failure' } };
      case 'service-crash':
      case 'zone-outage':
        return { type: 'PodChaos', spec: { ...base, action: 'pod-failure' } };
      case 'add-latency':
        return {
          type: 'NetworkChaos',
          spec: {
            ...base,
            action: 'delay',
            delay: { latency: goDuration(num(e, 'ms', 200)) },
            ...(w.target ? { direction: 'to', target: w.target } : {}),
          },
          ...(w.target
            ? {}
            : {
                note: 'on a node: every packet of its pods is delayed, where the lab slows its own work',
              }),
        };
      case 'packet-loss':
        return {
          type: 'NetworkChaos',
          spec: {
            ...base,
            action: 'loss',
            loss: { loss: String(num(e, 'percent', 10)) },
            ...(w.target ? { direction: 'to', target: w.target } : {}),
          },
        };
      case 'partition':
        return {
          type: 'NetworkChaos',
          spec: {
            ...base,
            action: 'partition',
            direction: 'both',
            ...(w.target ? { target: w.target } : {}),
          },
        };
      case 'abort': {
        const percent = num(e, 'percent', 50);
        const selector = w.target ? (w.target['selector'] as Obj) : w.selector;
        return {
          type: 'HTTPChaos',
          spec: {
            selector,
            mode: percent >= 100 ? 'all' : 'fixed-percent',
            ...(percent >= 100 ? {} : { value: String(Math.max(1, Math.round(percent))) }),
            target: 'Request',
            port: CONTAINER_PORT,
            abort: true,
          },
          note: `HTTPChaos aborts every request of the chosen pods: ${percent}% of the pods stands for ${percent}% of the requests`,
        };
      }
      case 'cpu-stress':
        return {
          type: 'StressChaos',
          spec: {
            ...base,
            stressors: { cpu: { workers: 1, load: Math.round(num(e, 'load', 80)) } },
          },
        };
      case 'clock-skew':
        return { type: 'TimeChaos', spec: { ...base, timeOffset: goDuration(num(e, 'ms', 5000)) } };
      default:
        return `${e.action} has no Chaos Mesh counterpart`;
    }
  };
  const templates: Obj[] = [];
  const branches: string[] = [];
  scenario.timeline.forEach((e, i) => {
    const m = map(e);
    const at = `${e.action} at ${e.atS} s on ${e.target ?? '(none)'}`;
    if (typeof m === 'string') {
      notes.push(`not exported: ${at}: ${m}`);
      return;
    }
    if (m.note) notes.push(`${at}: ${m.note}`);
    const id = `f${i}-${slug(e.action)}`.slice(0, 40);
    const forS = e.forS ?? Math.max(1, scenario.durationS - e.atS);
    const chaos: Obj = {
      name: `${id}-chaos`,
      templateType: m.type,
      deadline: goDuration(Math.max(1, forS) * 1000),
      [FIELD[m.type]]: m.spec,
    };
    const children = [chaos['name'] as string];
    if (e.atS > 0) {
      templates.push({
        name: `${id}-wait`,
        templateType: 'Suspend',
        deadline: goDuration(e.atS * 1000),
      });
      children.unshift(`${id}-wait`);
    }
    templates.push(chaos, { name: id, templateType: 'Serial', children });
    branches.push(id);
  });
  templates.unshift({ name: 'entry', templateType: 'Parallel', children: branches });
  const workflow = {
    apiVersion: 'chaos-mesh.org/v1alpha1',
    kind: 'Workflow',
    metadata: { name: slug(`${doc.name}-${scenario.name}`), namespace },
    spec: { entry: 'entry', templates },
  };
  return { objects: [workflow], notes };
}
