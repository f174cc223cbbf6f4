// The invariant checker (issue 6): outcome counts per protocol, in-doubt instances, lock holds
// per row, and the blocking 2PC causes: a request queued behind an in-doubt lock times out.
import { describe, expect, it } from 'vitest';
import { TransactionFlow } from '../../../shared/model';
import {
  BalanceObserver,
  parseAction,
  specOf,
  txOptions,
  type DbResult,
} from '../../../shared/engine/tx';
import { lab, transfer } from './harness';

describe('invariant checker', () => {
  it('counts outcomes per protocol and lists the instances still in doubt', () => {
    const { net, sys, check } = lab(1);
    for (const p of ['a', 'b', 'c', 'd']) sys.db(p).seed('x', 100, 0);
    const steps = (p: string, q: string, d = 10) => [
      { participant: p, row: 'x', delta: -d },
      { participant: q, row: 'x', delta: d },
    ];
    sys.create('2pc', { id: 'ok', coordinator: 'c1', steps: steps('a', 'b') }).start();
    sys.create('2pc', { id: 'no', coordinator: 'c1', steps: steps('a', 'b', 1000) });
    const blocked = sys.create('2pc', { id: 'stuck', coordinator: 'c2', steps: steps('c', 'd') });
    const saga = sys.create('saga', { id: 's1', coordinator: 'c3', steps: steps('a', 'b', 5) });
    net.at(20, () => sys.instances[1]?.start());
    net.at(40, () => saga.start());
    net.at(60, () => blocked.start());
    net.crashAt('c2', 63.5); // votes due at 64 are lost; it never recovers
    net.run(2000);
    const r = check();
    expect(r.counts).toEqual({
      '2pc': {
        committed: 1,
        rolled_back: 1,
        compensated: 0,
        in_doubt: 1,
        inconsistent: 0,
        pending: 0,
      },
      saga: {
        committed: 1,
        rolled_back: 0,
        compensated: 0,
        in_doubt: 0,
        inconsistent: 0,
        pending: 0,
      },
    });
    expect(r.inDoubt).toEqual(['stuck']);
    const held = r.locks.filter((l) => l.heldAtEnd);
    expect(held.map((l) => [l.row, l.maxMs])).toEqual([
      ['c/x', 2000 - 61],
      ['d/x', 2000 - 61],
    ]);
    expect(r.instances.find((i) => i.tx === 'stuck')?.atomic).toBe(false);
  });

  it('a request queued behind an in-doubt lock waits and times out with lock_timeout', () => {
    const { net, sys, check } = lab(1, { lockWaitTimeoutMs: 500 });
    sys.db('a').seed('x', 100);
    sys.db('b').seed('x', 100);
    const t = sys.create('2pc', {
      id: 'T1',
      coordinator: 'coord',
      steps: [
        { participant: 'a', row: 'x', delta: -10 },
        { participant: 'b', row: 'x', delta: 10 },
      ],
    });
    net.crashAt('coord', 3.5, 2000);
    t.start();
    const results: string[] = [];
    net.at(100, () => {
      sys.db('a').begin('reader');
      sys
        .db('a')
        .read('reader', 'x', (r: DbResult) =>
          results.push(`${net.now()} ${r.ok ? 'read' : r.cause}`),
        );
    });
    net.run(5000);
    expect(results).toEqual(['600 lock_timeout']);
    expect(sys.db('a').locks.waits).toMatchObject([
      { owner: 'reader', row: 'x', fromMs: 100, toMs: 600, timedOut: true },
    ]);
    // the coordinator came back at 2000 and aborted (presumed abort): locks held 1 → 2001
    expect(check().locks.find((l) => l.row === 'a/x')).toMatchObject({ maxMs: 2000 });
  });

  it('the balance observer reads as a locking reader: a locked row blocks the reading', () => {
    const { net, sys } = lab(0);
    sys.db('a').seed('x', 100);
    const o = new BalanceObserver(sys, [{ db: 'a', row: 'x' }]);
    net.at(10, () => {
      sys.db('a').begin('t');
      sys.db('a').add('t', 'x', -50, () => {});
    });
    net.at(30, () => sys.db('a').commit('t'));
    net.run();
    expect(o.samples).toEqual([{ atMs: 0, total: 100 }, { atMs: 10 }, { atMs: 30, total: 50 }]);
    expect(o.report(40)).toMatchObject({ verdict: 'violated', blockedMs: 20, final: 50 });
  });
});

describe('determinism', () => {
  it('the same faults give the same events, messages and report, run after run', () => {
    const run = () => {
      const t = transfer('2pc', { options: { logWriteMs: 2 } });
      t.net.crashAt('coord', 5, 300);
      t.net.crashAt('bank-b', 150, 160);
      t.tx.start();
      t.net.run(2000);
      return JSON.stringify([t.net.log.events, t.net.messages, t.report()]);
    };
    expect(run()).toBe(run());
  });
});

describe('from the document', () => {
  it('options default from the model; a missing options object means all defaults', () => {
    const flow = TransactionFlow.parse({
      id: 'pay',
      name: 'Pay',
      protocol: 'tcc',
      steps: [
        { participant: 'bank-a', action: 'debit alice' },
        { participant: 'bank-b', action: 'credit bob' },
      ],
    });
    expect(flow.options).toBeUndefined();
    const { spec, options } = specOf(flow, 'tc', 3);
    expect(options).toEqual(txOptions());
    expect(options).toMatchObject({ amount: 100, tccFence: true, sagaMode: 'orchestrated' });
    expect(spec).toEqual({
      id: 'pay-3',
      coordinator: 'tc',
      steps: [
        { participant: 'bank-a', row: 'alice', delta: -100 },
        { participant: 'bank-b', row: 'bob', delta: 100 },
      ],
    });
  });

  it('parses step actions', () => {
    expect(parseAction('debit alice', 5)).toEqual({ row: 'alice', delta: -5 });
    expect(parseAction('credit bob', 5)).toEqual({ row: 'bob', delta: 5 });
    expect(parseAction('add -3 stock', 5)).toEqual({ row: 'stock', delta: -3 });
    expect(parseAction('orders', 5)).toEqual({ row: 'orders', delta: 5 });
  });

  it('rejects out-of-range options with the path of the field', () => {
    const r = TransactionFlow.safeParse({
      id: 'p',
      name: 'P',
      protocol: '2pc',
      options: { voteTimeoutMs: -1 },
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['options', 'voteTimeoutMs']);
  });
});
