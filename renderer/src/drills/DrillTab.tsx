// The Drill tab: the scenario (add, rename, duplicate, delete, duration), its timeline of faults
// and operations over the traffic shape, "Add fault", and the SLOs beside it.
import { useState } from 'react';
import { useStore } from '../store';
import { EntryEditor, FaultForm } from './FaultForm';
import { NumField, TextField } from './fields';
import { addScenario, patchScenario, removeScenario, useScenario } from './scenarioEdit';
import { SloList } from './SloList';
import { TimelineEditor } from './TimelineEditor';

export function DrillTab() {
  const scenario = useScenario();
  const count = useStore((s) => s.doc.scenarios.length);
  const [selected, setSelected] = useState<number | null>(null);
  if (!scenario)
    return (
      <div className="drill">
        <p className="muted">This document has no scenario yet.</p>
        <button type="button" className="tool primary" onClick={() => addScenario()}>
          Add scenario
        </button>
      </div>
    );
  const picked = selected !== null && selected < scenario.timeline.length ? selected : null;
  return (
    <div className="drill" data-testid="drill-tab">
      <div className="scenario-bar">
        <label className="drill-field inline">
          <span>Scenario</span>
          <TextField
            label="Scenario name"
            value={scenario.name}
            onCommit={(name) => patchScenario(scenario.name, { name })}
          />
        </label>
        <NumField
          label="Duration"
          unit="s"
          value={scenario.durationS}
          min={1}
          max={604_800}
          onCommit={(v) => v !== undefined && patchScenario(scenario.name, { durationS: v })}
        />
        <NumField
          label="Seed"
          value={scenario.seed}
          min={0}
          step={1}
          onCommit={(v) => v !== undefined && patchScenario(scenario.name, { seed: Math.round(v) })}
        />
        <span className="scenario-actions">
          <button type="button" className="tool" onClick={() => addScenario()}>
            New
          </button>
          <button type="button" className="tool" onClick={() => addScenario(scenario)}>
            Duplicate
          </button>
          <button
            type="button"
            className="tool danger"
            disabled={count <= 1}
            title={count <= 1 ? 'A document keeps at least one scenario' : undefined}
            onClick={() => removeScenario(scenario.name)}
          >
            Delete
          </button>
        </span>
      </div>
      <div className="drill-body">
        <div className="drill-main">
          <TimelineEditor scenario={scenario} selected={picked} onSelect={setSelected} />
          {picked !== null ? (
            <EntryEditor scenario={scenario} index={picked} onClose={() => setSelected(null)} />
          ) : (
            <FaultForm scenario={scenario} onAdded={() => setSelected(null)} />
          )}
        </div>
        <SloList scenario={scenario} />
      </div>
    </div>
  );
}
