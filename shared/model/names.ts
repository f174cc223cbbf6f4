// What a reader sees for the things of a document: a node's name (its label, else its id), a link
// as "a → b", and a Kubernetes name derived from a node's name. Ids stay in the file.
import type { ArchDocument } from './document';

type Named = { id: string; label?: string | undefined };

/** A node's (or group's) name: its label when it has one, else its id. */
export function displayName(thing: Named): string {
  const label = thing.label?.trim();
  return label !== undefined && label !== '' ? label : thing.id;
}

/** The name of a node of the document by id; an id that names no node is shown as it is. */
export function nodeName(doc: Pick<ArchDocument, 'nodes'>, id: string): string {
  const n = doc.nodes.find((x) => x.id === id);
  return n ? displayName(n) : id;
}

/** A link as a reader names it: its label, else "from → to" by node names. */
export function edgeName(
  doc: Pick<ArchDocument, 'nodes' | 'edges'>,
  idOrEdge: string | { from: string; to: string; label?: string | undefined },
): string {
  const e = typeof idOrEdge === 'string' ? doc.edges.find((x) => x.id === idOrEdge) : idOrEdge;
  if (!e) return typeof idOrEdge === 'string' ? idOrEdge : '';
  const label = e.label?.trim();
  if (label) return label;
  return `${nodeName(doc, e.from)} → ${nodeName(doc, e.to)}`;
}

/** A node, link or group named by its id, as a reader names it. */
export function thingName(
  doc: Pick<ArchDocument, 'nodes' | 'edges' | 'groups'>,
  id: string | undefined | null,
): string {
  if (id === undefined || id === null || id === '') return '(everything)';
  const n = doc.nodes.find((x) => x.id === id);
  if (n) return displayName(n);
  const e = doc.edges.find((x) => x.id === id);
  if (e) return edgeName(doc, e);
  const g = doc.groups.find((x) => x.id === id);
  if (g) return displayName(g);
  return id;
}

/** Longest DNS-1123 label. */
const DNS_LABEL = 63;

/**
 * A name as Kubernetes takes it for an object (a DNS-1123 label): lower-case, every run of
 * characters other than a–z and 0–9 becomes '-', trimmed of '-' at both ends, at most `max`
 * characters. `fallback` (the id) is used the same way when the name gives nothing.
 */
export function kubeName(name: string, fallback: string, max = DNS_LABEL): string {
  const clean = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, max)
      .replace(/^-+|-+$/g, '');
  return clean(name) || clean(fallback) || 'node';
}

/**
 * The Kubernetes name of each node, unique within the document, short enough that a pod's name
 * (`<name>-<10-char template hash>-<5 chars>`, 17 more) stays within 63 characters.
 */
export function deploymentNames(doc: Pick<ArchDocument, 'nodes'>): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of doc.nodes) {
    const base = kubeName(displayName(n), n.id, DNS_LABEL - 17);
    let name = base;
    for (let i = 2; used.has(name); i++)
      name = `${base.slice(0, DNS_LABEL - 17 - 1 - String(i).length)}-${i}`;
    used.add(name);
    out.set(n.id, name);
  }
  return out;
}
