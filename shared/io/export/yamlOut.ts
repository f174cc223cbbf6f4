import { stringify } from 'yaml';

/** Objects as one multi-document YAML stream, with `# ` comment lines first. */
export function yamlStream(objects: unknown[], notes: string[]): string {
  const head = notes.map((n) => `# ${n}`).join('\n');
  const body = objects.map((o) => `---\n${stringify(o, { lineWidth: 0 })}`).join('');
  return `${head}${head ? '\n' : ''}${body}`;
}
