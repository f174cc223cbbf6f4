import { describe, expect, it } from 'vitest';
import {
  CURRENT_VERSION,
  MIGRATIONS,
  loadDocument,
  migrate,
  oldestReadable,
  serializeDocument,
  type Migration,
  type MigrationTable,
} from '../../../shared/model';
import { shop } from '../../fixtures/build';

// A made-up history for testing the framework: version 1 → 2 renames `name` to `title`,
// version 2 → 3 renames it back. Real migrations join MIGRATIONS when the format changes.
const renames: Migration[] = [
  {
    from: 1,
    description: 'name → title',
    up: ({ name, ...rest }) => ({ ...rest, title: name }),
  },
  {
    from: 2,
    description: 'title → name',
    up: ({ title, ...rest }) => ({ ...rest, name: title }),
  },
];
const table: MigrationTable = { migrations: renames, currentVersion: 3 };
/** The shop fixture as a version-1 file. */
const v1 = { ...shop(), version: 1 };

describe('migrations', () => {
  it('reads every version from 1 on (version 2 moved the HPA to autoscaling/v2 names)', () => {
    expect(CURRENT_VERSION).toBe(2);
    expect(MIGRATIONS.map((m) => m.from)).toEqual([1]);
    expect(oldestReadable({ migrations: MIGRATIONS, currentVersion: CURRENT_VERSION })).toBe(1);
  });

  it('applies each step in order and sets the version', () => {
    const result = migrate({ format: 'archlab', version: 1, name: 'A' }, 1, table);
    expect(result).toEqual({
      ok: true,
      doc: { format: 'archlab', version: 3, name: 'A' },
      applied: renames,
    });
  });

  it('loads an old file through the migrations and says where it came from', () => {
    const text = serializeDocument(v1);
    const result = loadDocument(text, table);
    expect(result).toMatchObject({ ok: true, migratedFrom: 1, doc: { version: 3, name: 'Test' } });
  });

  it('reports what a migration leaves behind instead of dropping it', () => {
    const leaky: MigrationTable = {
      migrations: [{ from: 1, description: 'adds junk', up: (d) => ({ ...d, junk: true }) }],
      currentVersion: 2,
    };
    expect(loadDocument(serializeDocument(v1), leaky)).toEqual({
      ok: false,
      problems: [{ path: 'junk', message: 'is not a known field' }],
    });
  });

  it('reports a gap and a failing migration on the version field', () => {
    const gap: MigrationTable = { migrations: [renames[1] as Migration], currentVersion: 3 };
    expect(oldestReadable(gap)).toBe(2);
    expect(loadDocument(serializeDocument(v1), gap)).toEqual({
      ok: false,
      problems: [
        {
          path: 'version',
          message: 'is 1: this ArchLab reads versions 2 to 3, and has no migration from version 1',
        },
      ],
    });
    const broken: MigrationTable = {
      migrations: [
        {
          from: 1,
          description: 'throws',
          up: () => {
            throw new Error('no nodes list');
          },
        },
      ],
      currentVersion: 2,
    };
    expect(loadDocument(serializeDocument(v1), broken)).toEqual({
      ok: false,
      problems: [
        { path: 'version', message: 'could not be migrated from version 1 to 2: no nodes list' },
      ],
    });
  });
});
