// Local transactions (docs/semantics.md §13.1; InnoDB: exclusive row locks held to
// commit, FIFO lock waits, innodb_lock_wait_timeout, crash recovery rolls back uncommitted work
// from the undo log and keeps prepared XA branches).
import { describe, expect, it } from 'vitest';
import { createTestNet, LocalDb, type DbResult } from '../../../shared/engine/tx';
import { holds, lab } from './harness';

function db(lockWaitTimeoutMs = 100) {
  const net = createTestNet(0);
  const d = new LocalDb('db', net, net.log, { lockWaitTimeoutMs }).seed('x', 10).seed('y', 20);
  const results: string[] = [];
  const note = (who: string) => (r: DbResult) =>
    results.push(`${net.now()} ${who} ${r.ok ? `ok ${String(r.value)}` : r.cause}`);
  return { net, d, results, note };
}

describe('row locks', () => {
  it('a writer waits for the row lock and is granted it, FIFO, when the holder commits', () => {
    const { net, d, results, note } = db();
    d.begin('t1');
    d.add('t1', 'x', 1, note('t1'));
    net.at(5, () => {
      d.begin('t2');
      d.add('t2', 'x', 10, note('t2'));
    });
    net.at(6, () => {
      d.begin('t3');
      d.add('t3', 'x', 100, note('t3'));
    });
    net.at(20, () => d.commit('t1'));
    net.at(30, () => d.commit('t2'));
    net.at(40, () => d.commit('t3'));
    net.run();
    expect(results).toEqual(['0 t1 ok 11', '20 t2 ok 21', '30 t3 ok 121']);
    expect(d.locks.waits.map((w) => [w.owner, w.fromMs, w.toMs])).toEqual([
      ['t2', 5, 20],
      ['t3', 6, 30],
    ]);
    expect(d.locks.holds.map((h) => [h.fromMs, h.toMs])).toEqual([
      [0, 20],
      [20, 30],
      [30, 40],
    ]);
    expect(d.committed('x')).toBe(121);
  });

  it('a lock wait past the timeout aborts the waiting transaction with lock_timeout', () => {
    const { net, d, results, note } = db(50);
    d.begin('t1');
    d.add('t1', 'x', 1, note('t1'));
    net.at(5, () => {
      d.begin('t2');
      d.add('t2', 'y', 5, note('t2y'));
      d.add('t2', 'x', 10, note('t2x'));
    });
    net.run(200);
    expect(results).toEqual(['0 t1 ok 11', '5 t2y ok 25', '55 t2x lock_timeout']);
    expect(d.state('t2')).toBe('aborted');
    expect(d.cause('t2')).toBe('lock_timeout');
    // its other write is undone and its locks freed
    expect(d.committed('y')).toBe(20);
    expect(d.locks.holder('y')).toBeUndefined();
    expect(net.log.trace()).toEqual(['0.055 LockWaitTimeout db']);
    expect(d.locks.waits[0]).toMatchObject({ owner: 't2', fromMs: 5, toMs: 55, timedOut: true });
  });

  it('rollback restores the before-images from the undo log and frees the locks', () => {
    const { d, note } = db();
    d.begin('t1');
    d.add('t1', 'x', 5, note('a'));
    d.add('t1', 'x', 5, note('b'));
    d.write('t1', 'y', 0, note('c'));
    expect(d.committed('x')).toBe(10); // others see the committed value, not 20
    d.rollback('t1');
    expect([d.committed('x'), d.committed('y')]).toEqual([10, 20]);
    expect(d.locks.heldBy('t1')).toEqual([]);
  });

  it('a CHECK constraint fails the statement (no negative balance)', () => {
    const { d, results, note } = db();
    d.seed('acct', 50, 0);
    d.begin('t1');
    d.add('t1', 'acct', -80, note('t1'));
    expect(results).toEqual(['0 t1 constraint']);
  });
});

describe('crash and recovery', () => {
  it('a crash mid-transaction loses the uncommitted work and keeps the committed', () => {
    const { net, d, note } = db();
    d.begin('t1');
    d.add('t1', 'x', 1, note('t1'));
    d.commit('t1');
    d.begin('t2');
    d.add('t2', 'x', 100, note('t2'));
    d.add('t2', 'y', 100, note('t2'));
    net.crashAt('db', 10, 20);
    net.run();
    expect(d.state('t2')).toBe('aborted');
    expect(d.cause('t2')).toBe('db_crash');
    expect([d.committed('x'), d.committed('y')]).toEqual([11, 20]);
    // the dead transaction's locks were freed at restart
    expect(d.locks.holds.filter((h) => h.owner === 't2').map((h) => [h.row, h.toMs])).toEqual([
      ['x', 20],
      ['y', 20],
    ]);
    expect(net.log.trace()).toEqual([
      '0.01 ProcessCrashed db',
      '0.02 ProcessRecovered db',
      '0.02 CrashRecovery db',
    ]);
  });

  it('a PREPARED branch survives a crash with its locks (XA)', () => {
    const { net, d, note, results } = db();
    d.begin('t1');
    d.add('t1', 'x', 5, note('t1'));
    d.prepare('t1');
    net.crashAt('db', 10, 20);
    net.at(30, () => {
      d.begin('t2');
      d.add('t2', 'x', 1, note('t2'));
    });
    net.at(40, () => d.commit('t1'));
    net.run();
    expect(d.prepared()).toEqual([]);
    expect(d.state('t1')).toBe('committed');
    expect(results).toEqual(['0 t1 ok 15', '40 t2 ok 16']);
  });

  it('a database that is down refuses work', () => {
    const { net, d, results, note } = db();
    net.crash('db');
    expect(d.begin('t1')).toBe(false);
    d.add('t1', 'x', 1, note('t1'));
    expect(results).toEqual(['0 t1 db_down']);
  });
});

describe('the local protocol (reference)', () => {
  it('commits one statement per round trip and holds the rows to the commit', () => {
    const { net, sys, trace, check } = lab(1);
    sys.db('bank').seed('alice', 1000).seed('bob', 500);
    const t = sys.create('local', {
      id: 'L1',
      coordinator: 'app',
      steps: [
        { participant: 'bank', row: 'alice', delta: -100 },
        { participant: 'bank', row: 'bob', delta: 100 },
      ],
    });
    t.start();
    net.run(1000);
    // statement 1 at 1 (answer 2), statement 2 at 3 (answer 4), COMMIT at 5 (answer 6)
    expect(trace()).toEqual(['0 TransactionStarted app', '0.005 TransactionCommitted bank']);
    expect(holds(sys, 'bank', 'alice')).toEqual([[1, 5]]);
    expect(holds(sys, 'bank', 'bob')).toEqual([[3, 5]]);
    expect(t.endMs).toBe(6);
    expect(check().counts.local?.committed).toBe(1);
  });

  it('a database crash before COMMIT loses the transaction', () => {
    const { net, sys, check } = lab(1);
    sys.db('bank').seed('alice', 1000).seed('bob', 500);
    const t = sys.create('local', {
      id: 'L1',
      coordinator: 'app',
      steps: [
        { participant: 'bank', row: 'alice', delta: -100 },
        { participant: 'bank', row: 'bob', delta: 100 },
      ],
    });
    net.crashAt('bank', 4, 20);
    t.start();
    net.run(1000);
    expect(sys.db('bank').committed('alice')).toBe(1000);
    expect(check().instances[0]?.outcome).toBe('rolled_back');
    // the COMMIT sent at 4 is lost; the application gives up 50 ms after it
    expect(net.log.trace()).toContain('0.054 TransactionRolledBack app');
  });
});
