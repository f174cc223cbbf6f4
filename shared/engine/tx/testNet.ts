// A deterministic mini event loop implementing TxNet, for tests and headless checks: a binary
// heap of callbacks ordered by (time, sequence), a latency per directed link, and the faults layer.
// txrun/kernelNet.ts implements the same TxNet on the engine's kernel.
import { Faults, type MessageRecord, type ProcessHooks, type TxMessage, type TxNet } from './txNet';
import { TxLog } from './events';

interface Entry {
  at: number;
  seq: number;
  fn: () => void;
}

/** Latency of a link: a fixed number of ms for every link, or a function of (from, to). */
export type Latency = number | ((from: string, to: string) => number);

export interface TestNet extends TxNet {
  readonly faults: Faults;
  readonly log: TxLog;
  readonly messages: MessageRecord[];
  /** Run events up to and including `untilMs` (default: until the heap is empty). */
  run(untilMs?: number): void;
  /** Crash / recover a process now, running its hooks. */
  crash(process: string): void;
  recover(process: string): void;
  /** Crash at `atMs`, and recover at `recoverMs` when given. */
  crashAt(process: string, atMs: number, recoverMs?: number): void;
  /** Run `fn` at absolute time `atMs`. */
  at(atMs: number, fn: () => void): void;
}

export function createTestNet(latency: Latency = 0): TestNet {
  const heap: Entry[] = [];
  const cancelled = new Set<number>();
  const hooks = new Map<string, ProcessHooks[]>();
  const faults = new Faults();
  const messages: MessageRecord[] = [];
  let now = 0;
  let seq = 0;
  const linkMs = typeof latency === 'number' ? () => latency : latency;

  function push(at: number, fn: () => void): number {
    const e: Entry = { at, seq: seq++, fn };
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const parent = heap[p] as Entry;
      if (parent.at < e.at || (parent.at === e.at && parent.seq < e.seq)) break;
      heap[i] = parent;
      i = p;
    }
    heap[i] = e;
    return e.seq;
  }

  function pop(): Entry | undefined {
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heap.length) break;
      const r = c + 1;
      const cl = heap[c] as Entry;
      const cr = heap[r];
      if (cr !== undefined && (cr.at < cl.at || (cr.at === cl.at && cr.seq < cl.seq))) c = r;
      const child = heap[c] as Entry;
      if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
      heap[i] = child;
      i = c;
    }
    heap[i] = last;
    return top;
  }

  const log = new TxLog(() => now);

  const net: TestNet = {
    faults,
    log,
    messages,
    now: () => now,
    send<M extends TxMessage>(from: string, to: string, m: M, onDeliver: (m: M) => void): void {
      const rec: MessageRecord = { from, to, type: m.type, tx: m.tx, sentMs: now };
      messages.push(rec);
      if (!faults.isUp(from)) return void (rec.lost = 'sender_down');
      if (faults.partitioned(from, to)) return void (rec.lost = 'partitioned');
      if (faults.takeDrop(m, from, to)) return void (rec.lost = 'dropped');
      const delay = linkMs(from, to) + faults.takeDelay(m, from, to);
      push(now + delay, () => {
        if (!faults.isUp(to)) return void (rec.lost = 'receiver_down');
        if (faults.partitioned(from, to)) return void (rec.lost = 'partitioned');
        rec.deliveredMs = now;
        onDeliver(m);
      });
    },
    schedule(delayMs: number, fn: () => void, owner?: string): number {
      if (owner === undefined) return push(now + delayMs, fn);
      const epoch = faults.epoch(owner);
      return push(now + delayMs, () => {
        if (faults.isUp(owner) && faults.epoch(owner) === epoch) fn();
      });
    },
    cancel(timer: number): void {
      cancelled.add(timer);
    },
    register(process: string, h: ProcessHooks): void {
      const list = hooks.get(process) ?? [];
      list.push(h);
      hooks.set(process, list);
    },
    isUp: (p) => faults.isUp(p),
    run(untilMs = Infinity): void {
      for (;;) {
        const top = heap[0];
        if (top === undefined || top.at > untilMs) break;
        pop();
        if (cancelled.delete(top.seq)) continue;
        now = top.at;
        top.fn();
      }
      if (untilMs !== Infinity && untilMs > now) now = untilMs;
    },
    crash(process: string): void {
      if (!faults.markDown(process)) return;
      log.warning('ProcessCrashed', process, `${process} crashed`);
      for (const h of hooks.get(process) ?? []) h.onCrash?.();
    },
    recover(process: string): void {
      if (!faults.markUp(process)) return;
      log.normal('ProcessRecovered', process, `${process} restarted`);
      for (const h of hooks.get(process) ?? []) h.onRecover?.();
    },
    crashAt(process: string, atMs: number, recoverMs?: number): void {
      push(atMs, () => net.crash(process));
      if (recoverMs !== undefined) push(recoverMs, () => net.recover(process));
    },
    at(atMs: number, fn: () => void): void {
      push(atMs, fn);
    },
  };
  return net;
}
