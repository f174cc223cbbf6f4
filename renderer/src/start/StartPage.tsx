// The start page: what a new window (or File › New's empty canvas, through Help › Start Page)
// offers first — the samples as cards with a picture of their diagram and what each teaches,
// New, Open, Import from Kubernetes or Compose, the recent files, and the help.
import { useEffect, useMemo, useRef, useState } from 'react';
import { FilePlus2, FolderOpen, Keyboard, BookOpen, Upload, X } from 'lucide-react';
import { parseDocument } from '../../../shared/model';
import { toSvg } from '../../../shared/io/svg';
import { runCommand } from '../app/commands';
import { openRecentFile, openSample } from '../app/fileActions';
import { samples, type Sample } from '../app/samples';
import { platform } from '../platform';
import { useStore } from '../store';

const PREF_KEY = 'archlab.startPage';

/** Whether the start page opens with a new window (the user can turn it off on the page). */
export function startPageWanted(): boolean {
  try {
    return localStorage.getItem(PREF_KEY) !== 'off';
  } catch {
    return true;
  }
}

function setStartPageWanted(on: boolean) {
  try {
    localStorage.setItem(PREF_KEY, on ? 'on' : 'off');
  } catch {
    // Private mode: the choice lasts for this session only.
  }
}

const previews = new Map<string, string>();

/** The sample's diagram as the SVG export draws it, as an image address. */
function previewOf(sample: Sample, theme: 'light' | 'dark'): string | null {
  const key = `${sample.id}:${theme}`;
  const known = previews.get(key);
  if (known !== undefined) return known || null;
  let url = '';
  try {
    const r = parseDocument(JSON.parse(sample.text));
    if (r.ok)
      url = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(toSvg(r.doc, { theme }))}`;
  } catch {
    // A broken sample shows without a picture; opening it reports the problem.
  }
  previews.set(key, url);
  return url || null;
}

function SampleCard({ sample, theme }: { sample: Sample; theme: 'light' | 'dark' }) {
  const src = useMemo(() => previewOf(sample, theme), [sample, theme]);
  // The first sentence says what the sample teaches; the rest says how.
  const cut = sample.description.search(/\.\s/);
  const lesson = cut < 0 ? sample.description : sample.description.slice(0, cut + 1);
  const rest = cut < 0 ? '' : sample.description.slice(cut + 2);
  return (
    <button
      type="button"
      className="sample-card"
      data-sample={sample.id}
      onClick={() => void openSample(sample.id)}
    >
      <span className="sample-preview">{src && <img src={src} alt="" draggable={false} />}</span>
      <span className="sample-title">{sample.title}</span>
      <span className="sample-lesson">{lesson}</span>
      <span className="sample-description" title={sample.description}>
        {rest}
      </span>
    </button>
  );
}

function RecentFiles() {
  const [list, setList] = useState<{ path: string; name: string }[] | null>(null);
  useEffect(() => {
    void platform()
      .files.recent()
      .then(setList, () => setList([]));
  }, []);
  if (list === null) return <p className="muted small">Loading…</p>;
  if (list.length === 0)
    return (
      <p className="muted small">
        {platform().kind === 'web'
          ? 'Files you open or save in this browser are listed here.'
          : 'No recent files yet.'}
      </p>
    );
  return (
    <ul className="start-recent">
      {list.slice(0, 6).map((f) => (
        <li key={f.path}>
          <button
            type="button"
            className="start-link"
            title={f.path.startsWith('web:') ? f.name : f.path}
            onClick={() => void openRecentFile(f.path)}
          >
            {f.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

export function StartPage({ theme }: { theme: 'light' | 'dark' }) {
  const open = useStore((s) => s.startPageOpen);
  if (!open) return null;
  return <StartPageBody theme={theme} />;
}

function StartPageBody({ theme }: { theme: 'light' | 'dark' }) {
  const epoch = useStore((s) => s.epoch);
  const openedAt = useRef(epoch);
  const [wanted, setWanted] = useState(startPageWanted);
  const close = () => useStore.getState().set({ startPageOpen: false });
  // A document opened by any means (a card, Ctrl+O, a recovery copy) closes the page.
  useEffect(() => {
    if (epoch !== openedAt.current) close();
  }, [epoch]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('[cmdk-dialog], .modal')) close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const act = (id: string) => {
    runCommand(id);
  };
  return (
    <div
      className="start-page"
      role="dialog"
      aria-labelledby="start-title"
      data-testid="start-page"
    >
      <div className="start-inner">
        <header className="start-head">
          <div>
            <h1 id="start-title">Welcome to ArchLab</h1>
            <p className="muted">
              Draw an architecture, run traffic and failures through it, and see what a real system
              would do, and why.
            </p>
          </div>
          <button type="button" className="tool" onClick={close} autoFocus>
            <X size={16} aria-hidden /> <span>Start drawing</span>
          </button>
        </header>
        <div className="start-grid">
          <nav className="start-actions" aria-label="Start">
            <h2>Start</h2>
            <button type="button" className="start-link" onClick={() => act('file.new')}>
              <FilePlus2 size={16} aria-hidden /> New architecture
            </button>
            <button type="button" className="start-link" onClick={() => act('file.open')}>
              <FolderOpen size={16} aria-hidden /> Open…
            </button>
            <button type="button" className="start-link" onClick={() => act('file.import')}>
              <Upload size={16} aria-hidden /> Import Kubernetes or Compose…
            </button>
            <h2>Recent</h2>
            <RecentFiles />
            <h2>Help</h2>
            <button type="button" className="start-link" onClick={() => act('help.shortcuts')}>
              <Keyboard size={16} aria-hidden /> Keyboard shortcuts
            </button>
            <button type="button" className="start-link" onClick={() => act('help.docs')}>
              <BookOpen size={16} aria-hidden /> Documentation
            </button>
          </nav>
          <section className="start-samples" aria-labelledby="samples-title">
            <h2 id="samples-title">Samples</h2>
            <div className="sample-cards">
              {samples.map((s) => (
                <SampleCard key={s.id} sample={s} theme={theme} />
              ))}
            </div>
          </section>
        </div>
        <label className="start-pref small">
          <input
            type="checkbox"
            checked={wanted}
            onChange={(e) => {
              setWanted(e.target.checked);
              setStartPageWanted(e.target.checked);
            }}
          />{' '}
          Show this page when ArchLab starts
        </label>
      </div>
    </div>
  );
}
