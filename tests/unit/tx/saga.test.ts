// Saga (docs/semantics.md §13.5; Seata Saga state machine; Garcia-Molina & Salem): T1..Tn as
// local transactions, on failure of Tk the compensations Ck−1..C1 in reverse, retried until they
// succeed; no isolation, so other transactions read the intermediate state. All links 1 ms;
// stepTimeoutMs 50, retryMs 10. The third step takes stock the shop does not have.
import { describe, expect, it } from 'vitest';
import { transfer } from './harness';

function saga(mode: 'orchestrated' | 'choreographed', stock = 0) {
  const t = transfer('saga', {
    options: { sagaMode: mode },
    extra: [{ participant: 'shop', row: 'stock', delta: -1 }],
  });
  t.sys.db('shop').seed('stock', stock, 0);
  return t;
}

describe('Saga, orchestrated', () => {
  it('step 3 fails → compensations 2 then 1 run, balance restored', () => {
    const { tx, net, trace, report, balance, sys } = saga('orchestrated');
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted coord',
      '0.001 StepCommitted bank-a',
      '0.003 StepCommitted bank-b',
      '0.005 StepFailed shop',
      '0.006 Compensating coord',
      '0.007 Compensated bank-b',
      '0.009 Compensated bank-a',
      '0.01 TransactionCompensated coord',
    ]);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([1000, 500]);
    // no isolation: between T1 (1) and C1 (9) anyone reading alice saw 900
    expect(sys.db('bank-a').valueAt('alice', 2)).toBe(900);
    expect(sys.db('bank-a').valueAt('alice', 9)).toBe(1000);
    const r = report();
    expect(r.instances[0]).toMatchObject({
      outcome: 'compensated',
      atomic: true,
      branches: { '0:bank-a': 'compensated', '1:bank-b': 'compensated', '2:shop': 'aborted' },
    });
    // short of 100 from 1 to 3 (debited, not yet credited) and from 7 to 9 (C2 before C1)
    expect(r.balance).toMatchObject({ verdict: 'eventually', min: 1400, inconsistentMs: 4 });
    // each lock lives only inside one local transaction
    expect(r.locks.every((l) => l.maxMs === 0)).toBe(true);
  });

  it('completes when every step commits', () => {
    const { tx, net, report, trace } = saga('orchestrated', 5);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.006 TransactionCommitted coord');
    expect(report().instances[0]?.outcome).toBe('committed');
  });

  it('a compensation is retried until its participant is back', () => {
    const { tx, net, trace, balance, report } = saga('orchestrated');
    net.crashAt('bank-b', 6.5, 40);
    tx.start();
    net.run(1000);
    // C2 sent at 6, 16, 26, 36 is lost; the one sent at 46 runs at 47
    expect(trace().slice(-4)).toEqual([
      '0.04 ProcessRecovered bank-b',
      '0.047 Compensated bank-b',
      '0.049 Compensated bank-a',
      '0.05 TransactionCompensated coord',
    ]);
    expect(net.messages.filter((m) => m.type === 'COMPENSATE' && m.lost).length).toBe(4);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([1000, 500]);
    expect(report().instances[0]?.outcome).toBe('compensated');
  });

  it('a coordinator that restarts resumes from its saga log', () => {
    const { tx, net, report, trace } = saga('orchestrated', 5);
    net.crashAt('coord', 2.5, 100);
    tx.start();
    net.run(1000);
    // T2's answer (due 4) is lost; back at 100 it re-sends T2, which its participant has done
    expect(trace()).toContain('0.1 ProcessRecovered coord');
    expect(trace().filter((l) => l.includes('StepCommitted bank-b'))).toHaveLength(1);
    expect(report().instances[0]?.outcome).toBe('committed');
  });

  it('a step that does not answer in time is compensated too (a no-op if it never ran)', () => {
    const { tx, net, report, trace } = saga('orchestrated', 5);
    net.crashAt('shop', 0, 500);
    tx.start();
    net.run(1000);
    expect(trace()).toContain('0.054 StepTimeout coord');
    expect(report().instances[0]?.outcome).toBe('compensated');
  });
});

describe('Saga, choreographed over a queue', () => {
  it('step 3 fails → its event makes bank-b compensate, whose event makes bank-a compensate', () => {
    const { tx, net, trace, report, balance } = saga('choreographed');
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionStarted bank-a',
      '0 StepCommitted bank-a',
      '0.001 Published coord',
      '0.002 StepCommitted bank-b',
      '0.003 Published coord',
      '0.004 StepFailed shop',
      '0.005 Published coord',
      '0.006 Compensated bank-b',
      '0.007 Published coord',
      '0.008 Compensated bank-a',
      '0.008 TransactionCompensated bank-a',
    ]);
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([1000, 500]);
    expect(report().instances[0]?.outcome).toBe('compensated');
    expect(report().balance?.verdict).toBe('eventually');
  });

  it('the broker redelivers a compensation event until the consumer can run it', () => {
    const { tx, net, trace, report } = saga('choreographed');
    net.crashAt('bank-b', 5.5, 30);
    tx.start();
    net.run(1000);
    // F3 sent to bank-b at 5, 15 and 25 is lost (it is down); the copy sent at 35 runs at 36
    expect(trace()).toContain('0.036 Compensated bank-b');
    expect(report().instances[0]?.outcome).toBe('compensated');
  });
});
