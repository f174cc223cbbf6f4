// Remembers the window's size, place and maximised state between runs.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomicFile';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW: WindowState = { width: 1440, height: 900, maximized: false };

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Keep a saved window on some display; a window saved on a since-unplugged monitor is recentred. */
export function fitToDisplays(state: WindowState, displays: Rect[]): WindowState {
  const width = Math.max(800, Math.round(state.width));
  const height = Math.max(560, Math.round(state.height));
  const { x, y } = state;
  if (x === undefined || y === undefined) return { width, height, maximized: state.maximized };
  const visible = displays.some(
    (d) => x + 100 > d.x && y + 50 > d.y && x < d.x + d.width - 100 && y < d.y + d.height - 50,
  );
  return visible
    ? { x, y, width, height, maximized: state.maximized }
    : { width, height, maximized: state.maximized };
}

export async function loadWindowState(dataDir: string): Promise<WindowState> {
  try {
    const raw = JSON.parse(
      await fs.readFile(path.join(dataDir, 'window.json'), 'utf8'),
    ) as Partial<WindowState>;
    if (typeof raw.width !== 'number' || typeof raw.height !== 'number') return DEFAULT_WINDOW;
    return {
      width: raw.width,
      height: raw.height,
      maximized: raw.maximized === true,
      ...(typeof raw.x === 'number' && typeof raw.y === 'number' ? { x: raw.x, y: raw.y } : {}),
    };
  } catch {
    return DEFAULT_WINDOW;
  }
}

export async function saveWindowState(dataDir: string, state: WindowState): Promise<void> {
  await fs.mkdir(dataDir, { recursive: true });
  await writeFileAtomic(path.join(dataDir, 'window.json'), JSON.stringify(state));
}
