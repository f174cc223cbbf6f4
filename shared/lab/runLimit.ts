// What limits each service with a runtime in one run, in the lab's own sentence (analysis/limits.ts):
// the run summary, the reports and the CLI say why beside the figures, not only in the lab.
import { limitingFactor, type LimitVerdict } from '../analysis/limits';
import type { RunResult } from '../engine/result';
import type { ArchDocument } from '../model';
import { currentSetting } from './concurrency';
import { probeFigures } from './probe';
import { podCpuOf, runsFigures } from './verdict';

/** The verdict for one node of a run; null when it has no CPU figures (no runtime). */
export function runLimit(
  doc: ArchDocument,
  result: RunResult,
  nodeId: string,
): LimitVerdict | null {
  if (result.nodes[nodeId]?.cpu === undefined) return null;
  const setting = currentSetting(doc, nodeId);
  const figures = runsFigures(
    [probeFigures(result, nodeId)],
    setting.model,
    setting.n,
    podCpuOf(doc, nodeId),
  );
  return limitingFactor(figures);
}
