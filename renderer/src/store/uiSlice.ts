import type { StateCreator } from 'zustand';
import type { Problem } from '../../../shared/protocol';
import type { Store } from './index';

export type ThemeChoice = 'system' | 'light' | 'dark';
export type PanelName = 'palette' | 'inspector' | 'bottom';

export interface UiSlice {
  theme: ThemeChoice;
  panels: Record<PanelName, boolean>;
  commandPaletteOpen: boolean;
  /** A file that failed to open: shown once, with every problem and its path. */
  loadError: { file: string; problems: Problem[] } | null;
  setLoadError(error: { file: string; problems: Problem[] } | null): void;
  setTheme(theme: ThemeChoice): void;
  togglePanel(panel: PanelName, open?: boolean): void;
  setCommandPaletteOpen(open: boolean): void;
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

export const createUiSlice: StateCreator<Store, [], [], UiSlice> = (set) => ({
  theme: savedTheme(),
  panels: { palette: true, inspector: true, bottom: true },
  commandPaletteOpen: false,
  loadError: null,
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
});
