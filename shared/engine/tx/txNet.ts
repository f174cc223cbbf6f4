// The network the transaction protocols talk over: processes (coordinators, participants, a
// broker) that can crash and recover, messages with a per-link latency, timers, and a faults layer
// (crash, drop, delay, partition). The protocols see only `TxNet`; `createTestNet()` (testNet.ts)
// is a small deterministic event loop for tests, and txrun/kernelNet.ts puts the same interface on
// the engine's kernel and the drawn call edges. Times are simulated milliseconds.

/** Every protocol message names its type and the global transaction it belongs to. */
export interface TxMessage {
  readonly type: string;
  readonly tx: string;
}

/** A timer handle: cancel it with `net.cancel`. */
export type TimerId = number;

/** What a process does when it crashes (lose volatile state) and when it restarts (recover). */
export interface ProcessHooks {
  onCrash?: () => void;
  onRecover?: () => void;
}

/** One message on the wire, for sequence diagrams and message-round checks. */
export interface MessageRecord {
  from: string;
  to: string;
  type: string;
  tx: string;
  sentMs: number;
  /** When it arrived and was handled; absent while in flight or when lost. */
  deliveredMs?: number;
  /** Why it was lost: 'sender_down', 'receiver_down', 'dropped', 'partitioned'. */
  lost?: string;
}

export interface TxNet {
  /** Simulated time (ms). */
  now(): number;
  /**
   * Send `message` from `from` to `to`; `onDeliver` runs at the receiver after the link's latency,
   * unless the message is lost (sender down, receiver down at arrival, dropped, partitioned).
   */
  send<M extends TxMessage>(from: string, to: string, message: M, onDeliver: (m: M) => void): void;
  /**
   * Run `fn` after `delayMs`. With `owner`, the timer belongs to that process: it does not fire if
   * the process crashed in between (timers are volatile state).
   */
  schedule(delayMs: number, fn: () => void, owner?: string): TimerId;
  cancel(timer: TimerId): void;
  /** Declare a process and what it does on crash/recovery (several hooks may be registered). */
  register(process: string, hooks: ProcessHooks): void;
  isUp(process: string): boolean;
}

/** A predicate over messages (for drop and delay faults). */
export type MessageMatch = (m: TxMessage, from: string, to: string) => boolean;

/**
 * The faults a drill can inject, as plain state the net consults. Both the test net and the
 * engine's net own one; crash/recover are applied through the net so that hooks run.
 */
export class Faults {
  private readonly down = new Set<string>();
  private readonly epochs = new Map<string, number>();
  private readonly drops: { match: MessageMatch; remaining: number }[] = [];
  private readonly delays: { match: MessageMatch; extraMs: number; remaining: number }[] = [];
  private partitions: { a: ReadonlySet<string>; b: ReadonlySet<string> }[] = [];

  isUp(p: string): boolean {
    return !this.down.has(p);
  }

  /** Incremented at every crash: a timer or request from an older epoch is void. */
  epoch(p: string): number {
    return this.epochs.get(p) ?? 0;
  }

  markDown(p: string): boolean {
    if (this.down.has(p)) return false;
    this.down.add(p);
    this.epochs.set(p, this.epoch(p) + 1);
    return true;
  }

  markUp(p: string): boolean {
    return this.down.delete(p);
  }

  /** Drop the next `count` messages matching (default: every one). */
  drop(match: MessageMatch, count = Infinity): void {
    this.drops.push({ match, remaining: count });
  }

  /** Add `extraMs` to the next `count` matching messages (a slow call that outlives its timeout). */
  delay(match: MessageMatch, extraMs: number, count = Infinity): void {
    this.delays.push({ match, extraMs, remaining: count });
  }

  /** Cut every link between the two sets (both directions) until heal(). */
  partition(a: Iterable<string>, b: Iterable<string>): void {
    this.partitions.push({ a: new Set(a), b: new Set(b) });
  }

  heal(): void {
    this.partitions = [];
  }

  partitioned(from: string, to: string): boolean {
    return this.partitions.some(
      ({ a, b }) => (a.has(from) && b.has(to)) || (b.has(from) && a.has(to)),
    );
  }

  /** Consume a matching drop rule; true when the message is to be dropped. */
  takeDrop(m: TxMessage, from: string, to: string): boolean {
    for (const d of this.drops) {
      if (d.remaining > 0 && d.match(m, from, to)) {
        d.remaining--;
        return true;
      }
    }
    return false;
  }

  /** Extra latency for this message (sum of matching delay rules, each consumed once). */
  takeDelay(m: TxMessage, from: string, to: string): number {
    let extra = 0;
    for (const d of this.delays) {
      if (d.remaining > 0 && d.match(m, from, to)) {
        d.remaining--;
        extra += d.extraMs;
      }
    }
    return extra;
  }
}

/** Message matchers for fault rules. */
export const match = {
  type:
    (type: string, to?: string): MessageMatch =>
    (m, _from, dest) =>
      m.type === type && (to === undefined || dest === to),
  between:
    (from: string, to: string): MessageMatch =>
    (_m, f, t) =>
      f === from && t === to,
};
