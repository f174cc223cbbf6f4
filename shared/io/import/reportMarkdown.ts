// The import report as Markdown: what was read, defaulted, ignored and left unmapped, every
// inferred edge with its evidence, and every reference to something absent.
import type { ArchDocument } from '../../model';
import { placeText, type ImportReport, type Place } from './types';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
const where = (p: Place) => cell(placeText(p));

export function importReportMarkdown(doc: ArchDocument, r: ImportReport): string {
  const out: string[] = [];
  const count = (k: string) => doc.nodes.filter((n) => n.kind === k).length;
  const kinds = ['service', 'gateway', 'database', 'cache', 'queue', 'client', 'external']
    .filter((k) => count(k) > 0)
    .map((k) => `${count(k)} ${k}${count(k) === 1 ? '' : k.endsWith('s') ? 'es' : 's'}`);
  out.push(`# Import of ${r.files.join(', ')}`, '');
  out.push(
    `${r.format === 'compose' ? 'Compose' : r.format === 'mixed' ? 'Kubernetes and Compose' : 'Kubernetes'}: ` +
      `${doc.nodes.length} nodes (${kinds.join(', ')}), ${doc.edges.length} edges, ` +
      `${r.dangling.length} dangling reference${r.dangling.length === 1 ? '' : 's'}, ` +
      `${r.unmapped.length} field${r.unmapped.length === 1 ? '' : 's'} not mapped.`,
    '',
  );
  out.push('## Read', '', '| source | became | where |', '|---|---|---|');
  for (const x of r.read) out.push(`| ${cell(x.what)} | ${cell(x.as)} | ${where(x.place)} |`);
  out.push(
    '',
    '## Calls inferred',
    '',
    '| from | to | kind | confidence | evidence |',
    '|---|---|---|---|---|',
  );
  for (const e of r.edges)
    out.push(
      `| ${e.from} | ${e.to} | ${e.kind} | ${e.confidence} | ${e.evidence.map((x) => `${cell(x.text)} (${where(x.place)})`).join('<br>')} |`,
    );
  out.push('', '## References to something absent', '');
  if (r.dangling.length === 0) out.push('None.');
  else {
    out.push('| from | reference | where |', '|---|---|---|');
    for (const d of r.dangling)
      out.push(`| ${d.from} | ${cell(d.reference)} | ${where(d.place)} |`);
    out.push('', 'Nothing was drawn for these: the input does not contain what they name.');
  }
  out.push('', '## Defaulted', '');
  if (r.defaulted.length === 0) out.push('Nothing.');
  else {
    out.push('| field | value | why | where |', '|---|---|---|---|');
    for (const d of r.defaulted)
      out.push(`| ${cell(d.field)} | ${cell(d.value)} | ${cell(d.why)} | ${where(d.place)} |`);
  }
  out.push('', '## Ignored', '');
  if (r.ignored.length === 0) out.push('Nothing.');
  else {
    out.push('| what | why | where |', '|---|---|---|');
    for (const d of r.ignored) out.push(`| ${cell(d.what)} | ${cell(d.why)} | ${where(d.place)} |`);
  }
  out.push('', '## Fields not mapped', '');
  if (r.unmapped.length === 0) out.push('None.');
  else {
    out.push('| field | why |', '|---|---|');
    for (const u of r.unmapped) out.push(`| ${where(u.place)} | ${cell(u.why)} |`);
  }
  return `${out.join('\n')}\n`;
}
