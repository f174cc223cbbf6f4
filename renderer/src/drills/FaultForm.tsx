// "Add fault": the fault library (named as chaos tools name them), a target picker, every
// parameter of the action from its schema (ParamFields.tsx), start and duration. Faults the engine does not apply yet are listed but disabled,
// with the engine's reason. The same form edits the entry selected on the timeline.
import { useMemo, useState } from 'react';
import {
  FAULTS,
  faultById,
  faultOfAction,
  unsupportedReason,
  type FaultKind,
} from '../../../shared/drills/faults';
import type { Scenario, TimelineEntry } from '../../../shared/model';
import { useStore } from '../store';
import { NumField } from './fields';
import { ParamFields } from './ParamFields';
import { patchScenario } from './scenarioEdit';
import { targetOptions } from './targets';

interface Draft {
  fault: string;
  target: string;
  atS: number;
  forS: number | undefined;
  params: Record<string, unknown>;
}

function draftFor(kind: FaultKind, atS: number, target = ''): Draft {
  const params: Record<string, unknown> = {};
  for (const p of kind.params) if (!p.optional) params[p.key] = p.default;
  return { fault: kind.id, target, atS, forS: kind.moment ? undefined : kind.defaultForS, params };
}

function entryOf(d: Draft, kind: FaultKind): TimelineEntry {
  return {
    atS: d.atS,
    action: kind.action,
    ...(d.target !== '' ? { target: d.target } : {}),
    params: d.params,
    ...(d.forS !== undefined ? { forS: d.forS } : {}),
  };
}

export function FaultForm({ scenario, onAdded }: { scenario: Scenario; onAdded(i: number): void }) {
  const doc = useStore((s) => s.doc);
  const reasons = useMemo(
    () => new Map(FAULTS.map((f) => [f.id, unsupportedReason(f.action)])),
    [],
  );
  const first = FAULTS.find((f) => reasons.get(f.id) === null) ?? (FAULTS[0] as FaultKind);
  const [draft, setDraft] = useState<Draft>(() =>
    draftFor(first, Math.round(scenario.durationS / 3)),
  );
  const kind = faultById(draft.fault) ?? first;
  const targets = targetOptions(doc, kind.targets);
  const target = targets.some((t) => t.id === draft.target) ? draft.target : (targets[0]?.id ?? '');
  const reason = reasons.get(kind.id) ?? null;

  const add = () => {
    const entry = entryOf({ ...draft, target }, kind);
    const timeline = [...scenario.timeline, entry];
    if (patchScenario(scenario.name, { timeline })) onAdded(timeline.length - 1);
  };

  return (
    <form
      className="fault-form"
      aria-label="Add fault"
      onSubmit={(e) => {
        e.preventDefault();
        add();
      }}
    >
      <label className="drill-field">
        <span>Fault</span>
        <select
          aria-label="Fault"
          value={kind.id}
          onChange={(e) => {
            const k = faultById(e.target.value);
            if (k) setDraft(draftFor(k, draft.atS, draft.target));
          }}
        >
          {(['faults', 'operations'] as const).map((group) => (
            <optgroup key={group} label={group === 'faults' ? 'Faults' : 'Operations'}>
              {FAULTS.filter((f) => (group === 'operations') === (f.operation === true)).map(
                (f) => {
                  const why = reasons.get(f.id);
                  return (
                    <option key={f.id} value={f.id} disabled={why !== null} title={why ?? f.help}>
                      {f.label}
                      {why !== null ? ' — not in this engine yet' : ''}
                    </option>
                  );
                },
              )}
            </optgroup>
          ))}
        </select>
      </label>
      <p className="muted small fault-help">
        {kind.help}
        {reason !== null && <span className="why"> Engine: {reason}</span>}
      </p>
      <label className="drill-field">
        <span>Target</span>
        <select
          aria-label="Target"
          value={target}
          onChange={(e) => setDraft({ ...draft, target: e.target.value })}
        >
          {targets.length === 0 && <option value="">nothing fits</option>}
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="fault-row">
        <NumField
          label="At"
          unit="s"
          value={draft.atS}
          min={0}
          max={scenario.durationS}
          onCommit={(v) => setDraft({ ...draft, atS: v ?? 0 })}
        />
        {!kind.moment && (
          <NumField
            label="Duration"
            unit="s"
            value={draft.forS}
            min={0}
            placeholder="to the end"
            onCommit={(v) => setDraft({ ...draft, forS: v })}
          />
        )}
        <ParamFields
          action={kind.action}
          params={draft.params}
          overrides={kind.params}
          onChange={(params) => setDraft({ ...draft, params })}
        />
      </div>
      <button
        type="submit"
        className="tool primary"
        disabled={reason !== null || targets.length === 0}
        title={reason ?? undefined}
      >
        Add fault
      </button>
    </form>
  );
}

/** The selected timeline entry: its time, duration and parameters, and Delete. */
export function EntryEditor({
  scenario,
  index,
  onClose,
}: {
  scenario: Scenario;
  index: number;
  onClose(): void;
}) {
  const doc = useStore((s) => s.doc);
  const entry = scenario.timeline[index];
  if (!entry) return null;
  const kind = faultOfAction(entry.action);
  const set = (patch: Partial<TimelineEntry>, drop?: 'forS') => {
    const timeline = scenario.timeline.map((e, i) => {
      if (i !== index) return e;
      const next = { ...e, ...patch };
      if (drop) delete next[drop];
      return next;
    });
    patchScenario(scenario.name, { timeline });
  };
  const targets = targetOptions(doc, kind?.targets ?? ['node', 'edge']);
  return (
    <div className="entry-editor" aria-label="Timeline entry">
      <div className="entry-head">
        <strong>{kind?.label ?? entry.action}</strong>
        <span className="muted small">{entry.action}</span>
        <button type="button" className="link" onClick={onClose}>
          Close
        </button>
      </div>
      <label className="drill-field">
        <span>Target</span>
        <select
          aria-label="Entry target"
          value={entry.target ?? ''}
          onChange={(e) => set({ target: e.target.value })}
        >
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {t.label}
            </option>
          ))}
        </select>
      </label>
      <div className="fault-row">
        <NumField
          label="At"
          unit="s"
          value={entry.atS}
          min={0}
          onCommit={(v) => set({ atS: v ?? 0 })}
        />
        {!(kind?.moment ?? false) && (
          <NumField
            label="Duration"
            unit="s"
            value={entry.forS}
            min={0}
            placeholder="to the end"
            onCommit={(v) => (v === undefined ? set({}, 'forS') : set({ forS: v }))}
          />
        )}
        <ParamFields
          action={entry.action}
          params={entry.params}
          overrides={kind?.params}
          onChange={(params) => set({ params })}
        />
      </div>
      <button
        type="button"
        className="tool danger"
        onClick={() => {
          patchScenario(scenario.name, {
            timeline: scenario.timeline.filter((_, i) => i !== index),
          });
          onClose();
        }}
      >
        Delete
      </button>
    </div>
  );
}
