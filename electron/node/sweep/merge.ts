// Joining the parts of a sweep run as shards: every line must come from the same sweep (its id
// names the document, scenario and sweep), a run may appear twice only with the same figures
// (a retried shard), and the result is in run order — the bytes one machine would have written.
import type { RunLine } from '../../../shared/sweep/runOne';

export interface Part {
  name: string;
  text: string;
}

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

function parseLine(text: string, where: string): RunLine {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw new MergeError(`${where}: not JSON (${(e as Error).message})`);
  }
  const l = v as Partial<RunLine> | null;
  if (
    l === null ||
    typeof l !== 'object' ||
    typeof l.sweep !== 'string' ||
    typeof l.run !== 'number' ||
    typeof l.cell !== 'number' ||
    typeof l.seed !== 'number' ||
    typeof l.metrics !== 'object'
  )
    throw new MergeError(
      `${where}: not a sweep result line (needs sweep, run, cell, seed, metrics)`,
    );
  return l as RunLine;
}

export function mergeParts(parts: readonly Part[]): RunLine[] {
  const byRun = new Map<number, { line: RunLine; text: string; where: string }>();
  let sweep: { id: string; where: string } | null = null;
  for (const part of parts) {
    part.text.split('\n').forEach((raw, i) => {
      const text = raw.trim();
      if (text === '') return;
      const where = `${part.name}:${i + 1}`;
      const line = parseLine(text, where);
      if (sweep === null) sweep = { id: line.sweep, where };
      else if (line.sweep !== sweep.id)
        throw new MergeError(
          `${where}: belongs to sweep ${line.sweep}, but ${sweep.where} to sweep ${sweep.id}: parts of two different sweeps (another document, scenario or sweep) cannot be merged`,
        );
      const canonical = JSON.stringify(line);
      const seen = byRun.get(line.run);
      if (seen !== undefined && seen.text !== canonical)
        throw new MergeError(
          `${where}: run ${line.run} differs from the same run at ${seen.where}`,
        );
      byRun.set(line.run, { line, text: canonical, where });
    });
  }
  if (byRun.size === 0) throw new MergeError('the parts hold no result lines');
  return [...byRun.values()].map((v) => v.line).sort((a, b) => a.run - b.run);
}
