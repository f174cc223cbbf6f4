// The documents every export is tried on: the three samples and the tricky fixture.
import { readFileSync } from 'node:fs';
import { loadDocument, type ArchDocument } from '../../../shared/model';

export function loadFile(path: string): ArchDocument {
  const loaded = loadDocument(readFileSync(path, 'utf8'));
  if (!loaded.ok) throw new Error(`${path}: ${JSON.stringify(loaded.problems)}`);
  return loaded.doc;
}

export const DOCUMENTS: readonly [string, ArchDocument][] = [
  'assets/samples/web-shop.archlab.json',
  'assets/samples/payments.archlab.json',
  'assets/samples/k8s-rollout.archlab.json',
  'tests/fixtures/io/tricky.archlab.json',
].map((path) => [path.replace(/^.*\//, ''), loadFile(path)] as [string, ArchDocument]);

/** A label with no line breaks, the way every export shows it. */
export const oneLine = (text: string) => text.replace(/[\r\n\t]+/g, ' ');
