// What a design costs: its pods, the CPU and memory they request, and the price of those per hour
// from the document's prices. Service nodes count their replicas; a bare pod node counts one.
import type { ArchDocument, Prices } from '../model';

export interface Footprint {
  replicas: number;
  cpu: number;
  memoryGiB: number;
  /** Per hour, in the prices' currency; null when the document has no prices. */
  costPerHour: number | null;
}

/** Kubernetes quantities: "500m" cores, "2" cores; "512Mi", "1Gi", "1G" of memory. */
function quantity(v: unknown, unit: 'cpu' | 'memory'): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(v.trim());
  if (m === null) return undefined;
  const n = Number(m[1]);
  const scale: Record<string, number> =
    unit === 'cpu'
      ? { m: 1e-3, '': 1 }
      : {
          Ki: 2 ** -20,
          Mi: 2 ** -10,
          Gi: 1,
          Ti: 2 ** 10,
          k: 1e3 / 2 ** 30,
          M: 1e6 / 2 ** 30,
          G: 1e9 / 2 ** 30,
          T: 1e12 / 2 ** 30,
          '': 1 / 2 ** 30,
        };
  const s = scale[m[2] ?? ''];
  return s === undefined ? undefined : n * s;
}

function requestsOf(
  node: ArchDocument['nodes'][number],
  prices: Prices | undefined,
): { cpu: number; memoryGiB: number } {
  const own = prices?.nodes[node.id];
  const req = (node.props as { resources?: { requests?: { cpu?: unknown; memory?: unknown } } })
    .resources?.requests;
  return {
    cpu: own?.cpu ?? quantity(req?.cpu, 'cpu') ?? prices?.requests.cpu ?? 1,
    memoryGiB: own?.memoryGiB ?? quantity(req?.memory, 'memory') ?? prices?.requests.memoryGiB ?? 1,
  };
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function footprint(doc: ArchDocument): Footprint {
  let replicas = 0;
  let cpu = 0;
  let memoryGiB = 0;
  for (const n of doc.nodes) {
    const count = n.kind === 'service' ? n.props.replicas : n.kind === 'pod' ? 1 : 0;
    if (count === 0) continue;
    const req = requestsOf(n, doc.prices);
    replicas += count;
    cpu += count * req.cpu;
    memoryGiB += count * req.memoryGiB;
  }
  const p = doc.prices;
  return {
    replicas,
    cpu: r6(cpu),
    memoryGiB: r6(memoryGiB),
    costPerHour: p === undefined ? null : r6(cpu * p.coreHour + memoryGiB * p.gibHour),
  };
}
