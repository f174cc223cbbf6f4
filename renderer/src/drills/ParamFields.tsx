// A timeline action's params as form fields, built from the action's schema (model/actions.ts),
// the one the engine checks entries against: every param the engine accepts is offered. The
// fault library (drills/faults.ts) only adds friendlier labels, units and defaults.
import { useState } from 'react';
import type { FaultParam } from '../../../shared/drills/faults';
import {
  ACTION_PARAM_ALIASES,
  ACTION_PARAMS,
  fieldsOfSchema,
  isActionName,
  type FieldMeta,
} from '../../../shared/model';
import { NumField } from './fields';

const cache = new Map<string, FieldMeta[]>();

/** The form fields of an action's params (none for an unknown action). */
export function paramFieldsOf(action: string): FieldMeta[] {
  let fields = cache.get(action);
  if (fields === undefined) {
    const aliases: readonly string[] = isActionName(action)
      ? (ACTION_PARAM_ALIASES[action] ?? [])
      : [];
    fields = isActionName(action)
      ? fieldsOfSchema(ACTION_PARAMS[action]).filter(
          (f) => !aliases.includes(f.path.split('.')[0] as string),
        )
      : [];
    cache.set(action, fields);
  }
  return fields;
}

/** Labels for params whose names say little on their own. */
const PLAIN: Record<string, { label: string; unit?: string }> = {
  ms: { label: 'Delay', unit: 'ms' },
  percent: { label: 'Share', unit: '%' },
  load: { label: 'CPU taken', unit: '%' },
  factor: { label: 'Slower by', unit: '×' },
  a: { label: 'Side A (node ids)' },
  b: { label: 'Side B (node ids)' },
  zones: { label: 'Between zones' },
};

function valueAt(params: Record<string, unknown>, path: string): unknown {
  let cur: unknown = params;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** A copy of `params` with `path` set to `value` (undefined removes it, and empty objects above). */
export function withParam(
  params: Record<string, unknown>,
  path: string,
  value: unknown,
): Record<string, unknown> {
  const [key, ...rest] = path.split('.') as [string, ...string[]];
  const out = { ...params };
  if (rest.length === 0) {
    if (value === undefined) delete out[key];
    else out[key] = value;
    return out;
  }
  const inner = out[key];
  const next = withParam(
    typeof inner === 'object' && inner !== null ? (inner as Record<string, unknown>) : {},
    rest.join('.'),
    value,
  );
  if (Object.keys(next).length === 0) delete out[key];
  else out[key] = next;
  return out;
}

export function ParamFields({
  action,
  params,
  overrides = [],
  onChange,
}: {
  action: string;
  params: Record<string, unknown>;
  /** The fault library's labels, units and bounds for some params. */
  overrides?: readonly FaultParam[] | undefined;
  onChange(params: Record<string, unknown>): void;
}) {
  const set = (path: string, v: unknown) => onChange(withParam(params, path, v));
  return (
    <>
      {paramFieldsOf(action).map((f) => {
        if (f.when && !f.when.values.includes(String(valueAt(params, f.when.path)))) return null;
        const o = overrides.find((p) => p.key === f.path);
        const plain = PLAIN[f.path];
        const label =
          o?.label ?? plain?.label ?? (f.section ? `${f.section}: ${f.label}` : f.label);
        const unit = o?.unit ?? plain?.unit ?? f.unit;
        const value = valueAt(params, f.path);
        const help = f.description;
        switch (f.type) {
          case 'number':
          case 'integer':
            return (
              <NumField
                key={f.path}
                label={label}
                unit={unit}
                value={typeof value === 'number' ? value : undefined}
                min={o?.min ?? f.min}
                max={o?.max ?? f.max}
                step={f.type === 'integer' ? 1 : undefined}
                placeholder={f.optional || f.within ? 'default' : undefined}
                onCommit={(v) => set(f.path, v)}
              />
            );
          case 'boolean':
            return (
              <label key={f.path} className="drill-field drill-check" title={help}>
                <span>{label}</span>
                <input
                  type="checkbox"
                  aria-label={label}
                  checked={value === true}
                  onChange={(e) => set(f.path, e.target.checked ? true : undefined)}
                />
              </label>
            );
          case 'enum':
            return (
              <label key={f.path} className="drill-field" title={help}>
                <span>{label}</span>
                <select
                  aria-label={label}
                  value={typeof value === 'string' ? value : ''}
                  onChange={(e) => {
                    const v = e.target.value === '' ? undefined : e.target.value;
                    // Clearing the tag of an optional object (a distribution) removes the object.
                    set(v === undefined && f.within ? f.within : f.path, v);
                  }}
                >
                  {(f.optional || f.within) && <option value="">default</option>}
                  {(f.options ?? []).map((opt) => (
                    <option key={opt} value={opt}>
                      {opt}
                    </option>
                  ))}
                </select>
              </label>
            );
          case 'list':
            return (
              <TextParam
                key={f.path}
                label={label}
                help={help}
                value={Array.isArray(value) ? value.join(', ') : ''}
                onCommit={(text) => {
                  const ids = text
                    .split(',')
                    .map((s) => s.trim())
                    .filter((s) => s !== '');
                  set(f.path, ids.length === 0 ? undefined : ids);
                }}
              />
            );
          default:
            return (
              <TextParam
                key={f.path}
                label={label}
                help={help}
                value={typeof value === 'string' ? value : ''}
                onCommit={(text) => set(f.path, text.trim() === '' ? undefined : text.trim())}
              />
            );
        }
      })}
    </>
  );
}

/** A text param that commits on Enter or blur; empty means absent. */
function TextParam({
  label,
  help,
  value,
  onCommit,
}: {
  label: string;
  help: string | undefined;
  value: string;
  onCommit(text: string): void;
}) {
  const [draft, setDraft] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    if (draft !== value) onCommit(draft);
  };
  return (
    <label className="drill-field" title={help}>
      <span>{label}</span>
      <span className="drill-input">
        <input
          type="text"
          aria-label={label}
          value={draft ?? value}
          placeholder="default"
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
      </span>
    </label>
  );
}
