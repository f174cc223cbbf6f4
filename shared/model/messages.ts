// Plain wording for schema problems: zod's issues become `must be ≥ 0`, `must be one of poisson,
// constant`, `is required`, each with the JSON path of the bad field.
import type { z } from 'zod';
import { formatPath, type Problem } from '../protocol';

type Issue = z.core.$ZodIssue;

/** The value at a path inside raw JSON, or undefined. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return cur;
}

function describeType(expected: string): string {
  switch (expected) {
    case 'int':
      return 'a whole number';
    case 'number':
      return 'a number';
    case 'string':
      return 'text';
    case 'boolean':
      return 'true or false';
    case 'array':
      return 'a list';
    case 'object':
    case 'record':
      return 'an object';
    default:
      return `of type ${expected}`;
  }
}

function num(n: number | bigint): string {
  return String(n);
}

function sizeWords(origin: string, n: number | bigint, least: boolean): string {
  const atLeast = least ? 'at least' : 'at most';
  if (origin === 'string') {
    if (least && Number(n) === 1) return 'must not be empty';
    return `must be ${atLeast} ${num(n)} characters`;
  }
  if (origin === 'array' || origin === 'set') {
    if (least && Number(n) === 1) return 'must have at least one item';
    return `must have ${atLeast} ${num(n)} items`;
  }
  return `must have ${atLeast} ${num(n)} entries`;
}

function quote(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v);
}

/** One issue in plain words (without its path). `input` is the raw document it came from. */
export function issueMessage(issue: Issue, input: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const got = valueAt(input, issue.path);
      if (got === undefined) return 'is required';
      if (issue.expected === 'int' && typeof got === 'number') return 'must be a whole number';
      return `must be ${describeType(issue.expected)}`;
    }
    case 'too_small': {
      const origin = String(issue.origin);
      if (origin === 'number' || origin === 'bigint' || origin === 'date') {
        return `must be ${issue.inclusive === false ? '>' : '≥'} ${num(issue.minimum)}`;
      }
      return sizeWords(origin, issue.minimum, true);
    }
    case 'too_big': {
      const origin = String(issue.origin);
      if (origin === 'number' || origin === 'bigint' || origin === 'date') {
        return `must be ${issue.inclusive === false ? '<' : '≤'} ${num(issue.maximum)}`;
      }
      return sizeWords(origin, issue.maximum, false);
    }
    case 'invalid_value': {
      const values = issue.values.map(quote);
      if (values.length === 1) return `must be ${JSON.stringify(issue.values[0])}`;
      return `must be one of ${values.join(', ')}`;
    }
    case 'invalid_union': {
      const { options, note } = issue as { options?: unknown[]; note?: string };
      if (note === 'No matching discriminator' && Array.isArray(options)) {
        if (valueAt(input, issue.path) === undefined) return 'is required';
        return `must be one of ${options.map(quote).join(', ')}`;
      }
      return 'does not match any allowed form';
    }
    case 'invalid_format': {
      if (issue.format === 'regex' && issue.message.startsWith('Invalid string')) {
        if (issue.pattern === '/^\\d+%$/') return 'must be a percentage like "25%"';
        return `must match ${issue.pattern ?? 'the expected pattern'}`;
      }
      if (issue.message.startsWith('Invalid')) return `must be a valid ${issue.format}`;
      return issue.message;
    }
    case 'not_multiple_of':
      return `must be a multiple of ${num(issue.divisor)}`;
    case 'unrecognized_keys':
      return `has unknown fields: ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'has an invalid key';
    case 'invalid_element':
      return 'has an invalid element';
    case 'custom':
      return issue.message;
  }
}

/** Zod's issues as problems with JSON paths (`nodes[3].props.replicas`) and plain messages. */
/** `prefix` is where `input` sits in the document, e.g. `['nodes', 3]`. */
export function schemaProblems(
  error: z.ZodError,
  input: unknown,
  prefix: readonly PropertyKey[] = [],
): Problem[] {
  return error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issueMessage(issue, input),
  }));
}

/**
 * Keys in the input that the schema does not know, which a parse would silently drop.
 * `path` is where `raw` sits in the document (`''` for the document itself).
 */
export function unknownFields(raw: unknown, parsed: unknown, path: string): Problem[] {
  if (Array.isArray(raw) && Array.isArray(parsed)) {
    return raw.flatMap((item, i) => unknownFields(item, parsed[i], `${path}[${i}]`));
  }
  if (!isPlainObject(raw) || !isPlainObject(parsed)) return [];
  const out: Problem[] = [];
  for (const key of Object.keys(raw)) {
    const at = path === '' ? key : `${path}.${key}`;
    if (!Object.hasOwn(parsed, key)) out.push({ path: at, message: 'is not a known field' });
    else for (const p of unknownFields(raw[key], parsed[key], at)) out.push(p);
  }
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
