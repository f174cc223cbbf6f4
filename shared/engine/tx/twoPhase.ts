// Two-phase commit as XA runs it (docs/semantics.md §13.2; X/Open XA, JTA, Seata XA mode):
//   execution  coordinator → EXEC → participant does its work under row locks → EXECUTED
//   phase 1    PREPARE → the branch becomes durable, keeps its locks → VOTE yes/no
//   decision   the coordinator logs COMMIT (all yes) or ABORT (a no, or a timeout), durably
//   phase 2    COMMIT/ABORT → the participant applies it, frees its locks → ACK (resent until acked)
// The coordinator's log records the transaction and its participants at begin (like Seata's
// global session), so a recovering coordinator resends a logged decision or, with none logged,
// aborts (presumed abort). A prepared participant cannot decide alone: after decisionTimeoutMs it
// is in doubt, keeps its locks, and asks the coordinator until it answers. A branch never asked
// to prepare rolls back on its own after idleTimeoutMs.
import {
  branchKey,
  fromLocal,
  localId,
  retryUntil,
  type BranchState,
  type Msg,
  type TxContext,
  type TxInstance,
  type TxSpec,
} from './common';

type Decision = 'commit' | 'abort';

export function createTwoPhase(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const C = spec.coordinator;
  const tx = spec.id;
  const n = spec.steps.length;

  // Coordinator: the durable log, and volatile progress.
  let logged: 'begun' | Decision | 'end' | undefined;
  let phase: 'idle' | 'exec' | 'prepare' | 'decided' = 'idle';
  let executed = new Set<number>();
  let votes = new Set<number>();
  let acks = new Set<number>();
  let startMs: number | undefined;
  let endMs: number | undefined;

  // Participants: volatile flags per step (their durable state is their database).
  const inDoubtSaid = new Set<number>();
  const waiting = new Set<number>();

  const data = (extra: Record<string, unknown> = {}) => ({ tx, ...extra });
  const decision = (): Decision | undefined =>
    logged === 'commit' || logged === 'abort' ? logged : undefined;

  function toParticipant(i: number, type: string): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    net.send<Msg>(C, step.participant, { type, tx, step: i }, (m) => participantGets(i, m));
  }

  function toCoordinator(i: number, type: string, ok = true): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    net.send<Msg>(step.participant, C, { type, tx, step: i, ok }, (m) => coordinatorGets(i, m));
  }

  // ---- coordinator ----
  function start(): void {
    startMs = net.now();
    logged = 'begun';
    phase = 'exec';
    log.normal('TransactionStarted', C, `Started 2PC transaction ${tx} over ${n} participants`, {
      tx,
      participants: spec.steps.map((s) => s.participant),
    });
    for (let i = 0; i < n; i++) toParticipant(i, 'EXEC');
    net.schedule(options.voteTimeoutMs, () => phase === 'exec' && timeout('execution'), C);
  }

  function timeout(what: string): void {
    log.warning(
      'VoteTimeout',
      C,
      `No answer to ${what} within ${options.voteTimeoutMs} ms`,
      data(),
    );
    decide('abort');
  }

  function coordinatorGets(i: number, m: Msg): void {
    if (m.type === 'EXECUTED' && phase === 'exec') {
      if (!m.ok) return decide('abort');
      executed.add(i);
      if (executed.size < n) return;
      phase = 'prepare';
      for (let j = 0; j < n; j++) toParticipant(j, 'PREPARE');
      net.schedule(options.voteTimeoutMs, () => phase === 'prepare' && timeout('PREPARE'), C);
    } else if (m.type === 'VOTE' && phase === 'prepare') {
      if (!m.ok) return decide('abort');
      votes.add(i);
      if (votes.size === n) decide('commit');
    } else if (m.type === 'ACK') {
      acks.add(i);
      if (acks.size === n && logged !== 'end') finish();
    } else if (m.type === 'QUERY') {
      answerQuery(i);
    }
  }

  function answerQuery(i: number): void {
    const d = decision();
    if (d !== undefined) return toParticipant(i, d === 'commit' ? 'COMMIT' : 'ABORT');
    // Still collecting votes: the participant will hear the decision. Otherwise nothing was
    // decided and nothing will be (presumed abort).
    if (phase === 'idle') toParticipant(i, 'ABORT');
  }

  /** Force the decision to the log (logWriteMs), then send it; a crash meanwhile loses it. */
  function decide(d: Decision): void {
    phase = 'decided';
    const logIt = () => {
      logged = d;
      log.normal('DecisionLogged', C, `Logged ${d.toUpperCase()} for ${tx}`, data({ decision: d }));
      sendDecision();
    };
    if (options.logWriteMs > 0) net.schedule(options.logWriteMs, logIt, C);
    else logIt();
  }

  function sendDecision(): void {
    const d = decision();
    if (d === undefined) return;
    for (let i = 0; i < n; i++) {
      retryUntil(
        net,
        C,
        options.retryMs,
        () => acks.has(i),
        () => toParticipant(i, d === 'commit' ? 'COMMIT' : 'ABORT'),
      );
    }
  }

  function finish(): void {
    const d = decision();
    logged = 'end';
    endMs = net.now();
    if (d === 'commit') log.normal('TransactionCommitted', C, `Committed ${tx}`, data());
    else log.normal('TransactionRolledBack', C, `Rolled back ${tx}`, data());
  }

  net.register(C, {
    onCrash: () => {
      phase = 'idle';
      executed = new Set();
      votes = new Set();
      acks = new Set();
    },
    onRecover: () => {
      if (logged === undefined || logged === 'end') return;
      if (logged === 'begun') {
        log.normal(
          'CoordinatorRecovery',
          C,
          `No decision logged for ${tx}: presumed abort`,
          data(),
        );
        decide('abort');
      } else {
        log.normal('CoordinatorRecovery', C, `Resending ${logged.toUpperCase()} for ${tx}`, data());
        phase = 'decided';
        sendDecision();
      }
    },
  });

  // ---- participants ----
  function participantGets(i: number, m: Msg): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    const P = step.participant;
    const db = ctx.db(P);
    const lid = localId(tx, i);
    if (m.type === 'EXEC') {
      if (db.state(lid) !== undefined) return;
      db.begin(lid);
      const fail = (cause: string) => {
        db.rollback(lid);
        log.warning(
          'TransactionRolledBack',
          P,
          `Branch of ${tx} failed: ${cause}`,
          data({ cause }),
        );
        toCoordinator(i, 'EXECUTED', false);
      };
      if (step.fail) return fail('business_error');
      db.add(lid, step.row, step.delta, (r) => {
        if (!r.ok) return fail(r.cause);
        log.normal(
          'Executed',
          P,
          `Wrote ${step.row} for ${tx}; row locked`,
          data({ row: step.row }),
        );
        toCoordinator(i, 'EXECUTED');
        net.schedule(
          options.idleTimeoutMs,
          () => {
            if (db.state(lid) !== 'active') return;
            db.rollback(lid);
            log.warning('TransactionRolledBack', P, `No PREPARE for ${tx}: rolled back`, data());
          },
          P,
        );
      });
    } else if (m.type === 'PREPARE') {
      if (db.state(lid) === 'active') db.prepare(lid);
      if (db.state(lid) !== 'prepared') {
        log.warning('VotedNo', P, `Cannot prepare ${tx}: the branch is gone`, data());
        return toCoordinator(i, 'VOTE', false);
      }
      log.normal('Prepared', P, `Prepared ${tx}; locks held`, data({ rows: db.locks.heldBy(lid) }));
      log.normal('VotedYes', P, `Voted YES for ${tx}`, data());
      toCoordinator(i, 'VOTE', true);
      awaitDecision(i);
    } else if (m.type === 'COMMIT' || m.type === 'ABORT') {
      waiting.delete(i);
      const was = db.state(lid);
      if (m.type === 'COMMIT' && was === 'prepared') {
        db.commit(lid);
        log.normal('TransactionCommitted', P, `Committed ${tx}; locks released`, data());
      } else if (m.type === 'ABORT' && (was === 'prepared' || was === 'active')) {
        db.rollback(lid);
        log.normal('TransactionRolledBack', P, `Rolled back ${tx}; locks released`, data());
      }
      toCoordinator(i, 'ACK');
    }
  }

  /** A prepared participant waits; past the timeout it is in doubt and asks until answered. */
  function awaitDecision(i: number): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    const P = step.participant;
    const db = ctx.db(P);
    const lid = localId(tx, i);
    waiting.add(i);
    net.schedule(
      options.decisionTimeoutMs,
      () =>
        retryUntil(
          net,
          P,
          options.retryMs,
          () => !waiting.has(i) || db.state(lid) !== 'prepared',
          () => {
            if (!inDoubtSaid.has(i)) {
              inDoubtSaid.add(i);
              log.warning(
                'InDoubt',
                P,
                `${tx} is in doubt: prepared, no decision; locks held on ${db.locks.heldBy(lid).join(', ')}`,
                data({ rows: db.locks.heldBy(lid) }),
              );
            }
            toCoordinator(i, 'QUERY');
          },
        ),
      P,
    );
  }

  for (let i = 0; i < n; i++) {
    const step = spec.steps[i];
    if (step === undefined) continue;
    const db = ctx.db(step.participant);
    net.register(step.participant, {
      onCrash: () => waiting.delete(i),
      onRecover: () => {
        if (db.state(localId(tx, i)) !== 'prepared') return;
        log.normal('ParticipantRecovery', step.participant, `Prepared ${tx} found: asking`, data());
        waiting.add(i);
        retryUntil(
          net,
          step.participant,
          options.retryMs,
          () => !waiting.has(i) || db.state(localId(tx, i)) !== 'prepared',
          () => toCoordinator(i, 'QUERY'),
        );
      },
    });
  }

  return {
    id: tx,
    protocol: '2pc',
    spec,
    start,
    branches: () => {
      const out: Record<string, BranchState> = {};
      spec.steps.forEach((s, i) => {
        out[branchKey(i, s)] = fromLocal(ctx.db(s.participant).state(localId(tx, i)));
      });
      return out;
    },
    finished: () => logged === 'end',
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
