// Help: the keyboard shortcuts (generated from the command catalogue, so a new command's keys show
// up here by themselves), the docs shipped with the app, and About with both versions.
import { useEffect, useState } from 'react';
import { MENU_ORDER, commandCatalogue, displayShortcut } from '../../../shared/commands';
import type { CommandInfo } from '../../../shared/commands';
import { useStore } from '../store';
import { Markdown } from './markdown';

const mac = () => /Mac|iPhone|iPad/.test(navigator.platform);

const docFiles = import.meta.glob<string>('../../../docs/*.md', {
  query: '?raw',
  import: 'default',
});
/** The shipped docs by file name, each loaded when first opened. */
export const DOCS = Object.keys(docFiles)
  .map((p) => p.split('/').pop() ?? p)
  .sort();
const DOC_TITLES: Record<string, string> = {
  'semantics.md': 'How the model behaves',
  'architecture.md': 'How ArchLab is built',
  'import-export.md': 'Import and export',
};

const pkg = import.meta.glob<string>('../../../package.json', {
  query: '?raw',
  import: 'default',
  eager: true,
});
/** The app's version, from package.json. */
export const APP_VERSION = (() => {
  const text = Object.values(pkg)[0] ?? '{}';
  const v = (JSON.parse(text) as { version?: unknown }).version;
  return typeof v === 'string' ? v : 'unknown';
})();

function Sheet({
  title,
  id,
  wide,
  children,
}: {
  title: string;
  id: string;
  wide?: boolean;
  children: React.ReactNode;
}) {
  const close = () => useStore.getState().set({ helpSheet: null });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div className="modal-backdrop" role="presentation" onClick={close}>
      <div
        className={`modal help-sheet${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={id}
        onClick={(e) => e.stopPropagation()}
      >
        <div className="help-sheet-head">
          <h2 id={id}>{title}</h2>
          <button type="button" className="tool" autoFocus onClick={close}>
            Close
          </button>
        </div>
        {children}
      </div>
    </div>
  );
}

function keysOf(c: CommandInfo): string[] {
  return [c.shortcut, ...(c.alsoShortcuts ?? [])].filter((k): k is string => !!k);
}

export function ShortcutsSheet() {
  const m = mac();
  const groups = [...MENU_ORDER, undefined].map((menu) => ({
    menu: menu ?? 'Moving the selection',
    rows: (commandCatalogue as readonly CommandInfo[]).filter(
      (c) => c.menu === menu && keysOf(c).length > 0,
    ),
  }));
  return (
    <Sheet title="Keyboard shortcuts" id="shortcuts-title" wide>
      <div className="shortcuts" data-testid="shortcuts">
        {groups
          .filter((g) => g.rows.length > 0)
          .map((g) => (
            <section key={g.menu}>
              <h3>{g.menu}</h3>
              <table>
                <tbody>
                  {g.rows.map((c) => (
                    <tr key={c.id}>
                      <td>{c.label}</td>
                      <td className="keys">
                        {keysOf(c).map((k, i) => (
                          <span key={k}>
                            {i > 0 && ' or '}
                            <kbd>{displayShortcut(k, m)}</kbd>
                          </span>
                        ))}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
        <section>
          <h3>On the canvas</h3>
          <table>
            <tbody>
              <tr>
                <td>Move between components and links</td>
                <td className="keys">
                  <kbd>Tab</kbd> or <kbd>Shift+Tab</kbd>
                </td>
              </tr>
              <tr>
                <td>Select the focused component or link</td>
                <td className="keys">
                  <kbd>Enter</kbd> or <kbd>Space</kbd>
                </td>
              </tr>
              <tr>
                <td>Open the right-click menu of the focus</td>
                <td className="keys">
                  <kbd>Shift+F10</kbd>
                </td>
              </tr>
            </tbody>
          </table>
        </section>
      </div>
    </Sheet>
  );
}

export function DocsSheet({ doc }: { doc?: string | undefined }) {
  const name =
    doc && DOCS.includes(doc) ? doc : (DOCS.find((d) => d === 'semantics.md') ?? DOCS[0]);
  const [text, setText] = useState<{ name: string; text: string } | null>(null);
  useEffect(() => {
    const load = Object.entries(docFiles).find(([p]) => p.endsWith(`/${name ?? ''}`))?.[1];
    if (!load || !name) return;
    let live = true;
    void load().then((t) => live && setText({ name, text: t }));
    return () => {
      live = false;
    };
  }, [name]);
  const open = (d: string) => useStore.getState().set({ helpSheet: { kind: 'docs', doc: d } });
  return (
    <Sheet title="Documentation" id="docs-title" wide>
      <div className="docs">
        <nav className="docs-nav" aria-label="Documents">
          {DOCS.map((d) => (
            <button
              key={d}
              type="button"
              className={`docs-link${d === name ? ' current' : ''}`}
              aria-current={d === name ? 'page' : undefined}
              onClick={() => open(d)}
            >
              {DOC_TITLES[d] ?? d}
              <span className="small muted">{d}</span>
            </button>
          ))}
        </nav>
        <article className="docs-body" data-testid="doc-body" tabIndex={0} aria-label={name}>
          {text && text.name === name ? (
            <Markdown text={text.text} links={{ openDoc: open }} />
          ) : (
            <p className="muted">Loading…</p>
          )}
        </article>
      </div>
    </Sheet>
  );
}

export function HelpSheets() {
  const sheet = useStore((s) => s.helpSheet);
  if (!sheet) return null;
  return sheet.kind === 'shortcuts' ? <ShortcutsSheet /> : <DocsSheet doc={sheet.doc} />;
}
