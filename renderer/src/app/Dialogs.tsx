import { useEffect } from 'react';
import { ENGINE_VERSION } from '../../../shared/engine/version';
import { APP_VERSION } from '../help/HelpSheets';
import { platform } from '../platform';
import { useStore } from '../store';

/** A question with buttons (Save / Don't Save / Cancel, Restore / Discard). */
export function PromptDialog() {
  const prompt = useStore((s) => s.prompt);
  useEffect(() => {
    if (!prompt) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') prompt.resolve(prompt.cancelId);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [prompt]);
  if (!prompt) return null;
  return (
    <div
      className="modal-backdrop"
      role="presentation"
      onClick={() => prompt.resolve(prompt.cancelId)}
    >
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="prompt-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="prompt-title">{prompt.title}</h2>
        <p>{prompt.message}</p>
        <div className="modal-actions">
          {prompt.buttons.map((b, i) => (
            <button
              key={b.id}
              type="button"
              className={`tool${b.tone ? ` ${b.tone}` : ''}`}
              autoFocus={i === 0}
              onClick={() => prompt.resolve(b.id)}
            >
              {b.label}
            </button>
          ))}
        </div>
      </div>
    </div>
  );
}

/** Help > About: version and credits, including the Kubernetes icons' attribution. */
export function AboutDialog() {
  const open = useStore((s) => s.aboutOpen);
  const set = useStore((s) => s.set);
  if (!open) return null;
  return (
    <div className="modal-backdrop" role="presentation" onClick={() => set({ aboutOpen: false })}>
      <div
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="about-title"
        onClick={(e) => e.stopPropagation()}
      >
        <h2 id="about-title">ArchLab</h2>
        <p>A lab for distributed-system architectures: draw, simulate, drill and export.</p>
        <dl className="facts" data-testid="about-versions">
          <dt>Version</dt>
          <dd>{APP_VERSION}</dd>
          <dt>Engine</dt>
          <dd>{ENGINE_VERSION}</dd>
          <dt>Edition</dt>
          <dd>{platform().kind === 'web' ? 'web' : 'desktop'}</dd>
        </dl>
        <p className="small muted">
          Kubernetes resource icons from the Kubernetes Icons Set (kubernetes/community), licensed
          under Apache-2.0 or CC-BY-4.0. The Kubernetes logo is a trademark of The Linux Foundation.
          Other icons: Lucide (ISC).
        </p>
        <div className="modal-actions">
          <button
            type="button"
            className="tool primary"
            autoFocus
            onClick={() => set({ aboutOpen: false })}
          >
            OK
          </button>
        </div>
      </div>
    </div>
  );
}

/** A short message at the bottom of the canvas (e.g. why a link was refused). */
export function ToastView() {
  const toast = useStore((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(
      () => {
        if (useStore.getState().toast?.id === toast.id) useStore.setState({ toast: null });
      },
      toast.tone === 'error' ? 6000 : 3500,
    );
    return () => clearTimeout(t);
  }, [toast]);
  if (!toast) return null;
  return (
    <div
      className={`toast ${toast.tone}`}
      role={toast.tone === 'error' ? 'alert' : 'status'}
      data-testid="toast"
    >
      {toast.message}
    </div>
  );
}
