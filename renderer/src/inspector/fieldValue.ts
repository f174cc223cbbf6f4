// Turning what a user typed into a field's value, and a value into text, by the field's type.
// The schema has the last word (ranges, whole numbers); this only reads the text.
import type { FieldMeta } from '../../../shared/model';

/** Shown where a multi-selection's values differ. */
export const MIXED = Symbol('mixed');

export type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

export function parseField(meta: FieldMeta, text: string): Parsed {
  const t = text.trim();
  if (t === '' && meta.type !== 'string') {
    return meta.optional ? { ok: true, value: undefined } : { ok: false, message: 'is required' };
  }
  switch (meta.type) {
    case 'number':
    case 'integer': {
      const n = Number(t.replace(/[\s_]/g, ''));
      return Number.isFinite(n)
        ? { ok: true, value: n }
        : { ok: false, message: 'must be a number' };
    }
    case 'intOrPercent':
      if (/^\d+$/.test(t)) return { ok: true, value: Number(t) };
      if (/^\d+%$/.test(t)) return { ok: true, value: t };
      return { ok: false, message: 'must be a whole number or a percentage such as 25%' };
    case 'list':
      try {
        const v: unknown = JSON.parse(t);
        return Array.isArray(v)
          ? { ok: true, value: v }
          : { ok: false, message: 'must be a JSON list' };
      } catch {
        return { ok: false, message: 'must be a JSON list, e.g. []' };
      }
    default:
      return { ok: true, value: text };
  }
}

export function formatField(meta: FieldMeta, value: unknown): string {
  if (value === undefined || value === null || value === MIXED) return '';
  if (meta.type === 'list') return JSON.stringify(value, null, 1);
  return String(value);
}

const num = (v: number) => v.toLocaleString('en').replace(/,/g, ' ');

/** `0 – 10 000 · default 2` */
export function rangeHint(meta: FieldMeta): string {
  const parts: string[] = [];
  if (meta.min !== undefined || meta.max !== undefined) {
    const lo = meta.min === undefined ? '' : `${meta.minExclusive ? '> ' : ''}${num(meta.min)}`;
    const hi = meta.max === undefined ? '' : `${meta.maxExclusive ? '< ' : ''}${num(meta.max)}`;
    parts.push(lo && hi ? `${lo} – ${hi}` : lo ? `≥ ${lo}` : `≤ ${hi}`);
  }
  if (meta.default !== undefined && typeof meta.default !== 'object') {
    parts.push(`default ${String(meta.default)}`);
  }
  return parts.join(' · ');
}
