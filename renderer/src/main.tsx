import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import './editor.css';
import './menus/menus.css';
import { App } from './app/App';
import { loadText } from './app/fileActions';
import { flow } from './canvas/flowApi';
import { platform } from './platform';
import { useStore } from './store';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Browser tests (`?e2e` in the address) reach the engine host and the store the way the UI does.
if (new URLSearchParams(location.search).has('e2e')) {
  (window as unknown as { archlabTest: unknown }).archlabTest = {
    platform: platform(),
    store: useStore,
    loadText,
    flow,
  };
}
