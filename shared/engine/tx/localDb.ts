// A database with real local transactions (docs/semantics.md §13.1): begin, reads and
// writes under exclusive row locks (FIFO waits, lock-wait timeout aborts the transaction with
// `lock_timeout`), writes in place with an undo log of before-images, commit/rollback atomically.
// XA prepare makes a branch durable: a crash rolls back active transactions (their locks are freed
// at restart) but keeps PREPARED ones with their locks, as XA/2PC requires. Committed data survives.
import type { TxLog } from './events';
import { LockManager } from './lockManager';
import type { TxNet } from './txNet';

export type LocalState = 'active' | 'prepared' | 'committed' | 'aborted';
export type DbCause = 'lock_timeout' | 'db_down' | 'constraint' | 'duplicate_key' | 'not_active';
export type DbResult = { ok: true; value: unknown } | { ok: false; cause: DbCause };

interface LocalTx {
  id: string;
  state: LocalState;
  /** Before-images of the rows written, in write order (the undo log). */
  undo: Map<string, unknown>;
  cause?: DbCause | 'db_crash' | 'rollback';
}

/** One statement of `atomically`: add a number to a row, or set its value. */
export type RowOp =
  | { row: string; delta: number }
  | { row: string; value: unknown }
  /** INSERT: fails with `duplicate_key` when the row exists (a primary key). */
  | { row: string; insert: unknown };

/** A committed change, for `valueAt` and the balance observer. */
export interface RowChange {
  atMs: number;
  row: string;
  value: unknown;
  tx: string;
}

export interface LocalDbOptions {
  /** innodb_lock_wait_timeout, in ms. Default 50 000 (InnoDB's 50 s). */
  lockWaitTimeoutMs?: number;
}

export class LocalDb {
  readonly locks: LockManager;
  readonly changes: RowChange[] = [];
  private readonly data = new Map<string, unknown>();
  private readonly mins = new Map<string, number>();
  private readonly txs = new Map<string, LocalTx>();
  private readonly listeners: (() => void)[] = [];
  private readonly lockWaitTimeoutMs: number;

  constructor(
    readonly name: string,
    private readonly net: TxNet,
    private readonly log?: TxLog,
    opts: LocalDbOptions = {},
  ) {
    this.lockWaitTimeoutMs = opts.lockWaitTimeoutMs ?? 50_000;
    this.locks = new LockManager(net, name, () => this.changed());
    net.register(name, { onCrash: () => this.crash(), onRecover: () => this.recover() });
  }

  get up(): boolean {
    return this.net.isUp(this.name);
  }

  /** Committed initial value; `min` is a CHECK constraint (value ≥ min), e.g. no negative balance. */
  seed(row: string, value: unknown, min?: number): this {
    this.data.set(row, value);
    if (min !== undefined) this.mins.set(row, min);
    this.changes.push({ atMs: this.net.now(), row, value, tx: 'seed' });
    return this;
  }

  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  /** The committed value: what survives a crash and what another session reads once unlocked. */
  committed(row: string): unknown {
    const holder = this.locks.holder(row);
    const t = holder === undefined ? undefined : this.txs.get(holder);
    if (t && t.state !== 'committed' && t.undo.has(row)) return t.undo.get(row);
    return this.data.get(row);
  }

  rows(): string[] {
    return [...this.data.keys()];
  }

  /** The committed value at time `atMs` (after every change at that instant). */
  valueAt(row: string, atMs: number): unknown {
    let v: unknown;
    for (const c of this.changes) if (c.row === row && c.atMs <= atMs) v = c.value;
    return v;
  }

  state(tx: string): LocalState | undefined {
    return this.txs.get(tx)?.state;
  }

  cause(tx: string): string | undefined {
    return this.txs.get(tx)?.cause;
  }

  /** Transactions left PREPARED (in doubt until their coordinator decides). */
  prepared(): string[] {
    return [...this.txs.values()].filter((t) => t.state === 'prepared').map((t) => t.id);
  }

  begin(tx: string): boolean {
    if (!this.up) return false;
    const t = this.txs.get(tx);
    if (t && (t.state === 'active' || t.state === 'prepared')) return true;
    this.txs.set(tx, { id: tx, state: 'active', undo: new Map() });
    return true;
  }

  read(tx: string, row: string, done: (r: DbResult) => void): void {
    this.locked(tx, row, () => done({ ok: true, value: this.data.get(row) }), done);
  }

  write(tx: string, row: string, value: unknown, done: (r: DbResult) => void): void {
    this.update(tx, row, () => value, done);
  }

  /** Read-modify-write one row under its lock; a broken constraint fails the statement. */
  update(tx: string, row: string, f: (old: unknown) => unknown, done: (r: DbResult) => void): void {
    this.locked(
      tx,
      row,
      (t) => {
        const value = f(this.data.get(row));
        const min = this.mins.get(row);
        if (min !== undefined && typeof value === 'number' && value < min) {
          return done({ ok: false, cause: 'constraint' });
        }
        if (!t.undo.has(row)) t.undo.set(row, this.data.get(row));
        this.data.set(row, value);
        done({ ok: true, value });
      },
      done,
    );
  }

