// What the built app hands browser tests on `window.archlabTest` (renderer/src/main.tsx, with
// `?e2e` in the address): the store the UI uses, the platform (engine host, files), the loader
// behind File > Open and React Flow's instance. Declared once here, typed from the app itself, so
// a test reads `window.archlabTest.store.getState().doc` inside `page.evaluate` with no cast, and a
// renamed store field fails the typecheck instead of a browser run.
import type { loadText } from '../../renderer/src/app/fileActions';
import type { flow } from '../../renderer/src/canvas/flowApi';
import type { Platform } from '../../renderer/src/platform';
import type { useStore } from '../../renderer/src/store';

export interface ArchlabTestHooks {
  platform: Platform;
  store: typeof useStore;
  loadText: typeof loadText;
  flow: typeof flow;
}

declare global {
  interface Window {
    /** Present only when the page was opened with `?e2e` (the harness does). */
    archlabTest: ArchlabTestHooks;
  }
}
