// Exclusive row locks with a FIFO wait queue and a lock-wait timeout (InnoDB's
// innodb_lock_wait_timeout; a waiter that times out gets `lock_timeout`). Every hold is recorded as
// an interval per row, for the lock bars of the sequence diagram and the invariant checker.
import type { TimerId, TxNet } from './txNet';

export type LockResult = { ok: true } | { ok: false; cause: 'lock_timeout' | 'db_down' };

interface Waiter {
  owner: string;
  wait: { toMs?: number };
  done: (r: LockResult) => void;
  timer: TimerId;
}

export interface LockHold {
  row: string;
  owner: string;
  fromMs: number;
  /** Absent while the lock is still held. */
  toMs?: number;
}

export class LockManager {
  private readonly holders = new Map<string, string>();
  private readonly queues = new Map<string, Waiter[]>();
  private readonly open = new Map<string, LockHold>();
  /** Every hold, in the order granted. */
  readonly holds: LockHold[] = [];
  /** Lock waits: who waited for which row, from when, and how it ended. */
  readonly waits: { row: string; owner: string; fromMs: number; toMs?: number; timedOut?: true }[] =
    [];

  constructor(
    private readonly net: Pick<TxNet, 'now' | 'schedule' | 'cancel'>,
    private readonly owner: string,
    private readonly onChange: () => void = () => {},
  ) {}

  holder(row: string): string | undefined {
    return this.holders.get(row);
  }

  /** Rows held by `owner`. */
  heldBy(owner: string): string[] {
    return [...this.holders].filter(([, o]) => o === owner).map(([r]) => r);
  }

  queueLength(row: string): number {
    return this.queues.get(row)?.length ?? 0;
  }

  /**
   * Lock `row` for `owner`. Granted at once (done called synchronously) when free or already
   * held by the owner; otherwise queued FIFO until released or `timeoutMs` passes.
   */
  acquire(owner: string, row: string, timeoutMs: number, done: (r: LockResult) => void): void {
    const h = this.holders.get(row);
    if (h === undefined || h === owner) {
      if (h === undefined) this.grant(owner, row);
      done({ ok: true });
      return;
    }
    const wait: (typeof this.waits)[number] = { row, owner, fromMs: this.net.now() };
    this.waits.push(wait);
    const waiter: Waiter = {
      owner,
      wait,
      done: (r) => {
        wait.toMs = this.net.now();
        done(r);
      },
      timer: this.net.schedule(
        timeoutMs,
        () => {
          const q = this.queues.get(row) ?? [];
          const i = q.indexOf(waiter);
          if (i < 0) return;
          q.splice(i, 1);
          wait.timedOut = true;
          waiter.done({ ok: false, cause: 'lock_timeout' });
        },
        this.owner,
      ),
    };
    const q = this.queues.get(row) ?? [];
    q.push(waiter);
    this.queues.set(row, q);
  }

  /** Release every lock `owner` holds, granting each row to its first waiter. */
  releaseAll(owner: string): void {
    for (const row of this.heldBy(owner)) {
      this.holders.delete(row);
      const hold = this.open.get(row);
      if (hold) hold.toMs = this.net.now();
      this.open.delete(row);
      const next = this.queues.get(row)?.shift();
      if (next) {
        this.net.cancel(next.timer);
        this.grant(next.owner, row);
        next.done({ ok: true });
      }
    }
    this.onChange();
  }

  /**
   * The owner's transaction ended (rolled back) while it waited: its waits are withdrawn, as a
   * rolled-back session's statement is interrupted; nothing is granted to it later.
   */
  withdraw(owner: string): void {
    for (const q of this.queues.values()) {
      for (let i = q.length - 1; i >= 0; i--) {
        const w = q[i] as Waiter;
        if (w.owner !== owner) continue;
        q.splice(i, 1);
        this.net.cancel(w.timer);
        w.wait.toMs = this.net.now();
      }
    }
  }

  /** The database crashed: waiters lose their sessions; held locks are dealt with by the caller. */
  failWaiters(): void {
    const all = [...this.queues.values()].flat();
    this.queues.clear();
    for (const w of all) {
      this.net.cancel(w.timer);
      w.done({ ok: false, cause: 'db_down' });
    }
  }

  private grant(owner: string, row: string): void {
    this.holders.set(row, owner);
    const hold: LockHold = { row, owner, fromMs: this.net.now() };
    this.holds.push(hold);
    this.open.set(row, hold);
    this.onChange();
  }
}
