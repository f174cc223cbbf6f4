// Saga, orchestrated (docs/semantics.md §13.5; Seata Saga's state machine, Garcia-Molina & Salem
// 1987): steps T1..Tn each a local transaction that commits at once; when Tk fails the
// coordinator runs Ck−1..C1 in reverse, each retried every retryMs until it succeeds. A step that
// does not answer within stepTimeoutMs counts as failed and is compensated too (its participant
// makes that a no-op if Tk never ran). No isolation: between Tk's commit and the saga's end other
// transactions read the intermediate state. The coordinator's progress is durable: a restarted
// coordinator resumes where it was. Participants keep a saga log row per step in the same local
// transaction as the business change, so a repeated Tk or Ck does nothing the second time.
import {
  retryUntil,
  localId,
  type BranchState,
  type Msg,
  type TxContext,
  type TxInstance,
  type TxSpec,
} from './common';

type SagaRecord = 'done' | 'failed' | 'compensated';

/** The saga log row a participant keeps for step `i` of `tx`. */
export const sagaRow = (tx: string, i: number) => `saga_log:${tx}:${i}`;

/**
 * Run Tk (forward) or Ck (compensate) of step `i` at its participant, idempotently; `done(ok)`
 * runs at the participant after the local transaction.
 */
export function sagaStep(
  ctx: TxContext,
  spec: TxSpec,
  i: number,
  dir: 'forward' | 'compensate',
  done: (ok: boolean) => void,
): void {
  const s = spec.steps[i];
  if (s === undefined) return done(false);
  const P = s.participant;
  const db = ctx.db(P);
  const tx = spec.id;
  const row = sagaRow(tx, i);
  const rec = db.committed(row) as SagaRecord | undefined;
  const data = { tx, step: i + 1 };
  const lid = localId(tx, i, `:${dir === 'forward' ? 'T' : 'C'}${ctx.seq()}`);
  if (dir === 'forward') {
    if (rec === 'done') return done(true);
    if (rec !== undefined) return done(false);
    if (s.fail) {
      db.atomically(lid, [{ row, insert: 'failed' }], () => undefined);
      ctx.log.warning('StepFailed', P, `T${i + 1} of ${tx} failed: business_error`, data);
      return done(false);
    }
    db.atomically(
      lid,
      [
        { row, insert: 'done' },
        { row: s.row, delta: s.delta },
      ],
      (r) => {
        if (!r.ok && r.cause === 'duplicate_key') return done(db.committed(row) === 'done');
        if (r.ok) {
          ctx.log.normal('StepCommitted', P, `T${i + 1} of ${tx} committed`, data);
          return done(true);
        }
        db.atomically(localId(tx, i, `:F${ctx.seq()}`), [{ row, insert: 'failed' }], () => {});
        ctx.log.warning('StepFailed', P, `T${i + 1} of ${tx} failed: ${r.cause}`, data);
        done(false);
      },
    );
    return;
  }
  if (rec === 'compensated') return done(true);
  const ops =
    rec === 'done'
      ? [
          { row, value: 'compensated' },
          { row: s.row, delta: -s.delta },
        ]
      : [{ row, value: 'compensated' }];
  db.atomically(lid, ops, (r) => {
    if (!r.ok) {
      ctx.log.warning('CompensationFailed', P, `C${i + 1} of ${tx} failed: ${r.cause}`, data);
      return done(false);
    }
    ctx.log.normal('Compensated', P, `C${i + 1} of ${tx} ran`, { ...data, empty: rec !== 'done' });
    done(true);
  });
}

/** Branch states of a saga from its participants' saga log rows. */
export function sagaBranches(ctx: TxContext, spec: TxSpec): Record<string, BranchState> {
  const out: Record<string, BranchState> = {};
  spec.steps.forEach((s, i) => {
    const rec = ctx.db(s.participant).committed(sagaRow(spec.id, i)) as SagaRecord | undefined;
    out[`${i}:${s.participant}`] =
      rec === 'done'
        ? 'committed'
        : rec === 'compensated'
          ? 'compensated'
          : rec === 'failed'
            ? 'aborted'
            : 'none';
  });
  return out;
}

export function createSaga(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const C = spec.coordinator;
  const tx = spec.id;
  const n = spec.steps.length;
  /** Durable progress: direction and the step in hand. */
  let mode: 'forward' | 'backward' | 'end' | undefined;
  let pos = 0;
  let outcome: 'committed' | 'compensated' | undefined;
  let startMs: number | undefined;
  let endMs: number | undefined;
  let attempt = 0;

  function start(): void {
    startMs = net.now();
    log.normal('TransactionStarted', C, `Started saga ${tx} (${n} steps, orchestrated)`, { tx });
    mode = 'forward';
    forward(0);
  }

  function call(i: number, dir: 'forward' | 'compensate', reply: (ok: boolean) => void): void {
    const s = spec.steps[i];
    if (s === undefined) return;
    const type = dir === 'forward' ? 'STEP' : 'COMPENSATE';
    net.send<Msg>(C, s.participant, { type, tx, step: i }, () =>
      sagaStep(ctx, spec, i, dir, (ok) =>
        net.send<Msg>(s.participant, C, { type: `${type}_DONE`, tx, step: i, ok }, (m) =>
          reply(m.ok === true),
        ),
      ),
    );
  }

  function forward(k: number): void {
    pos = k;
    if (k === n) return finish('committed');
    const my = ++attempt;
    call(k, 'forward', (ok) => {
      if (my !== attempt || mode !== 'forward') return;
      if (ok) forward(k + 1);
      else backward(k - 1);
    });
    net.schedule(
      options.stepTimeoutMs,
      () => {
        if (my !== attempt || mode !== 'forward') return;
        log.warning('StepTimeout', C, `T${k + 1} of ${tx} did not answer: compensating it`, { tx });
        backward(k);
      },
      C,
    );
  }

  function backward(j: number): void {
    if (mode === 'forward') {
      log.warning('Compensating', C, `Saga ${tx} failed at T${pos + 1}: compensating`, { tx });
    }
    mode = 'backward';
    pos = j;
    ++attempt;
    if (j < 0) return finish('compensated');
    let acked = false;
    retryUntil(
      net,
      C,
      options.retryMs,
      () => acked,
      () =>
        call(j, 'compensate', (ok) => {
          if (!ok || acked || mode !== 'backward' || pos !== j) return;
          acked = true;
          backward(j - 1);
        }),
    );
  }

  function finish(o: 'committed' | 'compensated'): void {
    mode = 'end';
    outcome = o;
    endMs = net.now();
    if (o === 'committed') log.normal('TransactionCommitted', C, `Saga ${tx} completed`, { tx });
    else log.normal('TransactionCompensated', C, `Saga ${tx} compensated`, { tx });
  }

  net.register(C, {
    onRecover: () => {
      if (mode === 'forward') forward(pos);
      else if (mode === 'backward') backward(pos);
    },
  });
  for (const s of spec.steps) ctx.db(s.participant);

  return {
    id: tx,
    protocol: 'saga',
    spec,
    start,
    branches: () => sagaBranches(ctx, spec),
    finished: () => outcome !== undefined,
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
