// Small inputs that commit on Enter or blur, so one edit is one undo step.
import { useState } from 'react';

export function NumField({
  value,
  onCommit,
  label,
  unit,
  min,
  max,
  step,
  placeholder,
  testId,
}: {
  value: number | undefined;
  onCommit(v: number | undefined): void;
  label: string;
  unit?: string | undefined;
  min?: number | undefined;
  max?: number | undefined;
  step?: number | undefined;
  placeholder?: string | undefined;
  testId?: string | undefined;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? (value === undefined ? '' : String(value));
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    if (draft.trim() === '') return onCommit(undefined);
    const n = Number(draft);
    if (!Number.isFinite(n)) return;
    const clamped = Math.min(max ?? Infinity, Math.max(min ?? -Infinity, n));
    if (clamped !== value) onCommit(clamped);
  };
  return (
    <label className="drill-field">
      <span>{label}</span>
      <span className="drill-input">
        <input
          type="number"
          aria-label={label}
          value={shown}
          min={min}
          max={max}
          step={step ?? 'any'}
          placeholder={placeholder}
          data-testid={testId}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
            if (e.key === 'Escape') setDraft(null);
          }}
        />
        {unit ? <span className="unit">{unit}</span> : null}
      </span>
    </label>
  );
}

export function TextField({
  value,
  onCommit,
  label,
}: {
  value: string;
  onCommit(v: string): void;
  label: string;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    if (draft.trim() !== '' && draft !== value) onCommit(draft.trim());
  };
  return (
    <input
      type="text"
      aria-label={label}
      value={draft ?? value}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          commit();
        }
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}
