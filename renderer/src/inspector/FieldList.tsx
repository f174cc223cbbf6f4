import { useState, type ReactNode } from 'react';
import type { FieldMeta } from '../../../shared/model';
import { FieldInput } from './FieldInput';
import { MIXED } from './fieldValue';
import { subheading } from './sections';

export interface FieldListProps {
  fields: readonly FieldMeta[];
  /** The shown value at a path: the shared one, or MIXED. */
  valueAt(path: string): unknown;
  /** Check and write; returns the reason when refused (nothing is written then). */
  commit(path: string, value: unknown): string | null;
  /** Offered beside number fields: add the field at this path to the scenario's sweep. */
  sweep?: ((path: string, value: unknown, integer: boolean) => void) | undefined;
  /** A line shown under the first field of a prop (e.g. "from traces, 12,400 spans, …"). */
  note?: ((prop: string) => string | undefined) | undefined;
}

const stringify = (v: unknown) => (v === MIXED ? 'mixed' : (JSON.stringify(v) ?? 'undefined'));

/** A form from field metadata: sections, conditional fields, optional blocks, errors per field. */
export function FieldList({ fields, valueAt, commit, sweep, note }: FieldListProps) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const setError = (path: string, message: string | null) =>
    setErrors((e) => {
      const next = { ...e };
      if (message === null) delete next[path];
      else next[path] = message;
      return next;
    });
  const visible = fields.filter((f) => {
    if (f.when && !f.when.values.includes(String(valueAt(f.when.path)))) return false;
    return true;
  });
  const rows: ReactNode[] = [];
  let section: string | undefined;
  let group: string | undefined;
  const offered = new Set<string>();
  const noted = new Set<string>();
  for (const f of visible) {
    // A new top-level group (Workload, Deployment, Pods, …) gets its heading first, even when
    // what follows is an optional block that is not set.
    const top = f.section?.split(' › ')[0];
    if (top !== undefined && top !== group) {
      rows.push(
        <div key={`g-${f.path}`} className="field-section">
          {top}
        </div>,
      );
      section = top;
    }
    group = top;
    if (f.within !== undefined && valueAt(f.within) === undefined) {
      // A block inside one that is not set either is offered once the outer one is added.
      const outer = f.within;
      if ([...offered].some((w) => outer.startsWith(`${w}.`) && valueAt(w) === undefined)) continue;
      if (offered.has(f.within)) continue;
      offered.add(f.within);
      const within = f.within;
      rows.push(
        <div key={`add-${within}`} className="field optional-block">
          <span className="muted">{blockName(f, within)}: not set</span>
          <button type="button" className="tool small" onClick={() => commit(within, {})}>
            Add
          </button>
        </div>,
      );
      continue;
    }
    if (f.section !== section) {
      section = f.section;
      const within = f.within;
      if (section) {
        rows.push(
          <div key={`s-${f.path}`} className="field-section">
            {subheading(section)}
            {within !== undefined && !offered.has(within) && (
              <button
                type="button"
                className="tool small"
                onClick={() => commit(within, undefined)}
              >
                Remove
              </button>
            )}
          </div>,
        );
      }
      if (within !== undefined) offered.add(within);
    }
    const value = valueAt(f.path);
    rows.push(
      <FieldInput
        key={`${f.path}=${stringify(value)}`}
        meta={f}
        value={value}
        error={errors[f.path]}
        onCommit={(v) => setError(f.path, commit(f.path, v))}
        onInvalid={(m) => setError(f.path, `${f.label} ${m}`)}
        onSweep={
          sweep && (f.type === 'number' || f.type === 'integer')
            ? () => sweep(f.path, value, f.type === 'integer')
            : undefined
        }
      />,
    );
    const prop = f.path.split('.')[0] ?? f.path;
    const text = noted.has(prop) ? undefined : note?.(prop);
    if (text !== undefined) {
      noted.add(prop);
      rows.push(
        <div key={`note-${f.path}`} className="field-note muted small" data-calibrated={prop}>
          {text}
        </div>,
      );
    }
  }
  return <div className="field-list">{rows}</div>;
}

/**
 * The heading of an optional block that is not set: the field's section cut to the block's depth
 * (`hpa.behavior` → HorizontalPodAutoscaler › behavior, not its first nested part).
 */
function blockName(f: FieldMeta, within: string): string {
  if (!f.section) return within;
  const parts = subheading(f.section).split(' › ');
  return parts.slice(0, within.split('.').length).join(' › ');
}
