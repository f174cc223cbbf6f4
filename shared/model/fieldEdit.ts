// Editing one field of a node's props from the inspector: read the value at a dotted path, build
// the props patch that sets it, and check it against the kind's schema before anything is written.
import type { Problem } from '../protocol';
import { PROPS_SCHEMAS } from './defaults';
import { meanOf, type Distribution } from './distributions';
import type { NodeKind } from './document';
import { schemaProblems, unknownFields } from './messages';
import type { PropsPatch } from './opTypes';

/** The value at a dotted path (`strategy.rollingUpdate.maxSurge`), or undefined. */
export function getAt(obj: unknown, path: string): unknown {
  let cur = obj;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

function setIn(obj: unknown, keys: readonly string[], value: unknown): unknown {
  const [head, ...rest] = keys;
  if (head === undefined) return value;
  const base =
    obj !== null && typeof obj === 'object' ? { ...(obj as Record<string, unknown>) } : {};
  const next = setIn(base[head], rest, value);
  if (next === undefined) delete base[head];
  else base[head] = next;
  return base;
}

/** A latency distribution switched to another form, keeping its mean where it can. */
export function switchDistribution(current: unknown, dist: string): unknown {
  const mean = isDistribution(current) ? meanOf(current) : 10;
  if (dist === 'lognormal') {
    const p50Ms = mean > 0 ? mean : 1;
    return { dist, p50Ms, p99Ms: p50Ms * 5 };
  }
  if (dist === 'empirical') {
    // A uniform spread around the mean, to be replaced by a measured table.
    return {
      dist,
      quantiles: [
        { p: 0, ms: mean / 2 },
        { p: 1, ms: (mean * 3) / 2 },
      ],
    };
  }
  return { dist, meanMs: mean };
}

function isDistribution(v: unknown): v is Distribution {
  const d = v as { dist?: unknown } | null;
  return (
    d !== null &&
    typeof d === 'object' &&
    ['constant', 'exponential', 'lognormal', 'empirical'].includes(String(d.dist))
  );
}

/**
 * The props patch (top-level keys, as `updateNode` takes) that sets `path` to `value`.
 * `undefined` removes the field. Setting a distribution's `dist` converts the whole distribution.
 */
export function propsPatchFor(props: object, path: string, value: unknown): PropsPatch {
  const keys = path.split('.');
  const top = keys[0] ?? path;
  if (keys[keys.length - 1] === 'dist' && typeof value === 'string') {
    const parent = keys.slice(0, -1);
    const converted = switchDistribution(getAt(props, parent.join('.')), value);
    return { [top]: setIn((props as Record<string, unknown>)[top], parent.slice(1), converted) };
  }
  return { [top]: setIn((props as Record<string, unknown>)[top], keys.slice(1), value) };
}

/**
 * Check one field's new value against the kind's schema. On success, the patch to give
 * `updateNode`; otherwise the problems, with paths relative to props (`serviceTime.meanMs`).
 */
export function validateField(
  kind: NodeKind,
  props: object,
  path: string,
  value: unknown,
): { ok: true; patch: PropsPatch } | { ok: false; problems: Problem[] } {
  const patch = propsPatchFor(props, path, value);
  const candidate: Record<string, unknown> = { ...(props as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete candidate[k];
    else candidate[k] = v;
  }
  const parsed = PROPS_SCHEMAS[kind].safeParse(candidate);
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, candidate) };
  const unknown = unknownFields(candidate, parsed.data, '');
  return unknown.length > 0 ? { ok: false, problems: unknown } : { ok: true, patch };
}
