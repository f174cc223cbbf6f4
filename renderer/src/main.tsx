import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@xyflow/react/dist/style.css';
import './styles.css';
import { App } from './app/App';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);

// Browser tests (`?e2e` in the address) reach the engine host and the store the way the UI does.
if (new URLSearchParams(location.search).has('e2e')) {
  void Promise.all([import('./platform'), import('./store')]).then(([p, s]) => {
    (window as unknown as { archlabTest: unknown }).archlabTest = { platform: p.platform(), store: s.useStore };
  });
}
