// The document's JSON Schema (`archlab schema`), generated from the zod schemas so it never drifts.
import { z } from 'zod';
import { ArchDocument } from './document';

/** JSON Schema (draft 2020-12) of a file as written: fields with defaults may be left out. */
export function documentJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ArchDocument, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://archlab.dev/schema/archlab.schema.json',
    title: 'ArchLab document',
    description: 'An ArchLab architecture: nodes, edges, groups, transactions and scenarios.',
  };
}
