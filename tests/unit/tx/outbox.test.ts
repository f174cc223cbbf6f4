// Transactional outbox / local message table (docs/semantics.md §13.6): the business write and the
// outbox row in one local transaction; a relay publishes later and marks the row sent; delivery
// is at least once, so the consumer deduplicates by message id. alice's debit at bank-a is the
// producer's write; bob's credit at bank-b is the consumer's. Links 1 ms, pollMs 10, retryMs 10.
import { describe, expect, it } from 'vitest';
import { transfer } from './harness';

describe('transactional outbox', () => {
  it('writes business row and message together, relays it, and the consumer applies it once', () => {
    const { tx, net, trace, report, balance } = transfer('outbox');
    tx.start();
    net.run(1000);
    expect(trace()).toEqual([
      '0 TransactionCommitted bank-a',
      '0 RelayPublishing bank-a',
      '0.001 Published coord',
      '0.002 MessageConsumed bank-b',
      '0.002 TransactionCompleted bank-b',
      '0.002 RelayMarkedSent bank-a',
    ]);
    expect(balance('bank-a', 'outbox:T1:1')).toBe('SENT');
    expect([balance('bank-a', 'alice'), balance('bank-b', 'bob')]).toEqual([900, 600]);
    const r = report();
    expect(r.instances[0]?.outcome).toBe('committed');
    expect(r.balance).toMatchObject({ verdict: 'eventually', inconsistentMs: 2 });
  });

  describe('the relay crashes between publishing and marking the row sent', () => {
    const crashy = (idempotentConsumer: boolean) => {
      const t = transfer('outbox', { options: { idempotentConsumer } });
      t.net.crashAt('bank-a', 1.5, 20);
      t.tx.start();
      t.net.run(1000);
      return t;
    };

    it('the restarted relay publishes again; the idempotent consumer drops the duplicate', () => {
      const { trace, report, balance, net } = crashy(true);
      expect(trace()).toEqual([
        '0 TransactionCommitted bank-a',
        '0 RelayPublishing bank-a',
        '0.001 Published coord',
        '0.0015 ProcessCrashed bank-a',
        '0.002 MessageConsumed bank-b',
        '0.002 TransactionCompleted bank-b',
        '0.02 ProcessRecovered bank-a',
        // the row is still NEW: the relay's next poll (30) publishes it again
        '0.03 RelayPublishing bank-a',
        '0.031 Published coord',
        '0.032 DuplicateIgnored bank-b',
        '0.032 RelayMarkedSent bank-a',
      ]);
      expect(net.messages.filter((m) => m.type === 'EVENT' && m.from === 'coord').length).toBe(2);
      expect(balance('bank-b', 'bob')).toBe(600);
      const r = report();
      expect(r.instances[0]).toMatchObject({ outcome: 'committed', anomalies: [] });
      expect(r.balance?.verdict).toBe('eventually');
    });

    it('a consumer that does not deduplicate applies it twice', () => {
      const { trace, report, balance } = crashy(false);
      expect(trace()).toContain('0.032 DuplicateApplied bank-b');
      expect(balance('bank-b', 'bob')).toBe(700);
      const r = report();
      expect(r.instances[0]?.anomalies).toEqual([
        { kind: 'duplicate_delivery', step: 1, atMs: 32 },
      ]);
      expect(r.balance).toMatchObject({ verdict: 'violated', final: 1600 });
    });
  });

  it('a failed business write publishes nothing', () => {
    const { tx, net, report, sys } = transfer('outbox', { amount: 5000 });
    tx.start();
    net.run(1000);
    expect(sys.db('bank-a').committed('outbox:T1:1')).toBeUndefined();
    expect(net.messages).toEqual([]);
    expect(report().instances[0]?.outcome).toBe('rolled_back');
  });
});
