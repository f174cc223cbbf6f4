// 2PC inside a whole run (docs/semantics.md §13.2): the coordinator crashes after every participant
// voted yes and the decision is logged; participants are in doubt with their locks held until it
// restarts at 3.012 s and resends COMMIT. Latencies app→a 1 ms, app→b 2 ms, app→c 3 ms.
import { describe, expect, it } from 'vitest';
import { flowOf, run, trace } from './build';

describe('2PC in a run: the coordinator crashes after the votes, with COMMIT logged', () => {
  const r = run({
    timeline: [
      {
        atS: 0,
        action: 'crash-coordinator',
        target: 'pay',
        forS: 2,
        params: { protocolStep: 'after-commit-logged' },
      },
    ],
  });

  it('logs each step at its simulated time: blocked in doubt until the restart, then commits', () => {
    // EXEC out at 1.000 → executed at 1.001/1.002/1.003, answers back by 1.006; PREPARE arrives at
    // 1.007/1.008/1.009, votes back by 1.012: COMMIT is logged at 1.012 and the coordinator crashes
    // before sending it. After decisionTimeoutMs (100 ms) each prepared participant is in doubt;
    // its queries get no answer until the coordinator restarts at 3.012 and resends COMMIT.
    expect(trace(r, 'pay-1').filter((l) => !/FaultInjected/.test(l))).toEqual([
      '1 TransactionStarted app/tm-0',
      '1.001 Executed a',
      '1.002 Executed b',
      '1.003 Executed c',
      '1.007 Prepared a',
      '1.007 VotedYes a',
      '1.008 Prepared b',
      '1.008 VotedYes b',
      '1.009 Prepared c',
      '1.009 VotedYes c',
      '1.012 DecisionLogged app/tm-0',
      '1.012 ProcessCrashed app/tm-0',
      '1.107 InDoubt a',
      '1.108 InDoubt b',
      '1.109 InDoubt c',
      '3.012 ProcessRecovered app/tm-0',
      '3.012 CoordinatorRecovery app/tm-0',
      '3.013 TransactionCommitted a',
      '3.014 TransactionCommitted b',
      '3.015 TransactionCommitted c',
      '3.018 TransactionCommitted app/tm-0',
    ]);
  });

  it('holds every row lock from the write to the commit, and reports it in doubt meanwhile', () => {
    const f = flowOf(r);
    expect(f.outcomes).toMatchObject({ committed: 1, in_doubt: 0, rolled_back: 0 });
    expect(f.inDoubtEver).toEqual({ instances: 1, branches: 3, maxS: 1.906, totalS: 5.718 });
    expect(f.locks.map((l) => [l.row, l.maxMs, l.heldAtEnd])).toEqual([
      ['a/stock', 2012, false],
      ['b/wallet', 2012, false],
      ['c/merchant', 2012, false],
    ]);
    expect(f.balance).toMatchObject({
      verdict: 'conserved at every instant',
      inconsistentMs: 0,
      blockedMs: 2013,
    });
    const t = f.timelines[0];
    expect(t?.tx).toBe('pay-1');
    expect(t?.lanes).toEqual(['app/tm-0', 'a', 'b', 'c']);
    expect(t?.locks).toEqual([
      { participant: 'a', row: 'stock', fromMs: 1001, toMs: 3013 },
      { participant: 'b', row: 'wallet', fromMs: 1002, toMs: 3014 },
      { participant: 'c', row: 'merchant', fromMs: 1003, toMs: 3015 },
    ]);
    const commits = t?.messages.filter((m) => m.type === 'COMMIT') ?? [];
    expect(commits[0]).toEqual({
      from: 'app/tm-0',
      to: 'a',
      type: 'COMMIT',
      sentMs: 1012,
      lost: 'sender_down',
    });
    expect(commits.some((m) => m.sentMs === 3012 && m.deliveredMs === 3013)).toBe(true);
  });

  it('without a restart the participants stay in doubt with their locks at the end', () => {
    const stuck = flowOf(
      run({
        timeline: [
          {
            atS: 0,
            action: 'crash-coordinator',
            target: 'pay',
            params: { protocolStep: 'after-commit-logged' },
          },
        ],
      }),
    );
    expect(stuck.outcomes.in_doubt).toBe(1);
    expect(stuck.inDoubt).toEqual([
      { tx: 'pay-1', sinceS: 1.107, locks: ['a/stock', 'b/wallet', 'c/merchant'] },
    ]);
    expect(stuck.locks.every((l) => l.heldAtEnd)).toBe(true);
    expect(stuck.balance?.verdict).toBe('conserved at every instant');
    expect(stuck.summary).toContain('Still in doubt at the end: pay-1');
  });

  it('a 3-participant commit costs three round trips to the farthest participant', () => {
    const f = flowOf(run());
    // EXEC/EXECUTED, PREPARE/VOTE and COMMIT/ACK: three round trips of 2 × 3 ms = 18 ms; each row
    // is locked from its write (one way in) to its COMMIT (four one-way trips later): 4 × 3 = 12 ms.
    expect(f.latencyMs).toEqual({ mean: 18, p50: 18, p99: 18, max: 18 });
    expect(f.locks.map((l) => l.maxMs)).toEqual([12, 12, 12]);
    expect(f.messages).toEqual({ sent: 18, lost: {} });
  });
});
