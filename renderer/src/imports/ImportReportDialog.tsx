// The import report: what became what, every inferred call with its evidence and confidence,
// references to things absent, and counts of what was defaulted, ignored or not mapped; the whole
// report can be saved as Markdown.
import { create } from 'zustand';
import type { ArchDocument } from '../../../shared/model';
import { importReportMarkdown, placeText, type ImportReport } from '../../../shared/io/import';
import { platform } from '../platform';

const useImportReport = create<{ doc: ArchDocument | null; report: ImportReport | null }>()(() => ({
  doc: null,
  report: null,
}));

export const showImportReport = (doc: ArchDocument, report: ImportReport) =>
  useImportReport.setState({ doc, report });

export function ImportReportDialog() {
  const { doc, report } = useImportReport();
  if (!doc || !report) return null;
  const close = () => useImportReport.setState({ doc: null, report: null });
  const save = () =>
    void platform().exports.save(importReportMarkdown(doc, report), `${doc.name}-import.md`, {
      mime: 'text/markdown',
      name: 'Markdown',
      extensions: ['md'],
    });
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal import-report"
        role="dialog"
        aria-label="Import report"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h3>Imported {report.files.join(', ')}</h3>
        <p>
          {doc.nodes.length} nodes and {doc.edges.length} calls. {report.defaulted.length} values
          defaulted, {report.ignored.length} objects ignored, {report.unmapped.length} fields not
          mapped: all listed in the saved report.
        </p>
        {report.dangling.length > 0 && (
          <>
            <h4>Named but not in the input (not drawn)</h4>
            <ul className="problem-list">
              {report.dangling.map((d, i) => (
                <li key={i}>
                  <b>{d.from}</b>: <code>{d.reference}</code>{' '}
                  <span className="muted small">{placeText(d.place)}</span>
                </li>
              ))}
            </ul>
          </>
        )}
        <h4>Calls inferred</h4>
        <ul className="problem-list import-edges">
          {report.edges.map((e, i) => (
            <li key={i}>
              {e.from} → {e.to} <span className="muted small">({e.confidence})</span>{' '}
              <span className="small">{e.evidence.map((x) => x.text).join('; ')}</span>
            </li>
          ))}
        </ul>
        <div className="modal-actions">
          <button type="button" className="tool" onClick={save}>
            Save report…
          </button>
          <button type="button" className="tool primary" onClick={close} autoFocus>
            OK
          </button>
        </div>
      </div>
    </div>
  );
}
