// 3PC (docs/semantics.md §13.3; Skeen 1981): CanCommit → PreCommit → DoCommit, participants time
// out backward (abort) before PreCommit and forward (commit) after it. Non-blocking under crashes;
// under a partition the two sides decide differently. All links 1 ms; voteTimeoutMs 50,
// decisionTimeoutMs 100.
import { describe, expect, it } from 'vitest';
import { transfer } from './harness';

describe('3PC', () => {
  it('commits in three rounds: CanCommit 1→2, PreCommit 3→4, DoCommit 5→6', () => {
    const { tx, net, trace, report } = transfer('3pc');
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 VotedYes bank-a',
      '0.001 VotedYes bank-b',
      '0.003 PreCommitted bank-a',
      '0.003 PreCommitted bank-b',
      '0.004 DecisionLogged coord',
      '0.005 TransactionCommitted bank-a',
      '0.005 TransactionCommitted bank-b',
      '0.006 TransactionCommitted coord',
    ]);
    expect(report().instances[0]?.outcome).toBe('committed');
  });

  it('partition after PreCommit: the coordinator side aborts, the cut-off side commits → inconsistent', () => {
    const { tx, net, trace, report, balance } = transfer('3pc');
    // bank-b's PreCommit ack (sent at 3, due at 4) is cut off
    net.at(3.5, () => net.faults.partition(['coord', 'bank-a'], ['bank-b']));
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 VotedYes bank-a',
      '0.001 VotedYes bank-b',
      '0.003 PreCommitted bank-a',
      '0.003 PreCommitted bank-b',
      // acks awaited from 2: timeout at 52 → ABORT, which reaches only bank-a
      '0.052 VoteTimeout coord',
      '0.052 DecisionLogged coord',
      '0.053 TransactionRolledBack bank-a',
      // bank-b, pre-committed at 3, hears nothing for 100 ms: commits on its own
      '0.103 TimedOutForward bank-b',
    ]);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([1000, 600]);
    const r = report();
    expect(r.instances[0]).toMatchObject({
      outcome: 'inconsistent',
      atomic: false,
      branches: { '0:bank-a': 'aborted', '1:bank-b': 'committed' },
    });
    expect(r.balance).toMatchObject({ verdict: 'violated', expected: 1500, final: 1600 });
  });

  it('coordinator crash before PreCommit: participants time out backward and abort (no blocking)', () => {
    const { tx, net, trace, report } = transfer('3pc');
    net.crashAt('coord', 1.5, 200);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.101 TimedOutBackward bank-a');
    expect(trace()).toContain('0.101 TimedOutBackward bank-b');
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });

  it('coordinator crash after PreCommit: participants time out forward and commit (no blocking)', () => {
    const { tx, net, trace, report } = transfer('3pc');
    net.crashAt('coord', 3.5, 200);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.103 TimedOutForward bank-a');
    expect(trace()).toContain('0.103 TimedOutForward bank-b');
    // back at 200 with PreCommit in its log, the coordinator completes the commit
    expect(trace()).toContain('0.202 TransactionCommitted coord');
    expect(report().instances[0]?.outcome).toBe('committed');
  });

  it('a participant votes NO → abort; all roll back', () => {
    const { tx, net, trace, report } = transfer('3pc', { amount: 5000 });
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.001 VotedNo bank-a');
    expect(trace()).toContain('0.002 DecisionLogged coord');
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });
});
