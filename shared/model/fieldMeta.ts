// What the inspector needs to build a form from the zod schemas: every editable field of a kind,
// with its label, unit, range, default, help text and options. Nested objects are flattened into
// dotted paths (`serviceTime.meanMs`, `strategy.rollingUpdate.maxSurge`).
import { z } from 'zod';
import { PROPS_SCHEMAS, EDGE_PROPS_SCHEMAS } from './defaults';
import type { NodeKind } from './document';
import type { EdgeKind } from './rules';

export type FieldType =
  | 'number'
  | 'integer'
  | 'string'
  | 'boolean'
  | 'enum'
  /** Kubernetes' IntOrString: a whole number or a percentage such as "25%". */
  | 'intOrPercent'
  /** A list (routes, traffic shapes, commands): edited as a whole. */
  | 'list'
  /** A Kubernetes quantity ("250m", "1.5", "512Mi"): a container's requests and limits. */
  | 'quantity';

export interface FieldMeta {
  /** Dotted path inside `props`. */
  path: string;
  /** Human label without the unit: `timeoutMs` → `Timeout`. */
  label: string;
  /** Human label of the enclosing object, for nested fields: `Service time`. */
  section?: string;
  type: FieldType;
  /** From the name suffix: `ms`, `s`, `requests/s`; `%` for a rate or ratio shown in percent. */
  unit?: string;
  /**
   * A rate or ratio stored as a fraction 0…1 (errorRate, hitRatio): the app shows and reads it
   * in % (0.05 is shown and typed as 5); min, max and default stay in the stored unit.
   */
  percent?: boolean;
  min?: number;
  max?: number;
  /** True when the bound itself is not allowed (`> 0` rather than `≥ 0`). */
  minExclusive?: boolean;
  maxExclusive?: boolean;
  default?: unknown;
  description?: string;
  options?: readonly string[];
  /** The field may be left out. */
  optional?: boolean;
  /** Path of the nearest optional object this field is in (e.g. `readinessProbe`). */
  within?: string;
  /** Shown only when the union's tag at `path` has one of `values` (e.g. `serviceTime.dist`). */
  when?: { path: string; values: string[] };
}

/** The editable fields of a node kind's props. */
export function fieldsOf(kind: NodeKind): FieldMeta[] {
  return fieldsOfSchema(PROPS_SCHEMAS[kind]);
}

/** The editable fields of an edge kind's props. */
export function edgeFieldsOf(kind: EdgeKind): FieldMeta[] {
  return fieldsOfSchema(EDGE_PROPS_SCHEMAS[kind]);
}

export function fieldsOfSchema(schema: z.ZodObject): FieldMeta[] {
  const out: FieldMeta[] = [];
  walkObject(schema, [], { optional: false, inherited: undefined }, out);
  return out;
}

interface Context {
  optional: boolean;
  inherited: unknown;
  within?: string;
  when?: { path: string; values: string[] };
  description?: string;
}

function walkObject(schema: z.ZodObject, at: string[], ctx: Context, out: FieldMeta[]): void {
  for (const [key, child] of Object.entries(schema.shape)) {
    const inherited = (ctx.inherited as Record<string, unknown> | undefined)?.[key];
    walk(child as z.ZodType, [...at, key], { ...ctx, optional: false, inherited }, out);
  }
}

function walk(schema: z.ZodType, at: string[], ctx: Context, out: FieldMeta[]): void {
  const description = ctx.description ?? schema.description;
  const next = description === undefined ? ctx : { ...ctx, description };
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodPrefault) {
    const value: unknown = schema.def.defaultValue;
    walk(schema.unwrap() as z.ZodType, at, { ...next, inherited: value }, out);
    return;
  }
  if (schema instanceof z.ZodOptional) {
    walk(schema.unwrap() as z.ZodType, at, { ...next, optional: true }, out);
    return;
  }
  const path = at.join('.');
  if (schema instanceof z.ZodObject) {
    const inner: Context = { ...ctx, ...(ctx.optional ? { within: path } : {}) };
    delete inner.description;
    walkObject(schema, at, inner, out);
    return;
  }
  if (schema instanceof z.ZodDiscriminatedUnion) {
    walkVariants(schema, at, next, out);
    return;
  }
  out.push(leaf(schema, at, next));
}

