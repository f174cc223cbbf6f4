// Node ids as Kubernetes names (DNS-1123 labels) and as environment variable names.
import type { ArchDocument } from '../../model';

/** A DNS-1123 label for each node, unique within the document. */
export function kubeNames(doc: ArchDocument): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const n of doc.nodes) {
    const base =
      n.id
        .toLowerCase()
        .replace(/[^a-z0-9-]+/g, '-')
        .replace(/^-+|-+$/g, '')
        .slice(0, 55) || 'node';
    let name = /^[a-z]/.test(base) ? base : `n-${base}`;
    for (let i = 2; used.has(name); i++) name = `${base}-${i}`;
    used.add(name);
    out.set(n.id, name);
  }
  return out;
}

/** `product-catalog` → `PRODUCT_CATALOG_ADDR`. */
export function addrVar(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}_ADDR`;
}

export const SERVICE_PORT = 80;
export const CONTAINER_PORT = 8080;
