import { useId, useState } from 'react';
import type { FieldMeta } from '../../../shared/model';
import { formatField, MIXED, parseField, rangeHint } from './fieldValue';

export interface FieldInputProps {
  meta: FieldMeta;
  value: unknown;
  /** The reason the last value was refused, shown on the field. */
  error?: string | undefined;
  /** Check and write a new value; the form shows the error if it is refused. */
  onCommit(value: unknown): void;
  /** Say why typed text could not be read at all. */
  onInvalid(message: string): void;
  /** Offered on numbers: add this field to the scenario's sweep. */
  onSweep?: (() => void) | undefined;
}

/** One field of a form built from the model's field metadata. */
export function FieldInput({ meta, value, error, onCommit, onInvalid, onSweep }: FieldInputProps) {
  const id = useId();
  const mixed = value === MIXED;
  const [draft, setDraft] = useState(() => formatField(meta, value));
  const commitText = (text: string) => {
    if (mixed && text === '') return;
    if (text === formatField(meta, value) && !error) return;
    const parsed = parseField(meta, text);
    if (parsed.ok) onCommit(parsed.value);
    else onInvalid(parsed.message);
  };
  const hint = rangeHint(meta);
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? `${id}-error` : undefined,
  } as const;
  let input;
  if (meta.type === 'boolean') {
    input = (
      <input
        {...common}
        type="checkbox"
        checked={value === true}
        ref={(el) => {
          if (el) el.indeterminate = mixed;
        }}
        onChange={(e) => onCommit(e.target.checked)}
      />
    );
  } else if (meta.type === 'enum') {
    input = (
      <select
        {...common}
        value={mixed ? '' : String(value ?? '')}
        onChange={(e) =>
          onCommit(e.target.value === '' && meta.optional ? undefined : e.target.value)
        }
      >
        {(mixed || meta.optional) && <option value="">{mixed ? '(mixed)' : '(none)'}</option>}
        {meta.options?.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  } else if (meta.type === 'list') {
    input = (
      <textarea
        {...common}
        rows={3}
        value={draft}
        placeholder={mixed ? '(mixed)' : '[]'}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commitText(draft)}
      />
    );
  } else {
    input = (
      <input
        {...common}
        type="text"
        inputMode={meta.type === 'number' || meta.type === 'integer' ? 'decimal' : undefined}
        value={draft}
        placeholder={mixed ? '(mixed)' : meta.optional ? '(none)' : ''}
        onChange={(e) => setDraft(e.target.value)}
        onBlur={() => commitText(draft)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commitText(draft);
          if (e.key === 'Escape') setDraft(formatField(meta, value));
        }}
      />
    );
  }
  return (
    <div className={`field${error ? ' invalid' : ''}${meta.type === 'boolean' ? ' check' : ''}`}>
      <label htmlFor={id} id={`${id}-label`} title={meta.description}>
        {meta.label}
        {meta.unit && <span className="unit"> ({meta.unit})</span>}
      </label>
      <div className="field-control">
        {input}
        {onSweep && (
          <button
            type="button"
            className="tool small sweep-this"
            title="Sweep this: run the scenario over several values of this field"
            aria-describedby={`${id}-label`}
            onClick={onSweep}
          >
            Sweep
          </button>
        )}
      </div>
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : (
        (meta.description || hint) && (
          <div className="field-help">
            {meta.description}
            {meta.description && hint ? ' · ' : ''}
            {hint}
          </div>
        )
      )}
    </div>
  );
}
