// Loading, checking and saving documents. A file that fails to load gives one problem per bad
// field, each with the JSON path of the field and a plain reason; nothing is half-loaded.
import type { Problem } from '../protocol';
import { ArchDocument, CURRENT_VERSION } from './document';
import { schemaProblems, unknownFields } from './messages';
import { DEFAULT_TABLE, migrate, type MigrationTable, type RawDocument } from './migrations';
import { semanticProblems } from './checks';

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
  if (!parsed.success) return { ok: false, problems: schemaProblems(parsed.error, raw) };
  const problems = [...unknownFields(raw, parsed.data, ''), ...semanticProblems(parsed.data)];
  return problems.length > 0 ? { ok: false, problems } : { ok: true, doc: parsed.data };
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
  const offset = at ? Number(at[1]) : text.length;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const detail = raw.replace(/\s*in JSON at position \d+.*$/s, '').replace(/^JSON\.parse: /, '');
  return `is not valid JSON (line ${line}, column ${column}): ${detail}`;
}
