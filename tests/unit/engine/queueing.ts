// Queueing theory of docs/semantics.md §3, for checking the engine's figures. Rates per second,
// times in milliseconds.

/** Erlang C: probability that an arrival waits in an M/M/c queue with offered load a = λ/μ. */
export function erlangC(c: number, a: number): number {
  const rho = a / c;
  let term = 1;
  let sum = 1; // Σ_{k<c} a^k / k!
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = ((term * a) / c) * (1 / (1 - rho)); // a^c / c! · 1/(1−ρ)
  return last / (sum + last);
}

/** M/M/c mean response time W (ms). */
export function mmcResponseMs(lambda: number, mu: number, c: number): number {
  const wq = erlangC(c, lambda / mu) / (c * mu - lambda);
  return (wq + 1 / mu) * 1000;
}

/** M/M/c mean wait in queue Wq (ms). */
export function mmcWaitMs(lambda: number, mu: number, c: number): number {
  return (erlangC(c, lambda / mu) / (c * mu - lambda)) * 1000;
}

/** M/D/1 mean response time by Pollaczek–Khinchine (ms). */
export function md1ResponseMs(lambda: number, mu: number): number {
  const rho = lambda / mu;
  return (rho / (2 * mu * (1 - rho)) + 1 / mu) * 1000;
}

export const relErr = (measured: number, expected: number) =>
  Math.abs(measured - expected) / expected;
