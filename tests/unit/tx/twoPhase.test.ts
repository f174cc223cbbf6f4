// 2PC (docs/semantics.md §13.2 and its failure table; X/Open XA: execution, prepare, decision,
// commit/rollback; presumed abort). Timelines are worked by hand from the link latencies; the
// harness's FAST options: voteTimeoutMs 50, decisionTimeoutMs 100, idleTimeoutMs 30, retryMs 10.
import { describe, expect, it } from 'vitest';
import { match } from '../../../shared/engine/tx';
import { holds, lab, transfer } from './harness';

describe('2PC commit: message rounds and lock holds', () => {
  it('a 3-participant commit takes 3 round trips and holds each row for 4 × the slowest link', () => {
    // coord↔a 1 ms, coord↔b 2 ms, coord↔c 3 ms. EXEC arrives at l_i, EXECUTED back at 2·l_i;
    // all executed at 6 → PREPARE at 6 + l_i, votes back at 6 + 2·l_i, all at 12 → COMMIT
    // logged and sent at 12, arriving at 12 + l_i; ACKs back at 12 + 2·l_i, all at 18.
    // Participant i holds its row from l_i to 12 + l_i: 12 ms = 4 · max(l).
    const lat: Record<string, number> = { a: 1, b: 2, c: 3 };
    const { net, sys, trace, check } = lab((from, to) => lat[from === 'coord' ? to : from] ?? 0);
    for (const p of ['a', 'b', 'c']) sys.db(p).seed('stock', 10);
    const t = sys.create('2pc', {
      id: 'T1',
      coordinator: 'coord',
      steps: ['a', 'b', 'c'].map((p) => ({ participant: p, row: 'stock', delta: -1 })),
    });
    t.start();
    net.run(5000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 Executed a',
      '0.002 Executed b',
      '0.003 Executed c',
      '0.007 Prepared a',
      '0.007 VotedYes a',
      '0.008 Prepared b',
      '0.008 VotedYes b',
      '0.009 Prepared c',
      '0.009 VotedYes c',
      '0.012 DecisionLogged coord',
      '0.013 TransactionCommitted a',
      '0.014 TransactionCommitted b',
      '0.015 TransactionCommitted c',
      '0.018 TransactionCommitted coord',
    ]);
    expect(holds(sys, 'a', 'stock')).toEqual([[1, 13]]);
    expect(holds(sys, 'b', 'stock')).toEqual([[2, 14]]);
    expect(holds(sys, 'c', 'stock')).toEqual([[3, 15]]);
    const delivered = net.messages.filter((m) => m.deliveredMs !== undefined);
    expect(delivered.map((m) => m.type)).toEqual(
      ['EXEC', 'EXECUTED', 'PREPARE', 'VOTE', 'COMMIT', 'ACK'].flatMap((x) => [x, x, x]),
    );
    expect(net.messages.length).toBe(18);
    expect(t.endMs).toBe(18);
    const r = check();
    expect(r.counts['2pc']?.committed).toBe(1);
    expect(r.locks.map((l) => [l.row, l.maxMs])).toEqual([
      ['a/stock', 12],
      ['b/stock', 12],
      ['c/stock', 12],
    ]);
    for (const p of ['a', 'b', 'c']) expect(sys.db(p).committed('stock')).toBe(9);
  });

  it('conserves the balance at every instant: a locking reader waits while rows are locked', () => {
    const { tx, net, report, balance } = transfer('2pc');
    tx.start();
    net.run(5000);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([900, 600]);
    const b = report().balance;
    expect(b?.verdict).toBe('conserved');
    // Rows locked from 1 (EXEC) to 5 (COMMIT): the reader is blocked 4 ms.
    expect(b?.blockedMs).toBe(4);
  });
});

