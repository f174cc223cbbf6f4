// The scenario the Drill tab edits (the one the run controls picked) and the edits it makes: each
// goes through the store's apply, so each is one undo step.
import type { Scenario } from '../../../shared/model';
import { useRunPrefs } from '../run/runPrefs';
import { useStore } from '../store';

export function currentScenarioName(): string | undefined {
  const { doc } = useStore.getState();
  const chosen = useRunPrefs.getState().scenario;
  return chosen && doc.scenarios.some((s) => s.name === chosen) ? chosen : doc.scenarios[0]?.name;
}

export function useScenario(): Scenario | undefined {
  const scenarios = useStore((s) => s.doc.scenarios);
  const chosen = useRunPrefs((p) => p.scenario);
  return scenarios.find((s) => s.name === chosen) ?? scenarios[0];
}

function report(ok: boolean, problems: { message: string }[] = []) {
  if (!ok) useStore.getState().showToast(problems[0]?.message ?? 'Not changed', 'error');
  return ok;
}

export function patchScenario(name: string, patch: Partial<Scenario>): boolean {
  const r = useStore.getState().apply([{ type: 'updateScenario', name, patch }]);
  if (r.ok && patch.name !== undefined && patch.name !== name)
    useRunPrefs.getState().setScenario(patch.name);
  return report(r.ok, r.ok ? [] : r.problems);
}

function freeName(base: string): string {
  const names = new Set(useStore.getState().doc.scenarios.map((s) => s.name));
  if (!names.has(base)) return base;
  for (let i = 2; ; i++) if (!names.has(`${base} ${i}`)) return `${base} ${i}`;
}

export function addScenario(from?: Scenario): void {
  const name = freeName(from ? `${from.name} copy` : 'drill');
  const scenario: Scenario = from
    ? { ...structuredClone(from), name }
    : { name, durationS: 60, seed: 1, warmupS: 0, timeline: [], slos: [] };
  const r = useStore.getState().apply([{ type: 'addScenario', scenario }]);
  if (report(r.ok, r.ok ? [] : r.problems)) useRunPrefs.getState().setScenario(name);
}

export function removeScenario(name: string): void {
  const r = useStore.getState().apply([{ type: 'removeScenario', name }]);
  if (report(r.ok, r.ok ? [] : r.problems)) useRunPrefs.getState().setScenario(undefined);
}
