// TCC (docs/semantics.md §13.4; Seata TCC mode, TCCFenceHandler and tcc_fence_log: TRIED,
// COMMITTED, ROLLBACKED, SUSPENDED). Reservations are business rows (alice#hold:T1), not DB
// locks held across services. All links 1 ms unless said; stepTimeoutMs 50, retryMs 10.
import { describe, expect, it } from 'vitest';
import { match } from '../../../shared/engine/tx';
import { transfer } from './harness';

const HOLD = 'alice#hold:T1';

describe('TCC', () => {
  it('try → confirm; money is in flight between the two confirms: conserved only eventually', () => {
    // coord↔bank-b is 2 ms: bank-a confirms at 5, bank-b at 6
    const { tx, net, trace, report, balance, sys } = transfer('tcc', {
      latency: (f, t) => (f === 'bank-b' || t === 'bank-b' ? 2 : 1),
    });
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 Tried bank-a',
      '0.002 Tried bank-b',
      '0.004 DecisionLogged coord',
      '0.005 Confirmed bank-a',
      '0.006 Confirmed bank-b',
      '0.008 TransactionCommitted coord',
    ]);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob'), balance('bank-a', HOLD)]).toEqual(
      [900, 600, 0],
    );
    const r = report();
    expect(r.instances[0]?.outcome).toBe('committed');
    expect(r.balance).toMatchObject({ verdict: 'eventually', min: 1400, inconsistentMs: 1 });
    // no database lock outlives a local transaction
    expect(r.locks.every((l) => l.maxMs === 0)).toBe(true);
    expect(sys.db('bank-a').locks.holds.every((h) => h.toMs === h.fromMs)).toBe(true);
  });

  it('a Try fails → every branch is cancelled', () => {
    const { tx, net, trace, report, balance } = transfer('tcc', { failStep: 1 });
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 Tried bank-a',
      '0.001 TryFailed bank-b',
      '0.002 DecisionLogged coord',
      '0.003 Compensated bank-a',
      '0.003 EmptyRollback bank-b',
      '0.004 TransactionRolledBack coord',
    ]);
    expect(balance('bank-a', 'alice')).toBe(1000);
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });

  describe('empty rollback and suspension: the Try to bank-a is 100 ms late', () => {
    const late = (tccFence: boolean) => {
      const t = transfer('tcc', { options: { tccFence } });
      t.net.faults.delay(match.type('TRY', 'bank-a'), 100, 1);
      t.tx.start();
      t.net.run(1000);
      return t;
    };

    it('with the fence: Cancel before Try succeeds doing nothing; the late Try is refused', () => {
      const { trace, report, balance } = late(true);
      expect(trace()).toEqual([
        '0 TransactionStarted coord',
        '0.001 Tried bank-b',
        '0.05 TryTimeout coord',
        '0.05 DecisionLogged coord',
        '0.051 EmptyRollback bank-a',
        '0.051 Compensated bank-b',
        '0.052 TransactionRolledBack coord',
        '0.101 SuspendedTry bank-a',
      ]);
      expect([balance('bank-a', 'alice'), balance('bank-a', HOLD)]).toEqual([1000, undefined]);
      expect(balance('bank-a', 'tcc_fence_log:T1:0')).toBe('SUSPENDED');
      const r = report();
      expect(r.instances[0]).toMatchObject({ outcome: 'rolled_back', anomalies: [] });
      expect(r.balance?.verdict).toBe('conserved');
    });

    it('without it: the empty Cancel creates money and the late Try holds a reservation forever', () => {
      const { trace, report, balance } = late(false);
      expect(trace()).toEqual([
        '0 TransactionStarted coord',
        '0.001 Tried bank-b',
        '0.05 TryTimeout coord',
        '0.05 DecisionLogged coord',
        '0.051 CancelAnomaly bank-a',
        '0.051 Compensated bank-b',
        '0.052 TransactionRolledBack coord',
        '0.101 Suspended bank-a',
      ]);
      // cancel gave alice 100 she never paid; the late Try took it back into a hold nobody releases
      expect([balance('bank-a', 'alice'), balance('bank-a', HOLD)]).toEqual([1000, 100]);
      const r = report();
      expect(r.instances[0]).toMatchObject({
        outcome: 'inconsistent',
        branches: { '0:bank-a': 'orphaned', '1:bank-b': 'aborted' },
      });
      expect(r.instances[0]?.anomalies.map((a) => [a.kind, a.atMs])).toEqual([
        ['empty_rollback', 51],
        ['suspension', 101],
      ]);
      expect(r.balance).toMatchObject({ verdict: 'violated', max: 1600, final: 1600 });
    });
  });

  describe('a lost Cancel acknowledgement makes the coordinator cancel bank-a twice', () => {
    const twice = (tccFence: boolean) => {
      const t = transfer('tcc', { failStep: 1, options: { tccFence } });
      t.net.faults.drop(match.type('DONE', 'coord'), 1);
      t.tx.start();
      t.net.run(1000);
      return t;
    };

    it('with the fence the second Cancel does nothing', () => {
      const { balance, report } = twice(true);
      expect(balance('bank-a', 'alice')).toBe(1000);
      expect(report().balance?.verdict).toBe('conserved');
    });

    it('without it the money goes back twice', () => {
      const { balance, report, trace } = twice(false);
      expect(trace()).toContain('0.013 CancelAnomaly bank-a');
      expect(balance('bank-a', 'alice')).toBe(1100);
      const r = report();
      expect(r.instances[0]?.anomalies.map((a) => a.kind)).toEqual([
        'empty_rollback',
        'duplicate_cancel',
      ]);
      expect(r.balance?.verdict).toBe('violated');
    });
  });

  it('confirm is retried until the participant is back, and applied once', () => {
    const { tx, net, report, balance } = transfer('tcc');
    net.crashAt('bank-b', 2.5, 40);
    tx.start();
    net.run(1000);
    expect(balance('bank-b', 'bob')).toBe(600);
    expect(report().instances[0]?.outcome).toBe('committed');
  });
});
