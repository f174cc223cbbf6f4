// The picture export dialog: PNG (1×/2×/4×), SVG or PDF; whole canvas or selection; light or dark;
// transparent background (PNG).
import { useState } from 'react';
import { create } from 'zustand';
import { useStore } from '../store';
import { exportPdf, exportPng, exportSvg } from './exportActions';

export type PictureFormat = 'png' | 'svg' | 'pdf';

export const useExportDialog = create<{ format: PictureFormat | null }>()(() => ({ format: null }));
export const openExportDialog = (format: PictureFormat) => useExportDialog.setState({ format });

export function ExportDialog() {
  const format = useExportDialog((s) => s.format);
  const appTheme = useStore((s) => s.theme);
  const hasSelection = useStore((s) => s.selectedNodes.length > 0);
  const [scale, setScale] = useState<1 | 2 | 4>(2);
  const [theme, setTheme] = useState<'light' | 'dark' | null>(null);
  const [transparent, setTransparent] = useState(false);
  const [selectionOnly, setSelectionOnly] = useState(false);
  if (format === null) return null;
  const close = () => useExportDialog.setState({ format: null });
  const chosenTheme =
    theme ??
    (appTheme === 'dark' ||
    (appTheme === 'system' && window.matchMedia?.('(prefers-color-scheme: dark)').matches)
      ? 'dark'
      : 'light');
  const go = () => {
    close();
    if (format === 'png')
      void exportPng({
        scale,
        theme: chosenTheme,
        transparent,
        selectionOnly: selectionOnly && hasSelection,
      });
    else if (format === 'svg') void exportSvg(chosenTheme);
    else void exportPdf(chosenTheme);
  };
  return (
    <div className="modal-backdrop" onMouseDown={close}>
      <div
        className="modal export-dialog"
        role="dialog"
        aria-label="Export picture"
        onMouseDown={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') close();
        }}
      >
        <h3>Export the diagram</h3>
        <div className="segmented" role="radiogroup" aria-label="Format">
          {(['png', 'svg', 'pdf'] as const).map((f) => (
            <button
              key={f}
              type="button"
              role="radio"
              aria-checked={format === f}
              className={format === f ? 'on' : undefined}
              onClick={() => useExportDialog.setState({ format: f })}
            >
              {f.toUpperCase()}
            </button>
          ))}
        </div>
        {format === 'png' && (
          <div className="segmented" role="radiogroup" aria-label="Scale">
            {([1, 2, 4] as const).map((s) => (
              <button
                key={s}
                type="button"
                role="radio"
                aria-checked={scale === s}
                className={scale === s ? 'on' : undefined}
                onClick={() => setScale(s)}
              >
                {s}×
              </button>
            ))}
          </div>
        )}
        <div className="segmented" role="radiogroup" aria-label="Theme">
          {(['light', 'dark'] as const).map((t) => (
            <button
              key={t}
              type="button"
              role="radio"
              aria-checked={chosenTheme === t}
              className={chosenTheme === t ? 'on' : undefined}
              onClick={() => setTheme(t)}
            >
              {t === 'light' ? 'Light' : 'Dark'}
            </button>
          ))}
        </div>
        {format === 'png' && (
          <>
            <label className="check">
              <input
                type="checkbox"
                checked={transparent}
                onChange={(e) => setTransparent(e.target.checked)}
              />{' '}
              Transparent background
            </label>
            <label className="check">
              <input
                type="checkbox"
                checked={selectionOnly && hasSelection}
                disabled={!hasSelection}
                onChange={(e) => setSelectionOnly(e.target.checked)}
              />{' '}
              Selection only
            </label>
          </>
        )}
        <p className="muted small">
          {format === 'pdf'
            ? 'The desktop app writes the PDF; the browser opens its print dialog (Save as PDF).'
            : 'The document is embedded in the picture: open it in ArchLab to edit again.'}
        </p>
        <div className="modal-actions">
          <button type="button" className="tool" onClick={close}>
            Cancel
          </button>
          <button type="button" className="tool primary" onClick={go} autoFocus>
            Export
          </button>
        </div>
      </div>
    </div>
  );
}
