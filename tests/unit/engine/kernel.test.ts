// The kernel pops events in (time, insertion sequence) order, whatever the heap does inside, and
// a cancelled event never comes out.
import { describe, expect, it } from 'vitest';
import { Kernel } from '../../../shared/engine/kernel';
import { Rng } from '../../../shared/engine/rng';

interface Scheduled {
  at: number;
  seq: number;
  type: number;
  obj: { id: number };
  arg: number;
}

/** Pop everything up to `limit`, as the simulation does. */
function drain(k: Kernel, limit = Infinity): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  while (k.next(limit)) out.push([k.now, k.type, (k.obj as { id: number }).id, k.arg]);
  return out;
}

describe('kernel', () => {
  it('pops by time, ties in insertion order, while events are added as it goes', () => {
    const rng = new Rng(42);
    const k = new Kernel(1_000_000, 4);
    const all: Scheduled[] = [];
    let seq = 0;
    const add = (at: number) => {
      // Few distinct times, so most events tie with others.
      const e = { at, seq: seq++, type: rng.int(13), obj: { id: seq }, arg: rng.next() };
      all.push(e);
      k.at(e.at, e.type, e.obj, e.arg);
    };
    for (let i = 0; i < 500; i++) add(rng.int(50));
    const popped: [number, number, number, number][] = [];
    while (k.next(Infinity)) {
      popped.push([k.now, k.type, (k.obj as { id: number }).id, k.arg]);
      // Schedule more from inside the run, some at the current instant (they go after the ties
      // already queued) and some later.
      if (seq < 5000 && rng.next() < 0.9) add(k.now + rng.int(3));
      if (seq < 5000 && rng.next() < 0.2) add(k.now + rng.int(40));
    }
    const expected = [...all]
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => [e.at, e.type, e.obj.id, e.arg]);
    expect(popped).toEqual(expected);
    expect(k.pending).toBe(0);
    expect(k.scheduled).toBe(seq);
  });

  it('keeps the same order when constant delays go through lanes, even if a delay shrinks', () => {
    const rng = new Rng(7);
    const k = new Kernel(1_000_000, 4);
    const lanes = [k.lane(), k.lane(), k.lane()];
    const delays = [0.5, 1, 0];
    const all: Scheduled[] = [];
    let seq = 0;
    const add = (at: number, lane: number) => {
      const e = { at, seq: seq++, type: lane + 1, obj: { id: seq }, arg: rng.next() };
      all.push(e);
      if (lane < 0) k.at(e.at, e.type, e.obj, e.arg);
      else k.atLane(lanes[lane] as number, e.at, e.type, e.obj, e.arg);
    };
    for (let i = 0; i < 20; i++) add(rng.int(5), -1);
    const popped: [number, number, number, number][] = [];
    while (k.next(Infinity)) {
      popped.push([k.now, k.type, (k.obj as { id: number }).id, k.arg]);
      if (seq >= 20_000) continue;
      // Now and then a lane's delay changes (an added latency comes and goes).
      if (rng.next() < 0.01) delays[rng.int(3)] = rng.int(4) * 0.5;
      const n = rng.int(3);
      for (let j = 0; j < n; j++) {
        const lane = rng.int(4) - 1;
        add(k.now + (lane < 0 ? rng.int(3) : (delays[lane] as number)), lane);
      }
      if (k.pending === 0) add(k.now + 1, -1);
    }
    const expected = [...all]
      .sort((a, b) => a.at - b.at || a.seq - b.seq)
      .map((e) => [e.at, e.type, e.obj.id, e.arg]);
    expect(popped).toEqual(expected);
    expect(k.pending).toBe(0);
  });

  it('stops at the limit without moving the clock past the last event', () => {
    const k = new Kernel(1000);
    k.at(5, 1, { id: 1 }, 0);
    k.at(10, 2, { id: 2 }, 0);
    expect(drain(k, 7)).toEqual([[5, 1, 1, 0]]);
    expect(k.now).toBe(5);
    expect(k.peekTime()).toBe(10);
    expect(drain(k)).toEqual([[10, 2, 2, 0]]);
    expect(k.peekTime()).toBe(Infinity);
  });

  it('never pops a cancelled event; cancelling twice or after it ran is harmless', () => {
    const k = new Kernel(1000);
    const a = k.at(1, 1, { id: 1 }, 0);
    const b = k.at(1, 2, { id: 2 }, 0);
    k.at(2, 3, { id: 3 }, 0);
    k.cancel(b);
    k.cancel(b);
    expect(drain(k, 1)).toEqual([[1, 1, 1, 0]]);
    k.cancel(a);
    const d = k.at(3, 4, { id: 4 }, 0);
    k.at(3, 5, { id: 5 }, 0);
    k.cancel(d);
    expect(drain(k)).toEqual([
      [2, 3, 3, 0],
      [3, 5, 5, 0],
    ]);
    expect(k.pending).toBe(0);
  });
});
