// The lab's load dial: the document with every client rate of one scenario scaled by a factor —
// the clients' rates and their traffic shapes' absolute rates (step, ramp, a trace's CSV), and the
// scenario's set-rps actions. Relative shapes (spike, sine) scale with their base. A curve that
// the offered load caps (the service served all of it) shows its capacity once the load is
// raised (docs/semantics.md §17).
import type { ArchDocument, Node, TimelineEntry } from '../model';
import { MAX_RPS } from '../model/props';

const scaled = (rps: unknown, factor: number) =>
  typeof rps === 'number' ? Math.min(MAX_RPS, Math.round(rps * factor * 1000) / 1000) : rps;

function scaleCsv(csv: string, factor: number): string {
  return csv
    .split('\n')
    .map((line) => {
      const [t, rps, ...rest] = line.split(',');
      const v = Number(rps);
      if (
        t === undefined ||
        rps === undefined ||
        rest.length > 0 ||
        rps.trim() === '' ||
        !Number.isFinite(v)
      )
        return line;
      return `${t},${scaled(v, factor) as number}`;
    })
    .join('\n');
}

function scaleClient(node: Node, factor: number): Node {
  if (node.kind !== 'client') return node;
  const props = node.props as Record<string, unknown>;
  const shapes = Array.isArray(props['shapes'])
    ? (props['shapes'] as Record<string, unknown>[])
    : [];
  return {
    ...node,
    props: {
      ...props,
      rps: scaled(props['rps'], factor),
      shapes: shapes.map((s) =>
        s['shape'] === 'step'
          ? { ...s, rps: scaled(s['rps'], factor) }
          : s['shape'] === 'ramp'
            ? { ...s, toRps: scaled(s['toRps'], factor) }
            : s['shape'] === 'trace' && typeof s['csv'] === 'string'
              ? { ...s, csv: scaleCsv(s['csv'], factor) }
              : s,
      ),
    },
  } as Node;
}

function scaleEntry(e: TimelineEntry, factor: number): TimelineEntry {
  if (e.action !== 'set-rps') return e;
  return { ...e, params: { ...e.params, rps: scaled(e.params['rps'], factor) } };
}

/** The document with the clients' load in `scenario` multiplied by `factor` (1: unchanged). */
export function scaleLoad(doc: ArchDocument, scenario: string, factor: number): ArchDocument {
  if (factor === 1) return doc;
  return {
    ...doc,
    nodes: doc.nodes.map((n) => scaleClient(n, factor)),
    scenarios: doc.scenarios.map((s) =>
      s.name === scenario ? { ...s, timeline: s.timeline.map((e) => scaleEntry(e, factor)) } : s,
    ),
  };
}
