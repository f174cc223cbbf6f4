// Runs a sweep's tasks on Web Workers, one per core (at most 8): the app's side of the sweep
// executor. Each worker takes one task at a time; close() terminates them all (cancel).
import type { RunLine, RunTask } from '../../../shared/sweep/runOne';
import type { Executor } from '../../../shared/sweep/schedule';

type Reply = { id: number; line?: RunLine; error?: string };

export function webExecutor(jobs = Math.min(8, Math.max(1, navigator.hardwareConcurrency || 2))) {
  const workers = Array.from(
    { length: jobs },
    () => new Worker(new URL('./sweep.worker.ts', import.meta.url), { type: 'module' }),
  );
  const idle = [...workers];
  const waiting: (() => void)[] = [];
  const pending = new Map<number, { resolve(l: RunLine): void; reject(e: Error): void }>();
  let next = 0;
  let closed = false;
  for (const w of workers)
    w.onmessage = (e: MessageEvent<Reply>) => {
      const p = pending.get(e.data.id);
      pending.delete(e.data.id);
      idle.push(w);
      waiting.shift()?.();
      if (e.data.line !== undefined) p?.resolve(e.data.line);
      else p?.reject(new Error(e.data.error ?? 'the run failed'));
    };
  const executor: Executor = {
    width: jobs,
    async run(task: RunTask): Promise<RunLine> {
      while (idle.length === 0 && !closed) await new Promise<void>((r) => waiting.push(r));
      if (closed) throw new Error('cancelled');
      const w = idle.pop()!;
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, task });
      });
    },
    close() {
      closed = true;
      for (const w of workers) w.terminate();
      for (const p of pending.values()) p.reject(new Error('cancelled'));
      pending.clear();
      for (const r of waiting.splice(0)) r();
      return Promise.resolve();
    },
  };
  return executor;
}
