// Edits to the current scenario's sweep (each one undo step), the text form of a parameter's
// values ("1, 2, 4" or "1..6" or "0.1..0.5 step 0.1"), and "sweep this" from the inspector.
import type { Scenario, Sweep, SweepParameter } from '../../../shared/model';
import { valuesAround } from '../../../shared/sweep/apply';
import { currentScenarioName, patchScenario } from '../drills/scenarioEdit';
import { useDrill } from '../drills/drillStore';
import { useStore } from '../store';

export const EMPTY_SWEEP: Sweep = { parameters: [], seeds: 10, confidence: 0.95 };

export function valuesText(values: SweepParameter['values']): string {
  if (Array.isArray(values)) return values.join(', ');
  return values.step === 1
    ? `${values.from}..${values.to}`
    : `${values.from}..${values.to} step ${values.step}`;
}

export function parseValues(text: string): SweepParameter['values'] | string {
  const range = /^\s*(-?[\d.]+)\s*\.\.\s*(-?[\d.]+)\s*(?:step\s+([\d.]+))?\s*$/.exec(text);
  if (range) {
    const [from, to, step] = [Number(range[1]), Number(range[2]), Number(range[3] ?? 1)];
    if (![from, to, step].every(Number.isFinite) || step <= 0) return 'write from..to step s';
    if (to < from) return '"to" must not be less than "from"';
    return { from, to, step };
  }
  const parts = text
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0) return 'list at least one value';
  const nums = parts.map(Number);
  if (nums.some((n) => !Number.isFinite(n)))
    return 'write numbers separated by commas, or from..to';
  return nums;
}

export function setSweep(scenario: Scenario, sweep: Sweep | undefined): boolean {
  return patchScenario(scenario.name, { sweep });
}

/** "Sweep this": add the field to the current scenario's sweep and show the Sweep tab. */
export function sweepField(path: string, current: unknown, integer: boolean): void {
  const name = currentScenarioName();
  const scenario = useStore.getState().doc.scenarios.find((s) => s.name === name);
  if (scenario === undefined) {
    useStore.getState().showToast('Add a scenario first (Drill tab)', 'error');
    return;
  }
  const sweep = scenario.sweep ?? EMPTY_SWEEP;
  if (!sweep.parameters.some((p) => p.path === path)) {
    const parameters = [...sweep.parameters, { path, values: valuesAround(current, integer) }];
    if (!setSweep(scenario, { ...sweep, parameters })) return;
  }
  useDrill.getState().setTab('sweep');
}
