// Architecture checks of the open document, computed once per document change and shared by every
// node marker and the Problems list.
import { architectureChecks, type Warning } from '../../../shared/drills/checks';
import type { ArchDocument } from '../../../shared/model';
import { useStore } from '../store';

let cache: { doc: ArchDocument; warnings: Warning[] } | null = null;

export function checksOf(doc: ArchDocument): Warning[] {
  if (cache?.doc !== doc) cache = { doc, warnings: architectureChecks(doc) };
  return cache.warnings;
}

export function useChecks(): Warning[] {
  return useStore((s) => checksOf(s.doc));
}
