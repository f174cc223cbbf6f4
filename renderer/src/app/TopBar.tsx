import {
  FilePlus2,
  FolderOpen,
  Save,
  Play,
  Square,
  Pause,
  Moon,
  Sun,
  Monitor,
  Command as CommandIcon,
} from 'lucide-react';
import { useStore } from '../store';
import { MenuBar } from '../menus/MenuBar';
import { platform } from '../platform';
import { runCommand } from './commands';
import { pauseRun } from '../run/engineClient';
import type { ThemeChoice } from '../store/uiSlice';

const nextTheme: Record<ThemeChoice, ThemeChoice> = {
  system: 'light',
  light: 'dark',
  dark: 'system',
};
const themeIcon = { system: Monitor, light: Sun, dark: Moon };

/** The top bar: file actions, the document's name, run controls, and the theme switch. */
export function TopBar() {
  const file = useStore((s) => s.file);
  const docName = useStore((s) => s.doc.name);
  const status = useStore((s) => s.run.status);
  const theme = useStore((s) => s.theme);
  const setTheme = useStore((s) => s.setTheme);
  const ThemeIcon = themeIcon[theme];
  const active = status === 'running' || status === 'paused' || status === 'starting';
  return (
    <header className="topbar" role="toolbar" aria-label="Main toolbar">
      <div className="brand" aria-label="ArchLab">
        <span className="brand-mark" aria-hidden>
          ◆
        </span>
        ArchLab
      </div>
      {platform().kind === 'web' && <MenuBar />}
      <div className="tool-group">
        <button
          type="button"
          className="tool"
          title="New (Ctrl+N)"
          onClick={() => runCommand('file.new')}
        >
          <FilePlus2 size={16} /> <span>New</span>
        </button>
        <button
          type="button"
          className="tool"
          title="Open (Ctrl+O)"
          onClick={() => runCommand('file.open')}
        >
          <FolderOpen size={16} /> <span>Open</span>
        </button>
        <button
          type="button"
          className="tool"
          title="Save (Ctrl+S)"
          onClick={() => runCommand('file.save')}
        >
          <Save size={16} /> <span>Save</span>
        </button>
      </div>
      <div className="doc-title" data-testid="doc-title">
        {docName}
        <span className="muted"> — {file.name}</span>
        {file.dirty && (
          <span className="dirty" title="Unsaved changes">
            {' '}
            ●
          </span>
        )}
      </div>
      <div className="tool-group">
        {!active ? (
          <button
            type="button"
            className="tool primary"
            title="Run scenario (F5)"
            onClick={() => runCommand('run.start')}
          >
            <Play size={16} /> <span>Run</span>
          </button>
        ) : (
          <>
            <button
              type="button"
              className="tool"
              title={status === 'paused' ? 'Resume' : 'Pause'}
              onClick={() => pauseRun(status !== 'paused')}
            >
              {status === 'paused' ? <Play size={16} /> : <Pause size={16} />}
              <span>{status === 'paused' ? 'Resume' : 'Pause'}</span>
            </button>
            <button
              type="button"
              className="tool danger"
              title="Stop (Shift+F5)"
              onClick={() => runCommand('run.stop')}
            >
              <Square size={16} /> <span>Stop</span>
            </button>
          </>
        )}
      </div>
      <div className="tool-group end">
        <button
          type="button"
          className="tool icon-only"
          title="Command palette (Ctrl+K)"
          onClick={() => runCommand('view.commandPalette')}
        >
          <CommandIcon size={16} />
        </button>
        <button
          type="button"
          className="tool icon-only"
          data-testid="theme-toggle"
          title={`Theme: ${theme} (click to change)`}
          aria-label={`Theme: ${theme}`}
          onClick={() => setTheme(nextTheme[theme])}
        >
          <ThemeIcon size={16} />
        </button>
      </div>
    </header>
  );
}