  /** INSERT a row under its lock; `duplicate_key` when it already exists. */
  insert(tx: string, row: string, value: unknown, done: (r: DbResult) => void): void {
    this.locked(
      tx,
      row,
      (t) => {
        if (this.data.get(row) !== undefined) return done({ ok: false, cause: 'duplicate_key' });
        if (!t.undo.has(row)) t.undo.set(row, undefined);
        this.data.set(row, value);
        done({ ok: true, value });
      },
      done,
    );
  }

  /** Add `delta` to a numeric row. */
  add(tx: string, row: string, delta: number, done: (r: DbResult) => void): void {
    this.update(tx, row, (v) => (typeof v === 'number' ? v : 0) + delta, done);
  }

  /**
   * One whole local transaction: begin, apply `ops` in order (a numeric `delta` or a `value`),
   * commit; on any failure roll back and report the cause. `done` runs after commit/rollback.
   */
  atomically(tx: string, ops: readonly RowOp[], done: (r: DbResult) => void): void {
    if (!this.begin(tx)) return done({ ok: false, cause: 'db_down' });
    const step = (k: number): void => {
      const op = ops[k];
      if (op === undefined) {
        return done(this.commit(tx) ? { ok: true, value: null } : { ok: false, cause: 'db_down' });
      }
      const next = (r: DbResult) => {
        if (r.ok) return step(k + 1);
        this.rollback(tx);
        done(r);
      };
      if ('delta' in op) this.add(tx, op.row, op.delta, next);
      else if ('value' in op) this.write(tx, op.row, op.value, next);
      else this.insert(tx, op.row, op.insert, next);
    };
    step(0);
  }

  /** XA PREPARE: the branch becomes durable and keeps its locks until commit or rollback. */
  prepare(tx: string): boolean {
    const t = this.txs.get(tx);
    if (!this.up || !t || t.state !== 'active') return false;
    t.state = 'prepared';
    return true;
  }

  commit(tx: string): boolean {
    const t = this.txs.get(tx);
    if (!this.up || !t) return false;
    if (t.state === 'committed') return true;
    if (t.state === 'aborted') return false;
    t.state = 'committed';
    const atMs = this.net.now();
    for (const row of t.undo.keys())
      this.changes.push({ atMs, row, value: this.data.get(row), tx });
    t.undo.clear();
    this.locks.releaseAll(tx);
    return true;
  }

  rollback(tx: string): boolean {
    const t = this.txs.get(tx);
    if (!this.up || !t) return false;
    if (t.state === 'aborted') return true;
    if (t.state === 'committed') return false;
    this.abort(t, 'rollback');
    return true;
  }

  private abort(t: LocalTx, cause: NonNullable<LocalTx['cause']>): void {
    for (const [row, before] of [...t.undo].reverse()) this.data.set(row, before);
    t.undo.clear();
    t.state = 'aborted';
    t.cause = cause;
    this.locks.withdraw(t.id);
    this.locks.releaseAll(t.id);
  }

  private locked(
    tx: string,
    row: string,
    then: (t: LocalTx) => void,
    fail: (r: DbResult) => void,
  ): void {
    const t = this.txs.get(tx);
    if (!this.up) return fail({ ok: false, cause: 'db_down' });
    if (!t || t.state !== 'active') return fail({ ok: false, cause: 'not_active' });
    this.locks.acquire(tx, row, this.lockWaitTimeoutMs, (r) => {
      if (r.ok) return then(t);
      if (r.cause === 'lock_timeout') {
        this.log?.warning(
          'LockWaitTimeout',
          this.name,
          `Lock wait timeout exceeded on ${row}; transaction ${tx} rolled back`,
          { tx, row, holder: this.locks.holder(row) },
        );
        if (t.state === 'active') this.abort(t, 'lock_timeout');
      }
      fail({ ok: false, cause: r.cause });
    });
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }

  /** Power off: sessions waiting for locks fail; everything else is settled at restart. */
  private crash(): void {
    this.locks.failWaiters();
    this.changed();
  }

  /** Restart: undo active transactions from the undo log, free their locks; PREPARED stay. */
  private recover(): void {
    const active = [...this.txs.values()].filter((t) => t.state === 'active');
    for (const t of active) this.abort(t, 'db_crash');
    if (active.length > 0) {
      this.log?.normal(
        'CrashRecovery',
        this.name,
        `Rolled back ${active.length} uncommitted transaction(s); ${this.prepared().length} prepared kept`,
        { rolledBack: active.map((t) => t.id), prepared: this.prepared() },
      );
    }
    this.changed();
  }
}
