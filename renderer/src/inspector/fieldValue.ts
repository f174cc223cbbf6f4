// Turning what a user typed into a field's value, and a value into text, by the field's type.
// The schema has the last word (ranges, whole numbers); this only reads the text.
import type { FieldMeta } from '../../../shared/model';
import { quantityProblem } from '../../../shared/model/quantity';

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
      const digits = t.replace(/[\s_]/g, '');
      const n = Number(meta.percent ? digits.replace(/%$/, '') : digits);
      if (!Number.isFinite(n)) return { ok: false, message: 'must be a number' };
      return { ok: true, value: meta.percent ? fromPercent(n) : n };
    }
    case 'intOrPercent':
      if (/^\d+$/.test(t)) return { ok: true, value: Number(t) };
      if (/^\d+%$/.test(t)) return { ok: true, value: t };
      return { ok: false, message: 'must be a whole number or a percentage such as 25%' };
    case 'quantity': {
      const value = /^[+-]?(\d+\.?\d*|\.\d+)$/.test(t) ? Number(t) : t;
      const problem = quantityProblem(value);
      if (problem === null) return { ok: true, value };
      return {
        ok: false,
        message: `${problem}: write e.g. ${meta.unit === 'cores' ? '250m, 0.5 or 2' : '512Mi, 1Gi or 1G'}`,
      };
    }
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
  if (meta.percent && typeof value === 'number') return String(toPercent(value));
  return String(value);
}

/** A stored fraction as the percentage shown: 0.07 → 7 (no float noise such as 7.000000000000001). */
export const toPercent = (fraction: number) => Number((fraction * 100).toPrecision(12));
const fromPercent = (percent: number) => Number((percent / 100).toPrecision(12));

const num = (v: number) => v.toLocaleString('en').replace(/,/g, ' ');

/** `0 – 10 000 · default 2` */
export function rangeHint(meta: FieldMeta): string {
  const parts: string[] = [];
  const shown = (v: number) => num(meta.percent ? toPercent(v) : v);
  if (meta.min !== undefined || meta.max !== undefined) {
    const lo = meta.min === undefined ? '' : `${meta.minExclusive ? '> ' : ''}${shown(meta.min)}`;
    const hi = meta.max === undefined ? '' : `${meta.maxExclusive ? '< ' : ''}${shown(meta.max)}`;
    parts.push(lo && hi ? `${lo} – ${hi}` : lo ? `≥ ${lo}` : `≤ ${hi}`);
  }
  if (meta.default !== undefined && typeof meta.default !== 'object') {
    parts.push(
      `default ${meta.percent && typeof meta.default === 'number' ? toPercent(meta.default) : String(meta.default)}`,
    );
  }
  return parts.join(' · ');
}
