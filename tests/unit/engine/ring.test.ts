// The engine's FIFO rings keep insertion order across growth and wrap-around.
import { describe, expect, it } from 'vitest';
import { NumberRing, Ring, TripleRing } from '../../../shared/engine/ring';
import { Rng } from '../../../shared/engine/rng';

describe('rings', () => {
  it('give back what was pushed, in order, while pushes and shifts interleave', () => {
    const rng = new Rng(3);
    const ring = new Ring<{ n: number }>();
    const nums = new NumberRing();
    const triples = new TripleRing<{ n: number }>();
    const model: number[] = [];
    let next = 0;
    for (let step = 0; step < 20_000; step++) {
      if (model.length === 0 || rng.next() < 0.55) {
        const n = next++;
        model.push(n);
        ring.push({ n });
        nums.push(n + 0.5);
        triples.push({ n }, n * 2, n + 0.25);
      } else {
        const n = model.shift() as number;
        expect(ring.shift().n).toBe(n);
        expect(nums.shift()).toBe(n + 0.5);
        expect([triples.peekItem().n, triples.peekToken(), triples.peekTime()]).toEqual([
          n,
          n * 2,
          n + 0.25,
        ]);
        triples.shift();
      }
      expect(ring.length).toBe(model.length);
      expect(nums.length).toBe(model.length);
      expect(triples.length).toBe(model.length);
    }
    expect(next).toBeGreaterThan(1000);
  });
});
