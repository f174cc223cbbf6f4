// Loading, checking and saving documents. A file that fails to load gives one problem per bad
// field, each with the JSON path of the field and a plain reason; nothing is half-loaded.
import type { Problem } from '../protocol';
import { ArchDocument, CURRENT_VERSION } from './document';
import { schemaProblems, unknownFields } from './messages';
import { DEFAULT_TABLE, migrate, type MigrationTable, type RawDocument } from './migrations';
import { semanticProblems } from './checks';
import { jsonErrorOffset } from './jsonError';

export type LoadResult =
  { ok: true; doc: ArchDocument; migratedFrom?: number } | { ok: false; problems: Problem[] };

const WHOLE = '(document)';

/** Parse the text of an `*.archlab.json` file into a checked document. Never throws. */
export function loadDocument(text: string, table: MigrationTable = DEFAULT_TABLE): LoadResult {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  if (body.trim() === '') return bad(WHOLE, 'is empty, not an ArchLab document');
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch (err) {
    return bad(WHOLE, jsonErrorMessage(body, err));
  }
  return parseDocument(raw, table);
}

/** Check an already-parsed JSON value (e.g. from a clipboard or an exported picture). */
export function parseDocument(raw: unknown, table: MigrationTable = DEFAULT_TABLE): LoadResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return bad(WHOLE, 'is not an ArchLab document (expected a JSON object)');
  }
  const obj = raw as RawDocument;
  const format = obj['format'];
  if (format !== 'archlab') {
    if (format === 'archlab-clipboard') {
      return bad('format', 'is "archlab-clipboard": this is copied content; paste it instead');
    }
    const what = format === undefined ? 'is missing' : `is ${JSON.stringify(format)}`;
    return bad('format', `${what}: this is not an ArchLab document (expected "archlab")`);
  }
  const version = obj['version'];
  if (version === undefined) return bad('version', 'is required');
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    return bad('version', 'must be a whole number');
  }
  if (version > table.currentVersion) {
    return bad(
      'version',
      `is ${version}: this file was made by a newer ArchLab ` +
        `(this one reads up to version ${table.currentVersion})`,
    );
  }
  const migrated = migrate(obj, version, table);
  if (!migrated.ok) return migrated;
  const checked = checkRaw(migrated.doc);
  if (!checked.ok) return checked;
  return version < table.currentVersion
    ? { ok: true, doc: checked.doc, migratedFrom: version }
    : { ok: true, doc: checked.doc };
}

function checkRaw(
  raw: unknown,
): { ok: true; doc: ArchDocument } | { ok: false; problems: Problem[] } {
  const parsed = ArchDocument.safeParse(raw);
  if (!parsed.success) {
    // Report every problem in one pass, as a compiler does: the references too, checked on the
    // document with its bad fields left to their defaults.
    const problems = schemaProblems(parsed.error, raw);
    const repaired = withoutBadFields(raw, parsed.error.issues);
    if (repaired !== null)
      for (const p of semanticProblems(repaired))
        if (!problems.some((q) => q.path === p.path)) problems.push(p);
    return { ok: false, problems };
  }
  const problems = [...unknownFields(raw, parsed.data, ''), ...semanticProblems(parsed.data)];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc: parsed.data };
}

const MAX_REPAIRS = 8;

/**
 * The document with each field the schema refused taken out (so its default applies), or null
 * when that does not make it parse (a bad array element, a missing id): then only the schema's
 * problems are known.
 */
function withoutBadFields(
  raw: unknown,
  issues: readonly { path: PropertyKey[] }[],
): ArchDocument | null {
  // A copy: the raw document came from JSON (or is a plain document), so JSON copies it whole.
  const doc: unknown = JSON.parse(JSON.stringify(raw));
  let bad = issues;
  for (let round = 0; round < MAX_REPAIRS; round++) {
    for (const issue of bad) if (!dropField(doc, issue.path)) return null;
    const again = ArchDocument.safeParse(doc);
    if (again.success) return again.data;
    bad = again.error.issues;
  }
  return null;
}

function dropField(doc: unknown, path: readonly PropertyKey[]): boolean {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return false;
  let at: unknown = doc;
  for (const key of path.slice(0, -1)) {
    if (at === null || typeof at !== 'object') return false;
    at = (at as Record<PropertyKey, unknown>)[key as string];
  }
  if (at === null || typeof at !== 'object' || Array.isArray(at)) return false;
  const obj = at as Record<string, unknown>;
  if (!(last in obj)) return false;
  delete obj[last];
  return true;
}

/** Every problem of an in-memory document; an empty list means it saves and loads back. */
export function validateDocument(doc: ArchDocument): Problem[] {
  if (doc.version > CURRENT_VERSION) {
    return [{ path: 'version', message: `must be ≤ ${CURRENT_VERSION}` }];
  }
  const checked = checkRaw(doc);
  return checked.ok ? [] : checked.problems;
}

/**
 * The file text of a document: pretty JSON (2 spaces, trailing newline) with every object's keys
 * in schema order, so saving the same document always gives the same bytes.
 */
export function serializeDocument(doc: ArchDocument): string {
  const canonical = ArchDocument.safeParse(doc);
  return `${JSON.stringify(canonical.success ? canonical.data : doc, null, 2)}\n`;
}

function bad(path: string, message: string): { ok: false; problems: Problem[] } {
  return { ok: false, problems: [{ path, message }] };
}

/** `is not valid JSON (line 3, column 5): Expected ',' or '}'`, from V8's error. */
export function jsonErrorMessage(text: string, err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  const at = /at position (\d+)/.exec(raw);
  // Without a position in V8's message, find the spot ourselves (never the end of the file).
  const offset = at ? Number(at[1]) : jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const detail = raw
    .replace(/\s*in JSON at position \d+.*$/s, '')
    .replace(/^JSON\.parse: /, '')
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/, (?:\.\.\.)?".*"\.\.\. is not valid JSON$/s, '');
  const yaml = /^\s*[A-Za-z_][\w-]*\s*:/.test(text)
    ? ' (this looks like YAML; an ArchLab document is JSON)'
    : '';
  return `is not valid JSON (line ${line}, column ${column}): ${detail}${yaml}`;
}
