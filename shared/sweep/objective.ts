// The cheapest design: among the cells whose runs met every SLO often enough, the one with the
// fewest replicas, the least CPU or the lowest cost (ties: the earlier cell).
import type { ArchDocument } from '../model';
import { footprint, type Footprint } from './cost';
import { cellDocument, type SweepPlan } from './plan';
import type { CellSummary } from './summary';
import type { Interval } from './stats';

export interface Cheapest {
  cell: number;
  params: CellSummary['params'];
  minimize: 'replicas' | 'cpu' | 'cost';
  /** The figure minimised: pods, cores, or cost per hour. */
  value: number;
  footprint: Footprint;
  slos: Record<string, Interval>;
  allSlos: Interval;
}

export type ObjectiveAnswer =
  | { found: true; best: Cheapest; probability: number }
  | { found: false; probability: number; reason: string };

export function cheapestDesign(
  doc: ArchDocument,
  plan: SweepPlan,
  summaries: readonly CellSummary[],
): ObjectiveAnswer | null {
  const objective = plan.sweep.objective;
  if (objective === undefined) return null;
  const probability = objective.probability;
  let best: Cheapest | null = null;
  for (const s of summaries) {
    if (s.allSlos.mean < probability) continue;
    const cell = plan.cells[s.cell];
    if (cell === undefined) continue;
    const fp = footprint(cellDocument(doc, plan, cell));
    const value =
      objective.minimize === 'replicas'
        ? fp.replicas
        : objective.minimize === 'cpu'
          ? fp.cpu
          : (fp.costPerHour ?? Infinity);
    if (best === null || value < best.value)
      best = {
        cell: s.cell,
        params: s.params,
        minimize: objective.minimize,
        value,
        footprint: fp,
        slos: s.slos,
        allSlos: s.allSlos,
      };
  }
  if (best === null)
    return {
      found: false,
      probability,
      reason: `no cell met every SLO in at least ${probability * 100} % of its runs`,
    };
  return { found: true, best, probability };
}
