// A sweep's plan: the grid of cells (the product of the parameters' values, the last parameter
// changing fastest), the seeds every cell runs with (common random numbers), and an id that
// names this exact sweep (document, scenario, sweep), so parts of two sweeps are never merged.
import type { ArchDocument, Scenario, Sweep, SweepParameter } from '../model';
import { applyValue, resolvePath, SweepError, type FieldTarget } from './paths';

export type ParamValue = number | string | boolean;

export interface Axis {
  path: string;
  values: ParamValue[];
  targets: FieldTarget[];
}

export interface Cell {
  index: number;
  params: Record<string, ParamValue>;
}

export interface SweepPlan {
  id: string;
  scenario: string;
  sweep: Sweep;
  axes: Axis[];
  cells: Cell[];
  seeds: number[];
  /** cells × seeds: run r is cell ⌊r / seeds⌋ with seed r mod seeds. */
  runs: number;
}

/** Most runs a sweep may have unless the user confirms (`--yes`). */
export const CONFIRM_RUNS = 100_000;
const MAX_VALUES = 10_000;

/** A range's values, from `from` up to `to` by `step`, rounded to 12 significant digits. */
export function rangeValues(r: { from: number; to: number; step: number }): number[] {
  const out: number[] = [];
  const count = Math.floor((r.to - r.from) / r.step + 1e-9) + 1;
  for (let k = 0; k < count && k <= MAX_VALUES; k++)
    out.push(Number((r.from + k * r.step).toPrecision(12)));
  return out;
}

function valuesOf(p: SweepParameter): ParamValue[] {
  return Array.isArray(p.values) ? p.values : rangeValues(p.values);
}

/** FNV-1a over the text, twice with different offsets: 16 hex digits. */
export function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 13);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}

export function findScenario(doc: ArchDocument, name: string | undefined): [Scenario, number] {
  if (name === undefined) {
    const i = doc.scenarios.findIndex((s) => s.sweep !== undefined);
    const at = i >= 0 ? i : 0;
    const s = doc.scenarios[at];
    if (s === undefined)
      throw new SweepError([{ path: 'scenarios', message: 'the document has no scenario' }]);
    return [s, at];
  }
  const at = doc.scenarios.findIndex((s) => s.name === name);
  if (at < 0)
    throw new SweepError([
      {
        path: 'scenarios',
        message: `no scenario "${name}" (scenarios: ${doc.scenarios.map((s) => `"${s.name}"`).join(', ')})`,
      },
    ]);
  return [doc.scenarios[at]!, at];
}

/** The plan of a scenario's sweep; throws SweepError naming every bad path or value. */
export function planSweep(
  doc: ArchDocument,
  scenarioName?: string,
  opts: { confirmed?: boolean } = {},
): SweepPlan {
  const [scenario, si] = findScenario(doc, scenarioName);
  const sweep = scenario.sweep;
  const at = `scenarios[${si}].sweep`;
  if (sweep === undefined)
    throw new SweepError([
      {
        path: at,
        message: `scenario "${scenario.name}" has no sweep (add sweep: {parameters: [{path, values}], seeds})`,
      },
    ]);
  const problems: { path: string; message: string }[] = [];
  const axes: Axis[] = [];
  sweep.parameters.forEach((p, i) => {
    const where = `${at}.parameters[${i}]`;
    const resolved = resolvePath(doc, p.path);
    if (!resolved.ok) {
      problems.push({ path: `${where}.path`, message: `"${p.path}" ${resolved.message}` });
      return;
    }
    if (sweep.parameters.findIndex((q) => q.path === p.path) !== i)
      problems.push({ path: `${where}.path`, message: `"${p.path}" is swept twice` });
    const values = valuesOf(p);
    if (values.length > MAX_VALUES)
      problems.push({ path: `${where}.values`, message: `more than ${MAX_VALUES} values` });
    values.forEach((v, k) => {
      const applied = applyValue(doc, resolved.targets, v);
      if (typeof applied === 'string')
        problems.push({
          path: Array.isArray(p.values) ? `${where}.values[${k}]` : `${where}.values`,
          message: applied,
        });
    });
    axes.push({ path: p.path, values, targets: resolved.targets });
  });
  if (problems.length > 0) throw new SweepError(problems);

  const seeds = Array.isArray(sweep.seeds)
    ? sweep.seeds
    : Array.from({ length: sweep.seeds }, (_, k) => (scenario.seed + k) % 2 ** 32);
  let cellCount = 1;
  for (const a of axes) cellCount *= a.values.length;
  const runs = cellCount * seeds.length;
  if (runs > CONFIRM_RUNS && opts.confirmed !== true)
    throw new SweepError([
      {
        path: at,
        message: `${runs.toLocaleString('en-US')} runs (${cellCount} cells × ${seeds.length} seeds) is over ${CONFIRM_RUNS.toLocaleString('en-US')}: confirm with --yes, or sweep fewer values or seeds`,
      },
    ]);
  const cells: Cell[] = [];
  for (let c = 0; c < cellCount; c++) {
    const params: Record<string, ParamValue> = {};
    let rest = c;
    for (let i = axes.length - 1; i >= 0; i--) {
      const axis = axes[i]!;
      params[axis.path] = axis.values[rest % axis.values.length]!;
      rest = Math.floor(rest / axis.values.length);
    }
    const ordered: Record<string, ParamValue> = {};
    for (const a of axes) ordered[a.path] = params[a.path]!;
    cells.push({ index: c, params: ordered });
  }
  const id = hashText(JSON.stringify({ doc, scenario: scenario.name }));
  return { id, scenario: scenario.name, sweep, axes, cells, seeds, runs };
}

/** The document of one cell: every parameter set to the cell's value. */
export function cellDocument(doc: ArchDocument, plan: SweepPlan, cell: Cell): ArchDocument {
  let out = doc;
  for (const axis of plan.axes) {
    const applied = applyValue(out, axis.targets, cell.params[axis.path]);
    if (typeof applied === 'string') throw new SweepError([{ path: axis.path, message: applied }]);
    out = applied;
  }
  return out;
}
