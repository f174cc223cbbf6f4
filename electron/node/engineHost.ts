// Hosts the engine in a worker_threads Worker so a long run never stalls the main process.
// A watchdog pings the worker every few seconds: a worker that has said nothing for too long (a
// run stuck in one synchronous step) or that exited on its own is replaced by a fresh one, and
// every run it held ends with an E_ENGINE_RESTARTED error that the app shows as the run's failure.
import { Worker } from 'node:worker_threads';
import { ErrorCode, type FromHost, type ToHostInput } from '../../shared/protocol';

export interface EngineHostOptions {
  /** The worker script: the bundled engineWorker.js, or the .ts source under tsx in tests. */
  workerPath: string;
  execArgv?: string[];
  workerData?: unknown;
  /** The watchdog's timing (ms), or false for none. Default: a ping every 2 s, stuck after 15 s. */
  watchdog?: { pingEveryMs: number; stuckAfterMs: number } | false;
}

/** Ping ids the watchdog uses; their pongs are not passed on. */
const WATCHDOG_PING = -1;

export class EngineHost {
  private worker: Worker;
  private listeners = new Set<(message: FromHost) => void>();
  private exited = false;
  private stopping = false;
  /** Runs started and not yet done or failed. */
  private readonly active = new Set<string>();
  private lastHeard = Date.now();
  private readonly timer: NodeJS.Timeout | null = null;
  /** Times the worker was replaced (for tests and logs). */
  restarts = 0;

  constructor(private readonly options: EngineHostOptions) {
    this.worker = this.start();
    const watchdog = options.watchdog ?? { pingEveryMs: 2000, stuckAfterMs: 15_000 };
    if (watchdog !== false) {
      this.timer = setInterval(() => this.check(watchdog.stuckAfterMs), watchdog.pingEveryMs);
      this.timer.unref();
    }
  }

  private start(): Worker {
    const worker = new Worker(this.options.workerPath, {
      execArgv: this.options.execArgv ?? [],
      workerData: this.options.workerData,
    });
    this.exited = false;
    this.lastHeard = Date.now();
    worker.on('message', (message: FromHost) => {
      if (worker !== this.worker) return;
      this.lastHeard = Date.now();
      if (message.type === 'pong' && message.id === WATCHDOG_PING) return;
      if ((message.type === 'run.done' || message.type === 'error') && message.runId !== undefined)
        this.active.delete(message.runId);
      this.emit(message);
    });
    worker.on('error', (err) => {
      if (worker !== this.worker) return;
      this.emit({
        type: 'error',
        code: ErrorCode.runFailed,
        message: `The engine worker failed: ${err.message}`,
      });
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.exited = true;
      if (!this.stopping) this.restart(`The engine stopped unexpectedly (exit code ${code})`);
    });
    return worker;
  }

  private emit(message: FromHost): void {
    for (const listener of this.listeners) listener(message);
  }

  private check(stuckAfterMs: number): void {
    if (this.stopping) return;
    const quiet = Date.now() - this.lastHeard;
    if (quiet > stuckAfterMs) {
      this.restart(`The engine did not answer for ${Math.round(quiet / 1000)} s`);
      return;
    }
    if (!this.exited) this.worker.postMessage({ type: 'ping', id: WATCHDOG_PING });
  }

  /** Replace the worker with a fresh one; every run it held fails with the reason. */
  private restart(reason: string): void {
    const old = this.worker;
    this.restarts++;
    this.worker = this.start();
    void old.terminate();
    const runs = [...this.active];
    this.active.clear();
    const tail = 'so it was stopped and started again. Run the scenario again';
    // With no run in it nothing was lost: the fresh worker simply takes over.
    for (const runId of runs) {
      this.emit({
        type: 'error',
        code: ErrorCode.engineRestarted,
        runId,
        message:
          `${reason} during this run, ${tail}; if it stops again, lower the load ` +
          'or shorten the run.',
      });
    }
  }

  /** Send a message as is: the worker validates it, so a malformed one gets a typed error back. */
  send(message: ToHostInput | unknown): void {
    if (this.exited) throw new Error('The engine worker has exited');
    const m = message as { type?: unknown; runId?: unknown };
    if (
      m !== null &&
      typeof m === 'object' &&
      m.type === 'run.start' &&
      typeof m.runId === 'string'
    )
      this.active.add(m.runId);
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
    this.stopping = true;
    if (this.timer !== null) clearInterval(this.timer);
    await this.worker.terminate();
  }
}