function walkVariants(
  schema: z.ZodDiscriminatedUnion,
  at: string[],
  ctx: Context,
  out: FieldMeta[],
): void {
  const tag = String(schema.def.discriminator);
  const tagPath = [...at, tag].join('.');
  const variants = schema.options as unknown as z.ZodObject[];
  const values = variants.map((v) => String((v.shape[tag] as z.ZodLiteral).value));
  const current = ctx.inherited as Record<string, unknown> | undefined;
  const base: Context = { optional: false, inherited: undefined };
  if (ctx.within !== undefined) base.within = ctx.within;
  const tagField = leaf(z.enum(values as [string, ...string[]]), [...at, tag], {
    ...base,
    inherited: current?.[tag],
    ...(ctx.description === undefined ? {} : { description: ctx.description }),
  });
  const collected: FieldMeta[] = [tagField];
  variants.forEach((variant, i) => {
    const value = values[i] as string;
    for (const [key, child] of Object.entries(variant.shape)) {
      if (key === tag) continue;
      const found: FieldMeta[] = [];
      const inherited = current?.[tag] === value ? current[key] : undefined;
      walk(child as z.ZodType, [...at, key], { ...base, inherited }, found);
      for (const f of found) {
        const same = collected.find((c) => c.path === f.path);
        if (same?.when) {
          same.when.values.push(value);
          if (same.default === undefined && f.default !== undefined) same.default = f.default;
          if (f.default !== undefined && f.description !== undefined) {
            same.description = f.description;
          }
        } else collected.push({ ...f, when: { path: tagPath, values: [value] } });
      }
    }
  });
  out.push(...collected);
}

function leaf(schema: z.ZodType, at: string[], ctx: Context): FieldMeta {
  const key = at[at.length - 1] ?? '';
  const { label, unit } = labelOf(key);
  const meta: FieldMeta = { path: at.join('.'), label, type: 'string' };
  if (at.length > 1)
    meta.section = at
      .slice(0, -1)
      .map((k) => labelOf(k).label)
      .join(' › ');
  if (unit !== undefined) meta.unit = unit;
  if (ctx.description !== undefined) meta.description = ctx.description;
  if (ctx.inherited !== undefined) meta.default = ctx.inherited;
  if (ctx.optional) meta.optional = true;
  if (ctx.within !== undefined) meta.within = ctx.within;
  if (schema instanceof z.ZodNumber) {
    meta.type = schema.isInt ? 'integer' : 'number';
    Object.assign(meta, bounds(schema));
    if (meta.min === 0 && meta.max === 1 && /(Rate|Ratio|Share)$|^probability$/.test(key)) {
      meta.percent = true;
      meta.unit = '%';
    }
  } else if (schema instanceof z.ZodBoolean) {
    meta.type = 'boolean';
  } else if (schema instanceof z.ZodEnum) {
    meta.type = 'enum';
    meta.options = schema.options.map(String);
  } else if (schema instanceof z.ZodArray) {
    meta.type = 'list';
  } else if (schema instanceof z.ZodUnion) {
    const kinds = schema.options.map((o) => (o as z.ZodType).def.type).sort();
    const resource = at.length >= 2 && /^(requests|limits)$/.test(at[at.length - 2] ?? '');
    if (kinds.join() === 'number,string' && resource && (key === 'cpu' || key === 'memory')) {
      meta.type = 'quantity';
      meta.unit = key === 'cpu' ? 'cores' : 'bytes';
    } else if (kinds.join() === 'number,string') {
      meta.type = 'intOrPercent';
      meta.min = 0;
    }
  }
  return meta;
}

function bounds(schema: z.ZodNumber): Partial<FieldMeta> {
  const out: Partial<FieldMeta> = {};
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { check: string; value?: unknown; inclusive?: boolean };
    if (typeof def.value !== 'number') continue;
    if (def.check === 'greater_than') {
      out.min = def.value;
      if (def.inclusive === false) out.minExclusive = true;
    } else if (def.check === 'less_than') {
      out.max = def.value;
      if (def.inclusive === false) out.maxExclusive = true;
    }
  }
  return out;
}

const LABELS: Record<string, string> = {
  rps: 'Rate',
  toRps: 'Rate reached',
  p50Ms: 'Median (p50)',
  p99Ms: '99th percentile (p99)',
  dist: 'Distribution',
  maxSurge: 'Max surge',
  maxUnavailable: 'Max unavailable',
  onCacheMiss: 'Only on a cache miss',
  calls: 'Calls per request',
  cpu: 'CPU',
  cpuTime: 'CPU time',
  ioTime: 'IO time',
  syscallsPerRequest: 'Syscalls per request',
  stackKiB: 'Stack per thread',
  memoryPerRequestKiB: 'Memory per request',
  baseMemoryMi: 'Base memory',
};

/** `timeoutMs` → Timeout (ms); `initialDelaySeconds` → Initial delay (s); `rps` → Rate (requests/s). */
export function labelOf(key: string): { label: string; unit?: string } {
  let unit: string | undefined;
  let stem = key;
  const suffix = /^(.*?[a-z0-9])(PerS|Ms|Us|Seconds|S|Rps|KiB|Mi)$/.exec(key);
  if (suffix) {
    stem = suffix[1] ?? key;
    unit = {
      PerS: '/s',
      Ms: 'ms',
      Us: 'µs',
      Seconds: 's',
      S: 's',
      Rps: 'requests/s',
      KiB: 'KiB',
      Mi: 'MiB',
    }[suffix[2] ?? ''];
  } else if (key === 'rps') {
    unit = 'requests/s';
  }
  const words = stem.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  const label = LABELS[key] ?? words.charAt(0).toUpperCase() + words.slice(1);
  return unit === undefined ? { label } : { label, unit };
}
