import type { StateCreator } from 'zustand';
import type { Problem } from '../../../shared/protocol';
import type { Store } from './index';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type PanelName = 'palette' | 'inspector' | 'bottom';

/** The pickers that open over the canvas (all built on cmdk). */
export type PickerKind = 'samples' | 'recent' | 'find' | 'quickAdd' | 'connectTo';

/** The Help sheets: the keyboard shortcuts, or one of the shipped docs by file name. */
export type HelpSheet = { kind: 'shortcuts' } | { kind: 'docs'; doc?: string };

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
}

/** A question with buttons (Save / Don't Save / Cancel, Restore / Discard, …). */
export interface Prompt {
  title: string;
  message: string;
  buttons: { id: string; label: string; tone?: 'primary' | 'danger' }[];
  /** The button id Escape and the backdrop stand for. */
  cancelId: string;
  resolve(id: string): void;
}

export interface UiSlice {
  theme: ThemeChoice;
  panels: Record<PanelName, boolean>;
  commandPaletteOpen: boolean;
  /** A file that failed to open: shown once, with every problem and its path. */
  loadError: { file: string; problems: Problem[] } | null;
  toast: Toast | null;
  prompt: Prompt | null;
  picker: { kind: PickerKind; at?: { x: number; y: number } } | null;
  snapToGrid: boolean;
  /** `auto`: shown unless the graph is large (it repaints on every pan frame). */
  minimap: 'auto' | 'on' | 'off';
  /** Auto-layout ran on this document: from now on it places new nodes only. */
  layoutDone: boolean;
  aboutOpen: boolean;
  /** The start page over the workspace: samples, New, Open, recent files, import. */
  startPageOpen: boolean;
  helpSheet: HelpSheet | null;
  setLoadError(error: { file: string; problems: Problem[] } | null): void;
  setTheme(theme: ThemeChoice): void;
  togglePanel(panel: PanelName, open?: boolean): void;
  setCommandPaletteOpen(open: boolean): void;
  showToast(message: string, tone?: Toast['tone']): void;
  setPrompt(prompt: Prompt | null): void;
  openPicker(kind: PickerKind | null, at?: { x: number; y: number }): void;
  set(
    patch: Partial<
      Pick<
        UiSlice,
        'snapToGrid' | 'minimap' | 'layoutDone' | 'aboutOpen' | 'startPageOpen' | 'helpSheet'
      >
    >,
  ): void;
}

const THEME_KEY = 'archlab.theme';

function savedTheme(): ThemeChoice {
  try {
    const t = localStorage.getItem(THEME_KEY);
    return t === 'light' || t === 'dark' ? t : 'system';
  } catch {
    return 'system';
  }
}

const MINIMAP_KEY = 'archlab.minimap';

/** The minimap choice last made in this browser/app (View → Minimap), `auto` if none. */
function savedMinimap(): UiSlice['minimap'] {
  try {
    const m = localStorage.getItem(MINIMAP_KEY);
    return m === 'on' || m === 'off' ? m : 'auto';
  } catch {
    return 'auto';
  }
}

let toastCounter = 0;

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  theme: savedTheme(),
  panels: { palette: true, inspector: true, bottom: true },
  commandPaletteOpen: false,
  loadError: null,
  toast: null,
  prompt: null,
  picker: null,
  snapToGrid: true,
  minimap: savedMinimap(),
  layoutDone: false,
  aboutOpen: false,
  startPageOpen: false,
  helpSheet: null,
  setLoadError: (loadError) => set({ loadError }),
  setTheme: (theme) => {
    try {
      localStorage.setItem(THEME_KEY, theme);
    } catch {
      // Private mode: the choice lasts for this session only.
    }
    set({ theme });
  },
  togglePanel: (panel, open) =>
    set((s) => ({ panels: { ...s.panels, [panel]: open ?? !s.panels[panel] } })),
  setCommandPaletteOpen: (open) => set({ commandPaletteOpen: open }),
  showToast: (message, tone = 'info') => set({ toast: { id: ++toastCounter, message, tone } }),
  setPrompt: (prompt) => set({ prompt }),
  openPicker: (kind, at) => set({ picker: kind === null ? null : at ? { kind, at } : { kind } }),
  set: (patch) => {
    if (patch.minimap !== undefined) {
      try {
        localStorage.setItem(MINIMAP_KEY, patch.minimap);
      } catch {
        // Private mode: the choice lasts for this session only.
      }
    }
    set(patch);
  },
});
