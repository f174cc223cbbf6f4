// The whole Compose Specification, checked with ajv: Node only (ajv compiles the schema to code,
// which the app's Content-Security-Policy does not allow in the renderer).
import { Ajv } from 'ajv';
import composeSchema from './schemas/compose-spec.json';

let validate: ReturnType<Ajv['compile']> | undefined;

/** Problems of a Compose file against the Compose Specification, by path. */
export function checkCompose(value: unknown): { path: (string | number)[]; message: string }[] {
  // The schema names its meta-schema by an https URL ajv does not hold; it is draft-07.
  const { $schema: _meta, ...schema } = composeSchema as Record<string, unknown>;
  validate ??= new Ajv({ strict: false, allErrors: true }).compile(schema);
  if (validate(value)) return [];
  return (validate.errors ?? []).slice(0, 20).map((e) => {
    const path: (string | number)[] = e.instancePath
      .split('/')
      .slice(1)
      .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    if (e.keyword !== 'additionalProperties') return { path, message: e.message ?? e.keyword };
    // Point at the unknown field itself.
    const field = String((e.params as { additionalProperty?: string }).additionalProperty);
    return { path: [...path, field], message: `unknown field "${field}"` };
  });
}
