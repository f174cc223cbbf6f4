// After a run with live actions: "Add these live actions to the scenario timeline", so the drill
// replays exactly as a batch run.
import { useState } from 'react';
import { commandsToTimeline, mergeTimeline } from '../../../shared/drills/replay';
import { useStore } from '../store';
import type { FinishedRun } from '../store/runSlice';
import { patchScenario } from './scenarioEdit';

export function LiveActionsOffer({ run }: { run: FinishedRun }) {
  const [added, setAdded] = useState<number | null>(null);
  const exists = useStore((s) => s.doc.scenarios.some((x) => x.name === run.scenario));
  const commands = run.result.commands;
  if (commands.length === 0 || !exists) return null;
  if (added === run.key)
    return (
      <span className="small muted">Added to “{run.scenario}” — run it in batch to replay.</span>
    );
  return (
    <button
      type="button"
      className="tool outlined"
      onClick={() => {
        const scenario = useStore.getState().doc.scenarios.find((x) => x.name === run.scenario);
        if (!scenario) return;
        const timeline = mergeTimeline(scenario.timeline, commandsToTimeline(commands));
        if (patchScenario(scenario.name, { timeline })) setAdded(run.key);
      }}
    >
      {commands.length === 1
        ? 'Add this live action to the scenario timeline'
        : `Add these ${commands.length} live actions to the scenario timeline`}
    </button>
  );
}
