// The one-sentence verdict of what limits a service, from the figures a run reports.
import { describe, expect, it } from 'vitest';
import { limitingFactor, type LimitFigures } from '../../../shared/analysis/limits';

const idle: LimitFigures = {
  usageCores: 0.5,
  coresAvailable: 4,
  throttledPeriods: 0,
  periods: 600,
  lockWaitSeconds: 0,
  spinSeconds: 0,
  busyThreadSeconds: 100,
  threadUtilisation: 0.3,
  threads: 8,
  model: 'threadPool',
  oomKilled: 0,
};

describe('limitingFactor', () => {
  it('says nothing limits a service with idle threads and CPU', () => {
    const v = limitingFactor(idle);
    expect(v.limit).toBe('none');
    expect(v.sentence).toBe(
      'Nothing limits it at this load: threads are 30 % busy and the CPU 13 % used.',
    );
  });

  it('blames memory when the container was OOMKilled, whatever else', () => {
    const v = limitingFactor({ ...idle, oomKilled: 2, usageCores: 4, threadUtilisation: 1 });
    expect(v.limit).toBe('memory');
    expect(v.sentence).toMatch(/OOMKilled 2 times \(exit code 137\)/);
  });

  it('blames the quota when most periods are throttled, not the busy threads it causes', () => {
    const v = limitingFactor({
      ...idle,
      limitCores: 0.5,
      coresAvailable: 0.5,
      usageCores: 0.49,
      throttledPeriods: 480,
      threadUtilisation: 1,
    });
    expect(v.limit).toBe('quota');
    expect(v.sentence).toMatch(
      /80 % of the 100 ms periods were throttled at a limit of 0.50 cores/,
    );
  });

  it('does not blame a quota the pod does not have', () => {
    expect(limitingFactor({ ...idle, throttledPeriods: 600 }).limit).toBe('none');
  });

  it('blames the lock when waiting and spinning take a large share of busy time', () => {
    const spin = limitingFactor({ ...idle, spinSeconds: 40, lockWaitSeconds: 5, usageCores: 4 });
    expect(spin.limit).toBe('lock');
    expect(spin.sentence).toMatch(/45 % of their busy time spinning on it/);
    const mutex = limitingFactor({ ...idle, lockWaitSeconds: 60 });
    expect(mutex.sentence).toMatch(/waiting for it/);
    // The lock's kind says how its waiters wait, whatever the seconds.
    const spinKind = limitingFactor({
      ...idle,
      lockKind: 'spin',
      spinSeconds: 5,
      lockWaitSeconds: 60,
    });
    expect(spinKind.sentence).toMatch(/spinning on it/);
    expect(limitingFactor({ ...idle, lockKind: 'mutex', lockWaitSeconds: 60 }).sentence).toMatch(
      /asleep waiting for it/,
    );
  });

  it('blames the cores when CPU use reaches what the pod may use', () => {
    const v = limitingFactor({ ...idle, usageCores: 3.8, threadUtilisation: 1 });
    expect(v.limit).toBe('cores');
    expect(v.sentence).toMatch(/uses 3.8 of the 4.0 cores/);
  });

  it('blames the threads when all are busy and the CPU idles', () => {
    const v = limitingFactor({ ...idle, threadUtilisation: 0.99 });
    expect(v.limit).toBe('threads');
    expect(v.sentence).toMatch(
      /the 8 per pod are busy 99 % of the time, while the CPU is 13 % used/,
    );
    // Busy less often, but with a queue longer than the threads: still the threads.
    const queued = limitingFactor({ ...idle, threadUtilisation: 0.74, queued: 332, threads: 20 });
    expect(queued.limit).toBe('threads');
    expect(queued.sentence).toMatch(/busy 74 % of the time with 332 requests waiting for one/);
    expect(limitingFactor({ ...idle, threadUtilisation: 0.74, queued: 3 }).limit).toBe('none');
    expect(v.sentence).toMatch(/event loop/);
    const loop = limitingFactor({
      ...idle,
      threadUtilisation: 0.95,
      model: 'eventLoop',
      threads: 1,
    });
    expect(loop.sentence).toMatch(/^The loops limit it/);
    expect(loop.sentence).toMatch(/one callback at a time on one core/);
    expect(loop.sentence).not.toMatch(/waiting on IO and calls/);
  });
});
