// A local ACID transaction, for reference (docs/semantics.md §13.1): the application
// (spec.coordinator) sends BEGIN, one statement per step and COMMIT to a single database, each
// a round trip; rows stay locked from their statement to the commit. A statement that fails
// (constraint, lock-wait timeout) rolls the whole transaction back; a database crash before COMMIT
// loses it (rolled back at restart), one after keeps it. The application gives up on an answer
// that does not come within stepTimeoutMs.
import {
  fromLocal,
  localId,
  type BranchState,
  type Msg,
  type TxContext,
  type TxInstance,
  type TxSpec,
} from './common';

export function createLocal(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const A = spec.coordinator;
  const tx = spec.id;
  const dbName = spec.steps[0]?.participant ?? '';
  if (spec.steps.some((s) => s.participant !== dbName)) {
    throw new Error(`Local transaction ${tx} spans several databases; use 2PC, TCC or a saga`);
  }
  const db = ctx.db(dbName);
  const lid = localId(tx, 0);
  let startMs: number | undefined;
  let endMs: number | undefined;
  let done = false;
  let attempt = 0;

  function end(ok: boolean, cause?: string): void {
    if (done) return;
    done = true;
    endMs = net.now();
    if (!ok) log.warning('TransactionRolledBack', A, `Rolled back ${tx}: ${cause}`, { tx, cause });
  }

  /** Statement k (k = steps.length is COMMIT) as a round trip from the application. */
  function statement(k: number): void {
    const my = ++attempt;
    net.send<Msg>(
      A,
      dbName,
      { type: k < spec.steps.length ? 'EXEC' : 'COMMIT', tx, step: k },
      () => {
        const answer = (ok: boolean, cause = '') =>
          net.send<Msg>(dbName, A, { type: 'RESULT', tx, step: k, ok, id: cause }, (m) => {
            if (my !== attempt || done) return;
            if (!m.ok) return end(false, m.id);
            if (k === spec.steps.length) return end(true);
            statement(k + 1);
          });
        const s = spec.steps[k];
        if (s === undefined) {
          const ok = db.commit(lid);
          if (ok) log.normal('TransactionCommitted', dbName, `Committed ${tx}`, { tx });
          return answer(ok, 'db_down');
        }
        if (k === 0) db.begin(lid);
        if (s.fail) {
          db.rollback(lid);
          return answer(false, 'business_error');
        }
        db.add(lid, s.row, s.delta, (r) => {
          if (!r.ok) db.rollback(lid);
          answer(r.ok, r.ok ? '' : r.cause);
        });
      },
    );
    net.schedule(
      options.stepTimeoutMs,
      () => {
        if (my !== attempt || done) return;
        db.rollback(lid);
        end(false, 'timeout');
      },
      A,
    );
  }

  return {
    id: tx,
    protocol: 'local',
    spec,
    start: () => {
      startMs = net.now();
      log.normal('TransactionStarted', A, `Started local transaction ${tx} on ${dbName}`, { tx });
      statement(0);
    },
    branches: (): Record<string, BranchState> =>
      Object.fromEntries(
        spec.steps.map((s, i) => [`${i}:${s.participant}`, fromLocal(db.state(lid))]),
      ),
    finished: () => done,
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
