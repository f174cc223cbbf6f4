// Small immutable helpers shared by the operation modules.
import type { z } from 'zod';
import type { Problem } from '../protocol';
import type { ArchDocument, Calibration } from './document';
import { schemaProblems, unknownFields } from './messages';
import type { Op, PropsPatch, Step } from './opTypes';

export function fail(path: string, message: string): Step {
  return { ok: false, problems: [{ path, message }] };
}

export function done(doc: ArchDocument, inverse: Op[]): Step {
  return { ok: true, doc, inverse };
}

export function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const at = index === undefined ? list.length : Math.max(0, Math.min(list.length, index));
  return [...list.slice(0, at), item, ...list.slice(at)];
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  const out = list.slice();
  out[index] = item;
  return out;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return [...list.slice(0, index), ...list.slice(index + 1)];
}

/** `base` with each key of `patch` replaced; an `undefined` value removes the key. */
export function patchObject<T extends object>(base: T, patch: PropsPatch): Record<string, unknown> {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

/** The values `base` had under each key of `patch` (undefined where it had none). */
export function previousValues(base: object, patch: PropsPatch): Record<string, unknown> {
  const from = base as Record<string, unknown>;
  return Object.fromEntries(Object.keys(patch).map((k) => [k, from[k]]));
}

/** Set or remove an optional `label`. */
export function withLabel<T extends { label?: string | undefined }>(
  item: T,
  label: string | null | undefined,
): T {
  if (label === undefined) return item;
  if (label !== null) return { ...item, label };
  const { label: _gone, ...rest } = item;
  return rest as T;
}

/**
 * The calibration mark after an edit: the one the op sets (null: none), or, when the op does
 * not say, the old mark without the props the edit changed by hand.
 */
export function withMark<T extends { calibrated?: Calibration | undefined }>(
  item: T,
  mark: Calibration | null | undefined,
  edited: readonly string[],
): T {
  let next: Calibration | undefined;
  if (mark !== undefined) next = mark ?? undefined;
  else if (item.calibrated === undefined) return item;
  else {
    const fields = item.calibrated.fields.filter((f) => !edited.includes(f));
    if (fields.length === item.calibrated.fields.length) return item;
    next = fields.length > 0 ? { ...item.calibrated, fields } : undefined;
  }
  const { calibrated: _old, ...rest } = item;
  return (next === undefined ? rest : { ...rest, calibrated: next }) as T;
}

/** Parse with a schema; problems carry the document path `prefix` and unknown fields are refused. */
export function parseAs<S extends z.ZodType>(
  schema: S,
  candidate: unknown,
  prefix: readonly (string | number)[],
): { ok: true; value: z.infer<S> } | { ok: false; problems: Problem[] } {
  const parsed = schema.safeParse(candidate);
  if (!parsed.success)
    return { ok: false, problems: schemaProblems(parsed.error, candidate, prefix) };
  const path = prefix
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`))
    .join('');
  const unknown = unknownFields(candidate, parsed.data, path);
  return unknown.length > 0 ? { ok: false, problems: unknown } : { ok: true, value: parsed.data };
}
