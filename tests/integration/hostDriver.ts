import path from 'node:path';
import { EngineHost } from '../../electron/node/engineHost';
import type { FromHost } from '../../shared/protocol';
import type { Case } from '../fixtures/protocolCases';

/** The worker thread, started from the TypeScript source under tsx (the app runs the bundle). */
export function nodeHost(): EngineHost {
  return new EngineHost({
    workerPath: path.resolve('tests/integration/tsWorker.mjs'),
    workerData: { entry: path.resolve('electron/node/engineWorker.ts') },
  });
}

/** Send a case's messages and collect every answer up to the one that ends it. */
export function collect(host: EngineHost, c: Case): Promise<FromHost[]> {
  return new Promise((resolve, reject) => {
    const seen: FromHost[] = [];
    const timer = setTimeout(() => reject(new Error(`${c.name}: no final answer`)), 30_000);
    const off = host.onMessage((m) => {
      seen.push(m);
      if (c.endsOn.includes(m.type)) {
        clearTimeout(timer);
        off();
        resolve(seen);
      }
    });
    for (const m of c.messages) host.send(m);
  });
}
