import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The web edition: the same renderer, with the engine in a Web Worker.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: {
    outDir: '../out/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // bench.html: bare React Flow, the reference for tests/bench/canvas.ts.
    rollupOptions: { input: { main: 'renderer/index.html', bench: 'renderer/bench.html' } },
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
});
