// TxNet on the engine's kernel: the transaction protocols' messages travel over the drawn edges.
// A process (a coordinator in a pod of its service, a participant database or service, a broker
// queue) lives on a node; a message from one process to another follows the route between their
// nodes (the call-edge path compile found) and takes the sum of the edges' latencies, injected
// latency included. On the way it is lost when:
//   sender_down     the sender crashed before sending
//   partitioned     an edge of the route crosses a partition: the fault library's `partition`
//                   (faults/network.ts, the same state the request traffic sees) or tx-partition
//   dropped         a drop-messages rule matched it
//   timeout         a hop's round trip (2 × its latency, injected latency included) is longer than
//                   the edge's timeoutMs: the caller abandons the call before the answer can return
//   unavailable     a node on the route is failed (fail-node)
//   receiver_down   the receiver is down when it arrives
// Timers and deliveries are the kernel's generic control-plane events (EV_TIMER, timer.ts) whose
// timer runs the callback; the kernel's (time, sequence) order keeps the run deterministic. Crash and recover run the processes' hooks
// as the test net does (tx/testNet.ts), with the same Faults state.
import { isPartitioned } from '../faults/network';
import type { REdge, RNode } from '../graph';
import type { Timer } from '../timer';
import { EV_TIMER, type World } from '../world';
import type { TxLog } from '../tx/events';
import {
  Faults,
  type MessageRecord,
  type ProcessHooks,
  type TimerId,
  type TxMessage,
  type TxNet,
} from '../tx/txNet';

/** A callback as a kernel timer. */
class Callback implements Timer {
  constructor(private readonly fn: () => void) {}
  fire(): void {
    this.fn();
  }
}

/** Messages kept per transaction for its sequence diagram; later ones are counted only. */
const MAX_RECORDS_PER_TX = 200;

/** Finds the route between two nodes (null: none). */
export type RouteOf = (from: RNode, to: RNode) => readonly REdge[] | null;

/** Called around a message: the drill's protocol-step triggers hang here. */
export interface NetTap {
  /** Before `from` sends (a crash here loses the message as sender_down). */
  beforeSend?(rec: MessageRecord): void;
  /** Right after a send. */
  afterSend?(rec: MessageRecord): void;
  /** As it arrives, before the receiver handles it (a crash here loses it as receiver_down). */
  beforeDeliver?(rec: MessageRecord): void;
}

export class KernelNet implements TxNet {
  readonly faults = new Faults();
  /** Message records per transaction id. */
  readonly messages = new Map<string, MessageRecord[]>();
  messageCount = 0;
  readonly lost = new Map<string, number>();
  readonly taps: NetTap[] = [];
  private readonly hooks = new Map<string, ProcessHooks[]>();

  constructor(
    private readonly w: World,
    private readonly log: TxLog,
    private readonly nodeOf: (process: string) => RNode | undefined,
    private readonly routeOf: RouteOf,
  ) {}

  now(): number {
    return this.w.k.now;
  }

  send<M extends TxMessage>(from: string, to: string, m: M, onDeliver: (m: M) => void): void {
    const rec: MessageRecord = { from, to, type: m.type, tx: m.tx, sentMs: this.w.k.now };
    this.record(rec);
    for (const t of this.taps) t.beforeSend?.(rec);
    const route = this.route(from, to);
    const lose = (why: string) => {
      rec.lost = why;
      this.lost.set(why, (this.lost.get(why) ?? 0) + 1);
    };
    if (!this.faults.isUp(from)) return lose('sender_down');
    if (route === null) return lose('no_route');
    if (this.cut(route)) return lose('partitioned');
    if (this.faults.takeDrop(m, from, to)) return lose('dropped');
    let latency = this.faults.takeDelay(m, from, to);
    for (const e of route) {
      const hop = e.latencyMs + e.extraMs;
      if (e.timeoutMs > 0 && 2 * hop > e.timeoutMs) return lose('timeout');
      latency += hop;
    }
    for (const t of this.taps) t.afterSend?.(rec);
    this.at(this.w.k.now + latency, () => {
      for (const t of this.taps) t.beforeDeliver?.(rec);
      if (this.cut(route)) return lose('partitioned');
      if (this.failedOn(route, from)) return lose('unavailable');
      if (!this.faults.isUp(to)) return lose('receiver_down');
      rec.deliveredMs = this.w.k.now;
      onDeliver(m);
    });
  }

  schedule(delayMs: number, fn: () => void, owner?: string): TimerId {
    if (owner === undefined) return this.at(this.w.k.now + delayMs, fn);
    const faults = this.faults;
    const epoch = faults.epoch(owner);
    return this.at(this.w.k.now + delayMs, () => {
      if (faults.isUp(owner) && faults.epoch(owner) === epoch) fn();
    });
  }

  cancel(timer: TimerId): void {
    this.w.k.cancel(timer);
  }

  register(process: string, h: ProcessHooks): void {
    const list = this.hooks.get(process);
    if (list) list.push(h);
    else this.hooks.set(process, [h]);
  }

  isUp(process: string): boolean {
    return this.faults.isUp(process);
  }

  /** Run `fn` at absolute time `atMs` (a kernel event). */
  at(atMs: number, fn: () => void): number {
    return this.w.k.at(atMs, EV_TIMER, new Callback(fn), 0);
  }

  /** Crash a process now: it loses its volatile state and its timers; hooks run. */
  crash(process: string, data: Record<string, unknown> = {}): boolean {
    if (!this.faults.markDown(process)) return false;
    this.log.warning('ProcessCrashed', process, `${process} crashed`, data);
    for (const h of this.hooks.get(process) ?? []) h.onCrash?.();
    return true;
  }

  recover(process: string, data: Record<string, unknown> = {}): boolean {
    if (!this.faults.markUp(process)) return false;
    this.log.normal('ProcessRecovered', process, `${process} restarted`, data);
    for (const h of this.hooks.get(process) ?? []) h.onRecover?.();
    return true;
  }

  /** The route between two processes' nodes (empty on one node), or null when there is none. */
  route(from: string, to: string): readonly REdge[] | null {
    const a = this.nodeOf(from);
    const b = this.nodeOf(to);
    if (a === undefined || b === undefined) return null;
    return a === b ? [] : this.routeOf(a, b);
  }

  /** A node of the route other than the sender's is failed (fail-node). */
  private failedOn(route: readonly REdge[], from: string): boolean {
    const src = this.nodeOf(from);
    for (const e of route) {
      if (e.from !== src && e.from.failed > 0) return true;
      if (e.to !== src && e.to.failed > 0) return true;
    }
    return false;
  }

  /** An edge of the route crosses a tx-partition or the fault library's network partition. */
  private cut(route: readonly REdge[]): boolean {
    for (const e of route) {
      if (this.faults.partitioned(e.from.id, e.to.id)) return true;
      if (isPartitioned(this.w, e.from.id, e.to.id)) return true;
    }
    return false;
  }

  private record(rec: MessageRecord): void {
    this.messageCount++;
    const list = this.messages.get(rec.tx);
    if (list === undefined) this.messages.set(rec.tx, [rec]);
    else if (list.length < MAX_RECORDS_PER_TX) list.push(rec);
  }
}
