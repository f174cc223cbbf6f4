// The engine's log/exp/sin/cos give the same bits in every JavaScript engine (only + − × ÷ inside),
// and agree with the platform's Math to within one unit in the last place.
import { describe, expect, it } from 'vitest';
import { cos, exp, log, sin } from '../../../shared/engine/detMath';
import { Rng } from '../../../shared/engine/rng';

const buf = new Float64Array(1);
const bits = new BigInt64Array(buf.buffer);
function ulpsApart(a: number, b: number): number {
  buf[0] = a;
  const x = bits[0]!;
  buf[0] = b;
  const y = bits[0]!;
  return Number(x > y ? x - y : y - x);
}

describe('deterministic math (fdlibm ports)', () => {
  it('has the exact special values', () => {
    expect(log(1)).toBe(0);
    expect(log(0)).toBe(-Infinity);
    expect(log(-1)).toBeNaN();
    expect(log(Infinity)).toBe(Infinity);
    expect(exp(0)).toBe(1);
    expect(exp(-Infinity)).toBe(0);
    expect(exp(1000)).toBe(Infinity);
    expect(sin(0)).toBe(0);
    expect(cos(0)).toBe(1);
  });

  it('agrees with Math within 1 ulp over the engine’s range of inputs', () => {
    const rng = new Rng(12345);
    let worst = 0;
    for (let i = 0; i < 200_000; i++) {
      const u = rng.next();
      const x = 1 - u; // the engine takes log(1 − u) for exponential gaps
      worst = Math.max(worst, ulpsApart(log(x), Math.log(x)));
      const big = u * 1e9 + 1e-300;
      worst = Math.max(worst, ulpsApart(log(big), Math.log(big)));
      const z = (u - 0.5) * 40; // lognormal exponents
      worst = Math.max(worst, ulpsApart(exp(z), Math.exp(z)));
      const a = u * 2 * Math.PI;
      const s = sin(a);
      if (Math.abs(s) > 1e-3) worst = Math.max(worst, ulpsApart(s, Math.sin(a)));
      const c = cos(a);
      if (Math.abs(c) > 1e-3) worst = Math.max(worst, ulpsApart(c, Math.cos(a)));
    }
    expect(worst).toBeLessThanOrEqual(1);
  });

  it('gives fdlibm’s own bits (as Java’s StrictMath, which is fdlibm)', () => {
    // StrictMath.exp(1) is 2.7182818284590455: fdlibm is one ulp above the correctly rounded e.
    expect(log(2)).toBe(0.6931471805599453);
    expect(log(10)).toBe(2.302585092994046);
    expect(exp(1)).toBe(2.7182818284590455);
    expect(sin(Math.PI / 6)).toBeCloseTo(0.5, 15);
  });
});
