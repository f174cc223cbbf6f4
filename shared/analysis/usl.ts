// The Universal Scalability Law (Gunther): throughput at concurrency N is
//   X(N) = λN / (1 + σ(N − 1) + κN(N − 1))
// with λ the throughput of one worker alone, σ the contention (the serial share, Amdahl's law
// when κ = 0) and κ the coherency cost (crosstalk between every pair of workers). With κ > 0 the
// curve peaks at N* = √((1 − σ) / κ) and falls past it.
//
// The fit: a start from Gunther's linearisation (N / C(N) − 1 = σ(N − 1) + κN(N − 1), with
// C(N) = X(N) / λ, a least-squares line through the origin), then Levenberg–Marquardt on the
// squared throughput residuals with σ kept in [0, 1] and κ, λ non-negative.

export interface UslPoint {
  n: number;
  throughput: number;
}

export interface UslFit {
  /** Throughput of one worker alone (the curve's slope at N = 0). */
  lambda: number;
  /** Contention: the share of the work that is serial. */
  sigma: number;
  /** Coherency: the cost each pair of workers adds. */
  kappa: number;
  /** Where the curve peaks: √((1 − σ) / κ); Infinity when κ = 0. */
  nStar: number;
  /** The curve's throughput at N* (or its limit λ/σ as N grows when κ = 0). */
  peak: number;
  /** Share of the throughputs' variance the curve explains. */
  r2: number;
}

export function uslThroughput(fit: Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>, n: number): number {
  return (fit.lambda * n) / (1 + fit.sigma * (n - 1) + fit.kappa * n * (n - 1));
}

type Params = [lambda: number, sigma: number, kappa: number];

const clamp = (p: Params): Params => [
  Math.max(p[0], 1e-12),
  Math.min(1, Math.max(0, p[1])),
  Math.max(0, p[2]),
];

function sse(points: readonly UslPoint[], p: Params): number {
  let s = 0;
  for (const q of points) {
    const r = q.throughput - uslThroughput({ lambda: p[0], sigma: p[1], kappa: p[2] }, q.n);
    s += r * r;
  }
  return s;
}

/** Solves the 3×3 system a·x = b by Gaussian elimination with partial pivoting; null if singular. */
function solve3(a: number[][], b: number[]): number[] | null {
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < 3; c++) {
    let pivot = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[pivot]![c]!)) pivot = r;
    if (Math.abs(m[pivot]![c]!) < 1e-300) return null;
    [m[c], m[pivot]] = [m[pivot]!, m[c]!];
    for (let r = c + 1; r < 3; r++) {
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  const x = [0, 0, 0];
  for (let r = 2; r >= 0; r--) {
    let s = m[r]![3]!;
    for (let k = r + 1; k < 3; k++) s -= m[r]![k]! * x[k]!;
    x[r] = s / m[r]![r]!;
  }
  return x;
}

/** The linearised start: λ from the smallest N, then σ, κ by least squares through the origin. */
function start(points: readonly UslPoint[]): Params {
  const first = points.reduce((a, b) => (b.n < a.n ? b : a));
  const lambda = first.throughput / first.n;
  // y = N/C − 1 = σ·x1 + κ·x2 with x1 = N − 1, x2 = N(N − 1).
  let s11 = 0;
  let s12 = 0;
  let s22 = 0;
  let s1y = 0;
  let s2y = 0;
  for (const q of points) {
    if (q.throughput <= 0) continue;
    const y = (q.n * lambda) / q.throughput - 1;
    const x1 = q.n - 1;
    const x2 = q.n * (q.n - 1);
    s11 += x1 * x1;
    s12 += x1 * x2;
    s22 += x2 * x2;
    s1y += x1 * y;
    s2y += x2 * y;
  }
  const det = s11 * s22 - s12 * s12;
  if (Math.abs(det) < 1e-12) return clamp([lambda, s11 > 0 ? s1y / s11 : 0, 0]);
  return clamp([lambda, (s1y * s22 - s2y * s12) / det, (s11 * s2y - s12 * s1y) / det]);
}

/** Levenberg–Marquardt from p on the squared throughput residuals, within the bounds. */
function refine(points: readonly UslPoint[], p0: Params): Params {
  let p = p0;
  let cost = sse(points, p);
  let mu = 1e-3;
  for (let iter = 0; iter < 200; iter++) {
    const jtj = [
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ];
    const jtr = [0, 0, 0];
    for (const q of points) {
      const n = q.n;
      const d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
      const x = (p[0] * n) / d;
      const r = q.throughput - x;
      const j = [n / d, (-x * (n - 1)) / d, (-x * n * (n - 1)) / d];
      for (let a = 0; a < 3; a++) {
        jtr[a]! += j[a]! * r;
        for (let b = 0; b < 3; b++) jtj[a]![b]! += j[a]! * j[b]!;
      }
    }
    let improved = false;
    while (mu < 1e12) {
      const m = jtj.map((row, a) => row.map((v, b) => (a === b ? v + mu * (v || 1) : v)));
      const step = solve3(m, jtr);
      if (step === null) {
        mu *= 10;
        continue;
      }
      const next = clamp([p[0] + step[0]!, p[1] + step[1]!, p[2] + step[2]!]);
      const c = sse(points, next);
      if (c < cost) {
        const gain = cost - c;
        p = next;
        cost = c;
        mu = Math.max(mu / 10, 1e-12);
        improved = gain > 1e-15 * Math.max(1, cost);
        break;
      }
      mu *= 10;
    }
    if (!improved) break;
  }
  return p;
}

/**
 * Fits the USL to (N, throughput) points: at least three distinct N ≥ 1. Throws an Error naming
 * the bad point otherwise.
 */
export function fitUsl(points: readonly UslPoint[]): UslFit {
  points.forEach((q, i) => {
    if (!Number.isFinite(q.n) || q.n < 1)
      throw new Error(`point ${i}: N must be a number ≥ 1 (got ${q.n})`);
    if (!Number.isFinite(q.throughput) || q.throughput < 0)
      throw new Error(`point ${i}: throughput must be a number ≥ 0 (got ${q.throughput})`);
  });
  if (new Set(points.map((q) => q.n)).size < 3)
    throw new Error('the USL needs points at three or more different N');
  if (points.every((q) => q.throughput === 0)) throw new Error('every throughput is 0');
  const p = refine(points, start(points));
  const [lambda, sigma, kappa] = p;
  const mean = points.reduce((s, q) => s + q.throughput, 0) / points.length;
  const total = points.reduce((s, q) => s + (q.throughput - mean) ** 2, 0);
  const r2 = total > 0 ? 1 - sse(points, p) / total : 1;
  const nStar = kappa > 0 ? Math.sqrt((1 - sigma) / kappa) : Infinity;
  const peak =
    kappa > 0
      ? uslThroughput({ lambda, sigma, kappa }, nStar)
      : sigma > 0
        ? lambda / sigma
        : Infinity;
  return { lambda, sigma, kappa, nStar, peak, r2 };
}
