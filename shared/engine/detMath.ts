// Deterministic transcendental functions. `Math.log`, `Math.exp`, `Math.sin` and `Math.cos` are not
// required to be correctly rounded, and different JavaScript engines (Node's V8 and a newer
// Chromium's, say) differ in the last bit — enough to break "same seed, same bytes" across hosts.
// These are ports of fdlibm's algorithms (e_log.c, e_exp.c, k_sin.c, k_cos.c) using only + − × ÷,
// which IEEE 754 rounds identically everywhere. Accuracy is within 1 ulp of the true value.

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function hiWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}
function loWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}
function withHiWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}

const LN2_HI = 6.9314718036912381649e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** POW2_TO_UNIT[e] = 2^(1023 − e): brings a double of biased exponent e to [1, 2) (e: 1 … 2047). */
const POW2_TO_UNIT = new Float64Array(2048);
for (let e = 0, p = 2 ** 1023; e < 2048; e++, p /= 2) POW2_TO_UNIT[e] = p;

/** Natural logarithm (fdlibm __ieee754_log). */
export function log(xIn: number): number {
  let x = xIn;
  // Both words from one store (hiWord + loWord would store x twice).
  f64[0] = x;
  let hx = u32[HI]! | 0;
  const lx = u32[LO]!;
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = hiWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  const biased = hx >> 20;
  k += biased - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  // x with its exponent set to 0 (or −1 when i is set), as a product by a power of two: exact,
  // the same bits as writing the high word, without reading a double back over a 32-bit store.
  x *= POW2_TO_UNIT[biased + (i >> 20)] as number;
  k += i >> 20;
  const f = x - 1.0;
  const dk = k;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) return k === 0 ? 0 : dk * LN2_HI + dk * LN2_LO;
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const r = t2 + t1;
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}

const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const INV_LN2 = 1.442695040888963387;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;
const TWOM1000 = 9.3326361850321887899e-302;

/** e to the x (fdlibm __ieee754_exp). */
export function exp(xIn: number): number {
  let x = xIn;
  const word = hiWord(x);
  const xsb = (word >>> 31) & 1;
  const hx = word & 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | loWord(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return withHiWord(y, hiWord(y) + (k << 20));
  return withHiWord(y, hiWord(y) + ((k + 1000) << 20)) * TWOM1000;
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;

/** sin on [−π/4, π/4] (fdlibm __kernel_sin with no tail). */
function kernelSin(x: number): number {
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  return x + v * (S1 + z * r);
}

/** cos on [−π/4, π/4] (fdlibm __kernel_cos with no tail). */
function kernelCos(x: number): number {
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  const ix = hiWord(x) & 0x7fffffff;
  if (ix < 0x3fd33333) return 1 - (0.5 * z - z * r);
  const qx = ix > 0x3fe90000 ? 0.28125 : withHiWord(0, ix - 0x00200000);
  const hz = 0.5 * z - qx;
  return 1 - qx - (hz - z * r);
}

const INV_PIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;

/** x reduced to [−π/4, π/4] and its quadrant (Cody–Waite; fine for |x| < 2^20·π/2). */
function reduce(x: number): { n: number; y: number } {
  const n = Math.round(x * INV_PIO2);
  return { n: ((n % 4) + 4) % 4, y: x - n * PIO2_1 - n * PIO2_1T };
}

export function sin(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const { n, y } = reduce(x);
  if (n === 0) return kernelSin(y);
  if (n === 1) return kernelCos(y);
  if (n === 2) return -kernelSin(y);
  return -kernelCos(y);
}

export function cos(x: number): number {
  if (!Number.isFinite(x)) return NaN;
  const { n, y } = reduce(x);
  if (n === 0) return kernelCos(y);
  if (n === 1) return -kernelSin(y);
  if (n === 2) return -kernelCos(y);
  return kernelSin(y);
}
