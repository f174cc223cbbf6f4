// The document's JSON Schema (`archlab schema`), generated from the zod schemas so it never drifts.
// A scenario's timeline entries are published one form per action, each with its params
// (model/actions.ts), so an editor can complete and check them.
import { z } from 'zod';
import { timelineEntrySchemas } from './actions';
import { ArchDocument, Scenario } from './document';

/** JSON Schema (draft 2020-12) of a file as written: fields with defaults may be left out. */
export function documentJsonSchema(): Record<string, unknown> {
  const published = ArchDocument.extend({
    scenarios: z
      .array(Scenario.extend({ timeline: z.array(timelineEntrySchemas()).default([]) }))
      .default([]),
  });
  const schema = z.toJSONSchema(published, { io: 'input', unrepresentable: 'any' });
  return {
    ...schema,
    $id: 'https://archlab.dev/schema/archlab.schema.json',
    title: 'ArchLab document',
    description: 'An ArchLab architecture: nodes, edges, groups, transactions and scenarios.',
  };
}
