// Exports of a document to the real tools: Kubernetes, Istio, Chaos Mesh and k6.
import type { ArchDocument } from '../../model';
import { toChaosMesh } from './chaosMesh';
import { toIstio } from './istio';
import { toK6 } from './k6';
import { toKubernetes } from './k8s';
import { yamlStream } from './yamlOut';

export { toChaosMesh, toIstio, toK6, toKubernetes, yamlStream };
export type { Exported } from './k8s';

export const EXPORT_TARGETS = ['k8s', 'istio', 'chaos-mesh', 'k6'] as const;
export type ExportTarget = (typeof EXPORT_TARGETS)[number];

export interface ToolExport {
  text: string;
  notes: string[];
  /** File name suffix: `.yaml` or `.js`. */
  extension: string;
}

/** The file a target writes for the document (and scenario, for chaos-mesh and k6). */
export function exportTo(doc: ArchDocument, target: ExportTarget, scenario?: string): ToolExport {
  if (target === 'k6') {
    const k = toK6(doc, scenario);
    return { text: k.script, notes: k.notes, extension: '.js' };
  }
  const e =
    target === 'k8s'
      ? toKubernetes(doc)
      : target === 'istio'
        ? toIstio(doc)
        : toChaosMesh(doc, scenario);
  const head = [
    `${target} export of "${doc.name}"${target === 'chaos-mesh' ? `, scenario "${scenario ?? doc.scenarios[0]?.name ?? ''}"` : ''}, written by ArchLab.`,
    ...e.notes.map((n) => `note: ${n}`),
  ];
  return { text: yamlStream(e.objects, head), notes: e.notes, extension: '.yaml' };
}
