// The host session: batch runs, live pacing to wall clock × speed, pause/resume/stop, and typed
// errors — with a fake clock and a fake simulation so every step is exact.
import { describe, expect, it } from 'vitest';
import { createSession, type HostClock } from '../../../shared/host/session';
import { CompileError, type Simulation } from '../../../shared/engine/api';
import type { FromHost } from '../../../shared/protocol';

function fakeClock() {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: HostClock = {
    now: () => now,
    schedule: (fn, ms) => {
      timers.set(++seq, { at: now + Math.max(0, ms), fn });
      return seq;
    },
    cancel: (h) => void timers.delete(h as number),
  };
  /** Move wall time forward, firing due timers in order. */
  function tick(ms: number) {
    const end = now + ms;
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.at <= end)
        .sort((a, b) => a[1].at - b[1].at || a[0] - b[0]);
      const first = due[0];
      if (!first) break;
      timers.delete(first[0]);
      now = Math.max(now, first[1].at);
      first[1].fn();
    }
    now = end;
  }
  return { clock, tick };
}

function fakeSim(durationMs: number): Simulation & { commands: unknown[] } {
  let now = 0;
  const commands: unknown[] = [];
  return {
    scenario: 'baseline',
    seed: 1,
    durationMs,
    commands,
    get nowMs() {
      return now;
    },
    get finished() {
      return now >= durationMs;
    },
    advanceTo(t) {
      now = Math.min(durationMs, Math.max(now, t));
      return now >= durationMs;
    },
    takeChunk: () => ({ at: now }),
    command: (c) => {
      if (c.action === 'explode')
        throw new CompileError([{ path: 'command.action', message: 'unknown action "explode"' }]);
      commands.push(c);
    },
    result: () => ({ reachedMs: now }),
  };
}

const doc = { format: 'archlab', version: 1 };

function setup(durationMs = 10_000) {
  const { clock, tick } = fakeClock();
  const sent: FromHost[] = [];
  const sim = fakeSim(durationMs);
  const session = createSession({
    send: (m) => sent.push(m),
    clock,
    createSimulation: () => sim,
    engineVersion: 'test',
  });
  return { session, sent, tick, sim };
}

describe('host session', () => {
  it('runs a batch run to the end and sends the result', () => {
    const { session, sent, tick } = setup();
    session.handle({ type: 'run.start', runId: 'a', document: doc });
    tick(1000);
    expect(sent[0]).toMatchObject({ type: 'run.started', runId: 'a', durationS: 10 });
    expect(sent.at(-1)).toEqual({
      type: 'run.done',
      runId: 'a',
      result: { reachedMs: 10_000 },
      stopped: false,
    });
  });

  it('paces a live run to wall clock × speed', () => {
    const { session, sent, tick, sim } = setup(60_000);
    session.handle({
      type: 'run.start',
      runId: 'l',
      document: doc,
      options: { mode: 'live', speed: 2 },
    });
    tick(1000);
    expect(sim.nowMs).toBeGreaterThanOrEqual(1900);
    expect(sim.nowMs).toBeLessThanOrEqual(2000);
    session.handle({ type: 'run.speed', runId: 'l', speed: 10 });
    tick(1000);
    // Within one 33 ms tick of wall time (330 ms simulated at 10×).
    expect(sim.nowMs).toBeGreaterThanOrEqual(11_670);
    expect(sim.nowMs).toBeLessThanOrEqual(12_000);
    expect(sent.some((m) => m.type === 'run.chunk')).toBe(true);
  });

  it('holds still while paused and goes on from where it was', () => {
    const { session, tick, sim } = setup(60_000);
    session.handle({
      type: 'run.start',
      runId: 'l',
      document: doc,
      options: { mode: 'live', speed: 1 },
    });
    tick(500);
    session.handle({ type: 'run.pause', runId: 'l' });
    const at = sim.nowMs;
    tick(5000);
    expect(sim.nowMs).toBe(at);
    session.handle({ type: 'run.resume', runId: 'l' });
    tick(1000);
    expect(sim.nowMs).toBeGreaterThan(at + 900);
    expect(sim.nowMs).toBeLessThanOrEqual(at + 1000);
  });

  it('stops on request with the figures so far', () => {
    const { session, sent, tick } = setup(60_000);
    session.handle({
      type: 'run.start',
      runId: 'l',
      document: doc,
      options: { mode: 'live', speed: 1 },
    });
    tick(3000);
    session.handle({ type: 'run.stop', runId: 'l' });
    const done = sent.at(-1) as Extract<FromHost, { type: 'run.done' }>;
    expect(done).toMatchObject({ type: 'run.done', stopped: true });
    expect((done.result as { reachedMs: number }).reachedMs).toBeLessThanOrEqual(3000);
  });

  it('passes live commands to the simulation', () => {
    const { session, tick, sim } = setup(60_000);
    session.handle({ type: 'run.start', runId: 'l', document: doc, options: { mode: 'live' } });
    tick(100);
    session.handle({
      type: 'run.command',
      runId: 'l',
      command: { action: 'kill-pod', target: 'api' },
    });
    expect(sim.commands).toEqual([{ action: 'kill-pod', target: 'api', params: {} }]);
  });

  it('reports a refused live command and keeps the run going', () => {
    const { session, sent, tick } = setup(5_000);
    session.handle({
      type: 'run.start',
      runId: 'l',
      document: doc,
      options: { mode: 'live', speed: 10 },
    });
    tick(100);
    session.handle({ type: 'run.command', runId: 'l', command: { action: 'explode' } });
    expect(sent.at(-1)).toMatchObject({
      type: 'error',
      code: 'E_BAD_COMMAND',
      runId: 'l',
      problems: [{ path: 'command.action', message: 'unknown action "explode"' }],
    });
    tick(1000);
    expect(sent.at(-1)).toMatchObject({ type: 'run.done', runId: 'l', stopped: false });
  });

  it('advances a live run in whole simulated milliseconds (the resolution commands are recorded at)', () => {
    const { session, tick, sim } = setup(60_000);
    session.handle({
      type: 'run.start',
      runId: 'l',
      document: doc,
      options: { mode: 'live', speed: 3 },
    });
    for (let i = 0; i < 20; i++) {
      tick(7.3);
      expect(Number.isInteger(sim.nowMs)).toBe(true);
    }
  });

  it('answers bad input with typed errors', () => {
    const { clock } = fakeClock();
    const sent: FromHost[] = [];
    const session = createSession({
      send: (m) => sent.push(m),
      clock,
      createSimulation: () => {
        throw new CompileError([{ path: 'nodes.api', message: 'has no pods but has callers' }]);
      },
      engineVersion: 'test',
    });
    session.handle({ type: 'run.start', runId: 'x', document: doc });
    expect(sent.at(-1)).toMatchObject({
      type: 'error',
      code: 'E_BAD_DOCUMENT',
      runId: 'x',
      problems: [{ path: 'nodes.api' }],
    });
    session.handle({ type: 'run.pause', runId: 'nope' });
    expect(sent.at(-1)).toMatchObject({ type: 'error', code: 'E_UNKNOWN_RUN', runId: 'nope' });
    session.handle({ type: 'run.start', runId: 'y', document: { format: 'nope' } });
    const bad = sent.at(-1) as Extract<FromHost, { type: 'error' }>;
    expect(bad).toMatchObject({ type: 'error', code: 'E_BAD_DOCUMENT', runId: 'y' });
    expect(bad.problems).toEqual([
      {
        path: 'format',
        message: 'is "nope": this is not an ArchLab document (expected "archlab")',
      },
    ]);
  });
});
