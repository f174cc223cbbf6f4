// The import context into a document: one group per namespace (or Compose network), nodes placed
// in columns by call depth (ELK refines this where the host runs it), the inferred edges the model
// allows (the rest reported with the model's reason), and a baseline scenario so it runs at once.
import {
  ArchDocument,
  CURRENT_VERSION,
  CallGraph,
  kindRule,
  type ArchDocumentInput,
  type Edge,
  type Node,
} from '../../model';
import { NODE_SIZES } from '../look';
import type { ImportContext } from './context';
import { ImportError } from './types';

const GAP_X = 290;
const GAP_Y = 110;
const PAD = { top: 56, left: 28, bottom: 28, right: 28 };

function groupId(name: string): string {
  return `group-${name.replace(/[^A-Za-z0-9_.:-]/g, '-').slice(0, 100)}`;
}

/** Depth of each node along call edges from the sources (nodes nothing calls). */
function depths(ids: string[], edges: { from: string; to: string }[]): Map<string, number> {
  const depth = new Map<string, number>();
  const incoming = new Map(ids.map((id) => [id, 0]));
  for (const e of edges) incoming.set(e.to, (incoming.get(e.to) ?? 0) + 1);
  let layer = ids.filter((id) => incoming.get(id) === 0);
  if (layer.length === 0) layer = ids.slice(0, 1);
  for (let d = 0; layer.length > 0 && d < ids.length; d++) {
    const next: string[] = [];
    for (const id of layer) {
      if (depth.has(id)) continue;
      depth.set(id, d);
      for (const e of edges) if (e.from === id && !depth.has(e.to)) next.push(e.to);
    }
    layer = next;
  }
  for (const id of ids) if (!depth.has(id)) depth.set(id, 0);
  return depth;
}

/** What a manifest never says but a run needs, set the same way for every import and reported. */
export const IMPORTED_CLIENT_RPS = 10;
export const IMPORTED_CONCURRENCY = 100;

function runDefaults(ctx: ImportContext): void {
  for (const n of ctx.nodes) {
    if (n.kind === 'service' && n.props['concurrency'] === undefined) {
      n.props['concurrency'] = IMPORTED_CONCURRENCY;
      ctx.defaulted(
        n.place,
        `${n.id}.concurrency`,
        String(IMPORTED_CONCURRENCY),
        'requests one pod serves at once: manifests do not say; servers such as Go, gRPC and Node serve many (set a thread pool’s size where there is one)',
      );
    }
    if (n.kind === 'client' && n.props['rps'] === undefined) {
      n.props['rps'] = IMPORTED_CLIENT_RPS;
      ctx.defaulted(
        n.place,
        `${n.id}.rps`,
        String(IMPORTED_CLIENT_RPS),
        'a load generator’s rate is in its own script; set the rate to drill',
      );
    }
  }
}

export function buildDocument(ctx: ImportContext, name: string): ArchDocument {
  runDefaults(ctx);
  const nodes = new Map<string, Node>();
  const groupNames = [...new Set(ctx.nodes.map((n) => n.group))];
  const kinds = new Map(ctx.nodes.map((n) => [n.id, n.kind]));
  // Edges first (node positions follow their depth).
  const placed: ArchDocumentInput['edges'] = [];
  const stubNodes = new Map(
    ctx.nodes.map((n) => [n.id, { id: n.id, kind: n.kind } as unknown as Node]),
  );
  const calls = new CallGraph(stubNodes);
  let counter = 0;
  for (const e of ctx.edges.values()) {
    const from = kinds.get(e.from);
    const to = kinds.get(e.to);
    if (from === undefined || to === undefined) continue;
    const kind = to === 'queue' ? 'publish' : 'call';
    const verdict = kindRule(from, to, kind);
    if (!verdict.ok) {
      ctx.report.ignored.push({
        place: e.evidence[0]?.place ?? { file: '', doc: 0, path: '' },
        what: `edge ${e.from} → ${e.to}`,
        why: verdict.reason,
      });
      continue;
    }
    e.kind = kind;
    const props: Record<string, unknown> = kind === 'call' ? { ...e.policy } : {};
    if (kind === 'call' && from !== 'queue' && calls.path(e.to, e.from)) {
      props['maxDepth'] = 1;
      ctx.defaulted(
        e.evidence[0]?.place ?? { file: '', doc: 0, path: '' },
        `edge ${e.from} → ${e.to} maxDepth`,
        '1',
        'the call closes a cycle; one request chain takes it once',
      );
    }
    const edge = {
      id: `e${++counter}`,
      from: e.from,
      to: e.to,
      kind,
      props,
      evidence: {
        confidence: e.confidence,
        evidence: e.evidence.slice(0, 50).map((x) => x.text.slice(0, 500)),
      },
    };
    placed.push(edge as ArchDocumentInput['edges'] extends (infer T)[] | undefined ? T : never);
    calls.add(edge as unknown as Edge);
    ctx.report.edges.push(e);
  }
  const depth = depths(
    ctx.nodes.map((n) => n.id),
    placed.map((e) => ({ from: e.from, to: e.to })),
  );
  const groups: ArchDocumentInput['groups'] = [];
  let y = 0;
  for (const g of groupNames) {
    const members = ctx.nodes.filter((n) => n.group === g);
    const rows = new Map<number, number>();
    const positions = new Map<string, { x: number; y: number }>();
    for (const n of members) {
      const d = depth.get(n.id) ?? 0;
      const row = rows.get(d) ?? 0;
      rows.set(d, row + 1);
      positions.set(n.id, { x: PAD.left + d * GAP_X, y: PAD.top + row * GAP_Y });
    }
    const cols = Math.max(...[...rows.keys()].map((d) => d + 1));
    const maxRows = Math.max(...rows.values());
    const size = {
      width: PAD.left + PAD.right + (cols - 1) * GAP_X + NODE_SIZES.service.width,
      height: PAD.top + PAD.bottom + (maxRows - 1) * GAP_Y + NODE_SIZES.database.height,
    };
    const id = groupId(g);
    groups.push({
      id,
      kind: 'team',
      label: ctx.report.format === 'compose' ? `network ${g}` : `namespace ${g}`,
      position: { x: 0, y },
      size,
    });
    y += size.height + 60;
    for (const n of members)
      nodes.set(n.id, {
        id: n.id,
        kind: n.kind,
        label: n.name,
        position: positions.get(n.id) ?? { x: 0, y: 0 },
        parentId: id,
        props: n.props,
      } as unknown as Node);
  }
  const parsed = ArchDocument.safeParse({
    format: 'archlab',
    version: CURRENT_VERSION,
    name,
    nodes: [...nodes.values()],
    edges: placed,
    groups,
    scenarios: [{ name: 'baseline', durationS: 60, seed: 1, timeline: [], slos: [] }],
  });
  if (parsed.success) return parsed.data;
  // A value the model refuses (out of its range): named at the object it came from.
  const list = [...nodes.values()];
  for (const issue of parsed.error.issues) {
    const [top, index, ...rest] = issue.path;
    const node = top === 'nodes' && typeof index === 'number' ? list[index] : undefined;
    const source = node ? ctx.node(node.id) : undefined;
    const place = source?.place ?? { file: ctx.report.files[0] ?? '', doc: 0, path: '' };
    ctx.fail(place, `${[top, index, ...rest].map(String).join('.')}: ${issue.message}`);
  }
  throw new ImportError(ctx.problems);
}