describe('2PC failure table (docs/semantics.md §13.2)', () => {
  // All links 1 ms. Undisturbed: EXEC 1, EXECUTED 2, PREPARE 3, VOTE 4 (decision), COMMIT 5, ACK 6.

  it('participant fails before voting → the coordinator times out and aborts; all roll back', () => {
    const { tx, net, trace, report } = transfer('2pc');
    net.crashAt('bank-b', 2.5, 100);
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 Executed bank-a',
      '0.001 Executed bank-b',
      '0.0025 ProcessCrashed bank-b',
      '0.003 Prepared bank-a',
      '0.003 VotedYes bank-a',
      // the PREPARE to bank-b is lost; the vote wait started at 2 ends at 52
      '0.052 VoteTimeout coord',
      '0.052 DecisionLogged coord',
      '0.053 TransactionRolledBack bank-a',
      '0.1 ProcessRecovered bank-b',
      '0.1 CrashRecovery bank-b',
      // ABORT resent every 10 ms from 52: the one sent at 102 arrives at 103, acked at 104
      '0.104 TransactionRolledBack coord',
    ]);
    const r = report();
    expect(r.instances[0]?.outcome).toBe('rolled_back');
    expect(r.instances[0]?.branches).toEqual({ '0:bank-a': 'aborted', '1:bank-b': 'aborted' });
    expect(r.balance?.verdict).toBe('conserved');
  });

  it('participant votes NO (its branch was lost in a restart) → abort; all roll back', () => {
    const { tx, net, trace, report } = transfer('2pc');
    net.crashAt('bank-b', 2.2, 2.6);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.003 VotedNo bank-b');
    expect(trace()).toContain('0.004 DecisionLogged coord');
    expect(trace()).toContain('0.005 TransactionRolledBack bank-a');
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });

  it('a business failure in a branch (insufficient funds) → abort; all roll back', () => {
    const { tx, net, trace, report, balance } = transfer('2pc', { amount: 5000 });
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.001 TransactionRolledBack bank-a');
    expect(trace()).toContain('0.002 DecisionLogged coord');
    expect(report().instances[0]?.outcome).toBe('rolled_back');
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([1000, 500]);
  });

  it('a vote times out (lost on the way) → abort at the vote timeout; all roll back', () => {
    const { tx, net, trace, report, sys } = transfer('2pc');
    net.faults.drop(match.type('VOTE', 'coord'), 1);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.052 VoteTimeout coord');
    expect(trace()).toContain('0.053 TransactionRolledBack bank-b');
    expect(report().instances[0]?.outcome).toBe('rolled_back');
    expect(holds(sys, 'bank-a', 'alice')).toEqual([[1, 53]]);
  });

  it('coordinator fails before sending PREPARE → participants time out and abort alone', () => {
    const { tx, net, trace, report, sys } = transfer('2pc');
    net.crashAt('coord', 1.5, 200);
    tx.start();
    net.run(1000);
    // executed at 1; idle timeout 30 → both roll back at 31; the coordinator, back at 200 with
    // no decision logged, presumes abort and tells them (ABORT 201, ACK 202).
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 Executed bank-a',
      '0.001 Executed bank-b',
      '0.0015 ProcessCrashed coord',
      '0.031 TransactionRolledBack bank-a',
      '0.031 TransactionRolledBack bank-b',
      '0.2 ProcessRecovered coord',
      '0.2 CoordinatorRecovery coord',
      '0.2 DecisionLogged coord',
      '0.202 TransactionRolledBack coord',
    ]);
    expect(holds(sys, 'bank-a', 'alice')).toEqual([[1, 31]]);
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });

  it('coordinator fails after all voted YES, before logging → in doubt, locks held until it recovers and aborts', () => {
    const { tx, net, trace, report, sys } = transfer('2pc', { options: { logWriteMs: 2 } });
    net.crashAt('coord', 5, 300);
    tx.start();
    net.run(250);
    // prepared at 3, no decision by 3 + 100 → in doubt; rows locked since 1
    expect(trace()).toContain('0.103 InDoubt bank-a');
    expect(trace()).toContain('0.103 InDoubt bank-b');
    const mid = report();
    expect(mid.inDoubt).toEqual(['T1']);
    expect(mid.locks.filter((l) => l.heldAtEnd).map((l) => l.row)).toEqual([
      'bank-a/alice',
      'bank-b/bob',
    ]);
    expect(sys.db('bank-a').locks.holder('alice')).toBe('T1#0');
    net.run(1000);
    // back at 300: nothing logged → presumed abort, forced to the log by 302, ABORT arrives 303
    expect(trace()).toContain('0.302 DecisionLogged coord');
    expect(trace()).toContain('0.303 TransactionRolledBack bank-a');
    expect(holds(sys, 'bank-a', 'alice')).toEqual([[1, 303]]);
    expect(holds(sys, 'bank-b', 'bob')).toEqual([[1, 303]]);
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });

  it('coordinator fails after logging COMMIT, before anyone got it → blocked with locks until it recovers and commits', () => {
    const { tx, net, trace, report, sys, balance } = transfer('2pc', {
      options: { logWriteMs: 2 },
    });
    net.faults.drop(match.type('COMMIT'), 2);
    net.crashAt('coord', 6.5, 300);
    tx.start();
    net.run(250);
    expect(trace()).toContain('0.006 DecisionLogged coord');
    expect(report().inDoubt).toEqual(['T1']);
    expect(report().balance?.blockedMs).toBe(249);
    net.run(1000);
    expect(trace()).toContain('0.3 CoordinatorRecovery coord');
    expect(trace()).toContain('0.301 TransactionCommitted bank-a');
    expect(trace()).toContain('0.301 TransactionCommitted bank-b');
    expect(trace()).toContain('0.302 TransactionCommitted coord');
    expect(holds(sys, 'bank-b', 'bob')).toEqual([[1, 301]]);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([900, 600]);
    const r = report();
    expect(r.instances[0]?.outcome).toBe('committed');
    expect(r.balance?.verdict).toBe('conserved');
  });

  it('coordinator fails after COMMIT reached some → the rest block until it recovers and resends', () => {
    const { tx, net, trace, report, sys } = transfer('2pc');
    net.faults.drop(match.type('COMMIT', 'bank-b'), 1);
    net.crashAt('coord', 4.5, 300);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.005 TransactionCommitted bank-a');
    expect(trace()).toContain('0.103 InDoubt bank-b');
    expect(trace()).toContain('0.301 TransactionCommitted bank-b');
    expect(holds(sys, 'bank-b', 'bob')).toEqual([[1, 301]]);
    expect(report().instances[0]?.outcome).toBe('committed');
  });

  it('participant fails after voting YES → its prepared branch survives; on recovery it asks and commits', () => {
    const { tx, net, trace, report, sys } = transfer('2pc');
    net.crashAt('bank-b', 3.5, 50);
    tx.start();
    net.run(1000);
    // COMMIT at 5 is lost; back at 50 the branch is still PREPARED with its lock: it asks
    // (QUERY 50 → 51), the coordinator answers COMMIT (51 → 52)
    expect(trace()).toContain('0.05 ParticipantRecovery bank-b');
    expect(trace()).toContain('0.052 TransactionCommitted bank-b');
    expect(holds(sys, 'bank-b', 'bob')).toEqual([[1, 52]]);
    expect(report().instances[0]?.outcome).toBe('committed');
  });
});
