// The engine in a Web Worker (web edition): the same session the desktop worker thread runs.
import { createSession } from '../../../../shared/host/session';
import { createSimulation, ENGINE_VERSION } from '../../../../shared/engine';

const scope = self as unknown as {
  postMessage(message: unknown): void;
  onmessage: ((event: MessageEvent) => void) | null;
};

const session = createSession({
  send: (message) => scope.postMessage(message),
  clock: {
    now: () => performance.now(),
    schedule: (fn, ms) => setTimeout(fn, Math.max(0, ms)),
    cancel: (handle) => clearTimeout(handle as number),
  },
  createSimulation,
  engineVersion: ENGINE_VERSION,
});

scope.onmessage = (event) => session.handle(event.data);
