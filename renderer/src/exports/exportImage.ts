// The canvas as a PNG, the way React Flow documents it: the bounds of the nodes →
// getViewportForBounds → html-to-image (pinned 1.11.11) on `.react-flow__viewport`. The document
// JSON goes into a tEXt chunk, so the picture opens again for editing.
import { getViewportForBounds } from '@xyflow/react';
import { toPng } from 'html-to-image';
import { pngWithDocument } from '../../../shared/io/png';
import { flow } from '../canvas/flowApi';
import { useStore } from '../store';

export interface ImageOptions {
  scale: 1 | 2 | 4;
  theme: 'light' | 'dark';
  transparent: boolean;
  selectionOnly: boolean;
}

const PADDING = 24;
const EDITOR_ONLY = ['react-flow__handle', 'check-marker', 'blast-outline'];

/** Render with the given theme for the length of `job` (the app's own theme comes back after). */
async function withTheme<T>(theme: 'light' | 'dark', job: (app: HTMLElement) => Promise<T>) {
  const app = document.querySelector<HTMLElement>('.app');
  if (!app) throw new Error('The app is not on screen');
  const before = app.getAttribute('data-theme');
  app.setAttribute('data-theme', theme);
  try {
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return await job(app);
  } finally {
    if (before === null) app.removeAttribute('data-theme');
    else app.setAttribute('data-theme', before);
  }
}

export async function canvasPng(
  options: ImageOptions,
): Promise<{ bytes: Uint8Array; width: number; height: number }> {
  const rf = flow();
  const viewport = document.querySelector<HTMLElement>('.canvas .react-flow__viewport');
  if (!rf || !viewport) throw new Error('The canvas is not ready');
  const { selectedNodes, doc } = useStore.getState();
  const chosen = new Set(options.selectionOnly ? selectedNodes : []);
  const nodes = rf.getNodes().filter((n) => chosen.size === 0 || chosen.has(n.id));
  if (nodes.length === 0) throw new Error('Nothing to export: the canvas is empty');
  const bounds = rf.getNodesBounds(nodes);
  const width = Math.ceil(bounds.width + PADDING * 2);
  const height = Math.ceil(bounds.height + PADDING * 2);
  const vp = getViewportForBounds(bounds, width, height, 0.05, 1, 0);
  const url = await withTheme(options.theme, async (app) => {
    const background = getComputedStyle(app).getPropertyValue('--canvas').trim();
    return toPng(viewport, {
      ...(options.transparent ? {} : { backgroundColor: background || '#ffffff' }),
      width,
      height,
      pixelRatio: options.scale,
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
      },
      filter: (el) => {
        if (!(el instanceof Element)) return true;
        // Editor furniture stays out of the picture: handles, warning markers, drill outlines.
        if (EDITOR_ONLY.some((c) => el.classList.contains(c))) return false;
        if (chosen.size === 0) return true;
        if (el.classList.contains('react-flow__node'))
          return chosen.has(el.getAttribute('data-id') ?? '');
        if (el.classList.contains('react-flow__edge')) {
          const id = (el.getAttribute('data-testid') ?? '').replace(/^rf__edge-/, '');
          const e = doc.edges.find((x) => x.id === id);
          return e !== undefined && chosen.has(e.from) && chosen.has(e.to);
        }
        return true;
      },
    });
  });
  const raw = Uint8Array.from(atob(url.slice(url.indexOf(',') + 1)), (c) => c.charCodeAt(0));
  return {
    bytes: pngWithDocument(raw, doc),
    width: width * options.scale,
    height: height * options.scale,
  };
}
