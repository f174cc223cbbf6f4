// Hosts the engine in a worker_threads Worker so a long run never stalls the main process.
import { Worker } from 'node:worker_threads';
import type { FromHost, ToHostInput } from '../../shared/protocol';

export interface EngineHostOptions {
  /** The worker script: the bundled engineWorker.js, or the .ts source under tsx in tests. */
  workerPath: string;
  execArgv?: string[];
  workerData?: unknown;
}

export class EngineHost {
  private worker: Worker;
  private listeners = new Set<(message: FromHost) => void>();
  private exited = false;

  constructor(options: EngineHostOptions) {
    this.worker = new Worker(options.workerPath, {
      execArgv: options.execArgv ?? [],
      workerData: options.workerData,
    });
    this.worker.on('message', (message: FromHost) => {
      for (const listener of this.listeners) listener(message);
    });
    this.worker.on('error', (err) => {
      const message: FromHost = {
        type: 'error',
        code: 'E_RUN_FAILED',
        message: `The engine worker failed: ${err.message}`,
      };
      for (const listener of this.listeners) listener(message);
    });
    this.worker.on('exit', () => {
      this.exited = true;
    });
  }

  /** Send a message as is: the worker validates it, so a malformed one gets a typed error back. */
  send(message: ToHostInput | unknown): void {
    if (this.exited) throw new Error('The engine worker has exited');
    this.worker.postMessage(message);
  }

  onMessage(listener: (message: FromHost) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the first message that matches. */
  next<T extends FromHost>(
    match: (message: FromHost) => message is T,
    timeoutMs = 30_000,
  ): Promise<T> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`No matching engine message within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onMessage((message) => {
        if (!match(message)) return;
        clearTimeout(timer);
        off();
        resolve(message);
      });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}
