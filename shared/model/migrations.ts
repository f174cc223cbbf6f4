// Numbered migrations: each one turns a raw document of version n into version n + 1, before the
// schema parses it. Version 1 is the first published format (DESIGN.md, "Fixed formats"); each
// format change adds a step here and bumps CURRENT_VERSION. A migration must carry every field
// forward: whatever it leaves behind that the schema does not know is reported as an unknown
// field, never silently dropped.
import type { Problem } from '../protocol';
import { CURRENT_VERSION } from './document';
import { hpaToV2 } from './migrateHpa';

export type RawDocument = Record<string, unknown>;

export interface Migration {
  /** The version this migration reads; it produces version `from + 1`. */
  from: number;
  /** What changed, in one line (shown in logs and tests). */
  description: string;
  /** Pure: returns a new raw document; `version` is set by the framework. */
  up(doc: RawDocument): RawDocument;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    from: 1,
    description:
      'hpa in autoscaling/v2 names: targetCPUUtilizationPercentage → metrics, ' +
      'scaleDownStabilizationSeconds → behavior.scaleDown.stabilizationWindowSeconds',
    up: hpaToV2,
  },
];

export interface MigrationTable {
  migrations: readonly Migration[];
  currentVersion: number;
}

export const DEFAULT_TABLE: MigrationTable = {
  migrations: MIGRATIONS,
  currentVersion: CURRENT_VERSION,
};

export type MigrateResult =
  { ok: true; doc: RawDocument; applied: Migration[] } | { ok: false; problems: Problem[] };

/** Bring a raw document of `version` up to the table's current version, one step at a time. */
export function migrate(raw: RawDocument, version: number, table = DEFAULT_TABLE): MigrateResult {
  const byFrom = new Map(table.migrations.map((m) => [m.from, m] as const));
  const applied: Migration[] = [];
  let doc = raw;
  for (let v = version; v < table.currentVersion; v++) {
    const step = byFrom.get(v);
    if (!step) {
      const oldest = oldestReadable(table);
      return fail(
        `is ${version}: this ArchLab reads versions ${oldest} to ${table.currentVersion}, ` +
          `and has no migration from version ${v}`,
      );
    }
    try {
      doc = { ...step.up(doc), version: v + 1 };
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      return fail(`could not be migrated from version ${v} to ${v + 1}: ${why}`);
    }
    applied.push(step);
  }
  return { ok: true, doc, applied };
}

/** The oldest version the table can bring forward without a gap. */
export function oldestReadable(table: MigrationTable): number {
  const froms = new Set(table.migrations.map((m) => m.from));
  let v = table.currentVersion;
  while (froms.has(v - 1)) v--;
  return v;
}

function fail(message: string): MigrateResult {
  return { ok: false, problems: [{ path: 'version', message }] };
}
