// Three-phase commit (docs/semantics.md §13.3; Skeen 1981): CanCommit → PreCommit → DoCommit.
//   CanCommit   the participant does its work under row locks and votes
//   PreCommit   all voted yes: the branch becomes durable (prepared) and acks
//   DoCommit    all acked: the coordinator logs COMMIT; participants commit and answer
// Timeouts make it non-blocking under crashes: a participant that voted yes but got no PreCommit
// aborts (backward); one that got PreCommit but no DoCommit commits (forward). The coordinator
// aborts when votes or PreCommit acks do not all arrive in voteTimeoutMs. Under a partition these
// rules decide differently on the two sides: one commits, the other aborts — inconsistent.
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

export function createThreePhase(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const C = spec.coordinator;
  const tx = spec.id;
  const n = spec.steps.length;
  const data = (extra: Record<string, unknown> = {}) => ({ tx, ...extra });

  /** Durable coordinator record: 'precommit' is written before PreCommit goes out. */
  let logged: 'begun' | 'precommit' | 'commit' | 'abort' | 'end' | undefined;
  let phase: 'idle' | 'vote' | 'precommit' | 'decided' = 'idle';
  let got = new Set<number>();
  let acks = new Set<number>();
  let startMs: number | undefined;
  let endMs: number | undefined;
  /** Participant-side: the message each branch last waits for ('pre' or 'do'); volatile. */
  const awaiting = new Map<number, 'pre' | 'do'>();

  const send = (i: number, type: string) => {
    const step = spec.steps[i];
    if (step) net.send<Msg>(C, step.participant, { type, tx, step: i }, (m) => atParticipant(i, m));
  };
  const reply = (i: number, type: string, ok = true) => {
    const step = spec.steps[i];
    if (step) net.send<Msg>(step.participant, C, { type, tx, step: i, ok }, (m) => atCoord(i, m));
  };

  function start(): void {
    startMs = net.now();
    logged = 'begun';
    phase = 'vote';
    log.normal('TransactionStarted', C, `Started 3PC transaction ${tx}`, data());
    for (let i = 0; i < n; i++) send(i, 'CAN_COMMIT');
    net.schedule(options.voteTimeoutMs, () => phase === 'vote' && timeout('CanCommit'), C);
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

  function decide(d: 'commit' | 'abort'): void {
    phase = 'decided';
    logged = d;
    got = new Set();
    log.normal('DecisionLogged', C, `Logged ${d.toUpperCase()} for ${tx}`, data({ decision: d }));
    for (let i = 0; i < n; i++) {
      retryUntil(
        net,
        C,
        options.retryMs,
        () => got.has(i),
        () => send(i, d === 'commit' ? 'DO_COMMIT' : 'ABORT'),
      );
    }
  }

  function atCoord(i: number, m: Msg): void {
    if (m.type === 'VOTE' && phase === 'vote') {
      if (!m.ok) return decide('abort');
      got.add(i);
      if (got.size < n) return;
      phase = 'precommit';
      logged = 'precommit';
      for (let j = 0; j < n; j++) send(j, 'PRE_COMMIT');
      net.schedule(options.voteTimeoutMs, () => phase === 'precommit' && timeout('PreCommit'), C);
    } else if (m.type === 'PRE_ACK' && phase === 'precommit') {
      acks.add(i);
      if (acks.size === n) decide('commit');
    } else if (m.type === 'DONE' && phase === 'decided') {
      got.add(i);
      if (got.size === n && logged !== 'end') {
        const d = logged;
        logged = 'end';
        endMs = net.now();
        if (d === 'commit') log.normal('TransactionCommitted', C, `Committed ${tx}`, data());
        else log.normal('TransactionRolledBack', C, `Rolled back ${tx}`, data());
      }
    }
  }

  net.register(C, {
    onCrash: () => {
      phase = 'idle';
      got = new Set();
      acks = new Set();
    },
    onRecover: () => {
      if (logged === undefined || logged === 'end') return;
      log.normal('CoordinatorRecovery', C, `Recovering ${tx} from its log (${logged})`, data());
      decide(logged === 'precommit' || logged === 'commit' ? 'commit' : 'abort');
    },
  });

  function atParticipant(i: number, m: Msg): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    const P = step.participant;
    const db = ctx.db(P);
    const lid = localId(tx, i);
    const state = db.state(lid);
    if (m.type === 'CAN_COMMIT') {
      if (state !== undefined) return;
      db.begin(lid);
      const no = (cause: string) => {
        db.rollback(lid);
        log.warning('VotedNo', P, `Voted NO for ${tx}: ${cause}`, data({ cause }));
        reply(i, 'VOTE', false);
      };
      if (step.fail) return no('business_error');
      db.add(lid, step.row, step.delta, (r) => {
        if (!r.ok) return no(r.cause);
        log.normal('VotedYes', P, `Voted YES for ${tx}; row ${step.row} locked`, data());
        reply(i, 'VOTE');
        wait(i, 'pre');
      });
    } else if (m.type === 'PRE_COMMIT') {
      if (state === 'active') db.prepare(lid);
      if (db.state(lid) !== 'prepared') return;
      log.normal('PreCommitted', P, `Pre-committed ${tx}`, data());
      reply(i, 'PRE_ACK');
      wait(i, 'do');
    } else if (m.type === 'DO_COMMIT' || m.type === 'ABORT') {
      awaiting.delete(i);
      if (m.type === 'DO_COMMIT' && state === 'prepared') {
        db.commit(lid);
        log.normal('TransactionCommitted', P, `Committed ${tx}`, data());
      } else if (m.type === 'ABORT' && (state === 'active' || state === 'prepared')) {
        db.rollback(lid);
        log.normal('TransactionRolledBack', P, `Rolled back ${tx}`, data());
      }
      reply(i, 'DONE');
    }
  }

  /** Wait for the next message; on timeout decide alone: forward after PreCommit, else back. */
  function wait(i: number, what: 'pre' | 'do'): void {
    const step = spec.steps[i];
    if (step === undefined) return;
    const P = step.participant;
    const db = ctx.db(P);
    const lid = localId(tx, i);
    awaiting.set(i, what);
    net.schedule(
      options.decisionTimeoutMs,
      () => {
        if (awaiting.get(i) !== what) return;
        awaiting.delete(i);
        if (what === 'do' && db.state(lid) === 'prepared') {
          db.commit(lid);
          log.warning('TimedOutForward', P, `No DoCommit for ${tx}: committed alone`, data());
        } else if (what === 'pre' && db.state(lid) === 'active') {
          db.rollback(lid);
          log.warning('TimedOutBackward', P, `No PreCommit for ${tx}: aborted alone`, data());
        }
      },
      P,
    );
  }

  for (let i = 0; i < n; i++) {
    const step = spec.steps[i];
    if (step === undefined) continue;
    ctx.db(step.participant);
    net.register(step.participant, {
      // A participant restarting with a pre-committed branch follows the forward rule.
      onRecover: () => {
        if (ctx.db(step.participant).state(localId(tx, i)) === 'prepared') wait(i, 'do');
      },
    });
  }

  return {
    id: tx,
    protocol: '3pc',
    spec,
    start,
    branches: () => {
      const out: Record<string, BranchState> = {};
      spec.steps.forEach((s, i) => {
        out[branchKey(i, s)] = fromLocal(ctx.db(s.participant).state(localId(tx, i)));
      });
      return out;
    },
    finished: () => logged === 'end' || (phase === 'decided' && logged === 'abort'),
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
