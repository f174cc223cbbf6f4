// Export to the real tools: Kubernetes, Istio, Chaos Mesh (the scenario's faults as a Workflow)
// and k6 (its traffic and SLOs). What a tool cannot express is listed before saving.
import { useState } from 'react';
import { create } from 'zustand';
import { EXPORT_TARGETS, exportTo, type ExportTarget } from '../../../shared/io/export';
import { platform } from '../platform';
import { useStore } from '../store';

export const useToolExport = create<{ open: boolean }>()(() => ({ open: false }));
export const openToolExport = () => useToolExport.setState({ open: true });

const LABELS: Record<ExportTarget, string> = {
  k8s: 'Kubernetes',
  istio: 'Istio',
  'chaos-mesh': 'Chaos Mesh',
  k6: 'k6',
};

const HELP: Record<ExportTarget, string> = {
  k8s: 'A Deployment and Service per service, with HPA, PDB, probes, resources and strategy; calls as <CALLEE>_ADDR env values.',
  istio:
    'A VirtualService per callee with each caller’s timeout and retries, DestinationRules with outlier detection, gateway weights.',
  'chaos-mesh':
    'The scenario’s faults as a Chaos Mesh Workflow, each at its offset; a dry run before the real experiment.',
  k6: 'The clients’ traffic as k6 arrival-rate scenarios, the scenario’s SLOs as thresholds.',
};

export function ToolExportDialog() {
  const open = useToolExport((s) => s.open);
  const doc = useStore((s) => s.doc);
  const [target, setTarget] = useState<ExportTarget>('k8s');
  const [scenario, setScenario] = useState<string | undefined>(undefined);
  if (!open) return null;
  const close = () => useToolExport.setState({ open: false });
  const chosen = doc.scenarios.some((s) => s.name === scenario) ? scenario : doc.scenarios[0]?.name;
  const needsScenario = target === 'chaos-mesh' || target === 'k6';
  let preview: { text: string; notes: string[]; extension: string } | null = null;
  let error = '';
  try {
    preview = exportTo(doc, target, chosen);
  } catch (e) {
    error = (e as Error).message;
  }
  const go = async () => {
    if (!preview) return;
    const base = `${(doc.name || 'architecture').replace(/[\\/:*?"<>|]+/g, '-')}-${target}`;
    const ext = preview.extension.slice(1);
    const r = await platform().exports.save(preview.text, `${base}.${ext}`, {
      mime: ext === 'js' ? 'text/javascript' : 'application/yaml',
      name: `${LABELS[target]} ${ext === 'js' ? 'script' : 'YAML'}`,
      extensions: [ext],
    });
    if (r) {
      useStore.getState().showToast(`Exported ${r.path.split(/[\\/]/).pop() ?? r.path}`);
      close();
    }
  };
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal export-dialog"
        role="dialog"
        aria-label="Export to tools"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h3>Export to the real tools</h3>
        <div className="segmented" role="radiogroup" aria-label="Target">
          {EXPORT_TARGETS.map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={target === t}
              className={target === t ? 'on' : undefined}
              onClick={() => setTarget(t)}
            >
              {LABELS[t]}
            </button>
          ))}
        </div>
        <p className="muted small">{HELP[target]}</p>
        {needsScenario && (
          <label className="tool-export-scenario">
            Scenario{' '}
            <select value={chosen ?? ''} onChange={(e) => setScenario(e.target.value)}>
              {doc.scenarios.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        )}
        {error && <p className="error">{error}</p>}
        {preview && preview.notes.length > 0 && (
          <>
            <p className="muted small">Not expressed exactly ({preview.notes.length}):</p>
            <ul className="problem-list small">
              {preview.notes.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
          </>
        )}
        <div className="modal-actions">
          <button type="button" className="tool" onClick={close}>
            Cancel
          </button>
          <button
            type="button"
            className="tool primary"
            onClick={() => void go()}
            disabled={!preview}
          >
            Export
          </button>
        </div>
      </div>
    </div>
  );
}
