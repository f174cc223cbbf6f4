// A client's request rate over time: the base `rps`, then each traffic shape in order.
//  step   from atS on, the rate is `rps`
//  ramp   from fromS to toS, the rate moves linearly to `toRps`, and stays there
//  spike  during [atS, atS + forS) the rate is multiplied by `factor`
//  sine   the rate is multiplied by 1 + amplitude · sin(2π t / periodS)
//  trace  the rate is the CSV's `t,rps` value in force at t (piecewise constant; 0 before the first)
// A time-varying Poisson stream is drawn by thinning (Lewis–Shedler) against an upper bound of the
// rate in each simulated second (maxRateIn), so the candidates drawn in a second are about as many
// as the arrivals of its busiest instant, however low the rate falls elsewhere in the run.
import { MAX_RPS, type TrafficShape } from '../model';
import type { Problem } from '../protocol';
import { sin } from './detMath';

type Compiled =
  | { shape: 'step'; atS: number; rps: number }
  | { shape: 'ramp'; fromS: number; toS: number; toRps: number }
  | { shape: 'spike'; atS: number; forS: number; factor: number }
  | { shape: 'sine'; periodS: number; amplitude: number }
  | { shape: 'trace'; t: number[]; rps: number[] };

export class Traffic {
  /** An upper bound of the rate over the whole run (requests/s). */
  maxRps = 0;
  /** Evenly spaced arrivals instead of Poisson. */
  constant = false;
  constructor(
    /** The client's own rate, which the shapes start from (set-rps changes it during a run). */
    public baseRps: number,
    private readonly shapes: Compiled[],
  ) {
    this.maxRps = this.boundFor(baseRps);
  }

  /** An upper bound of the rate over the whole run were the base rate `baseRps`. */
  boundFor(baseRps: number): number {
    let max = baseRps;
    for (const s of this.shapes) {
      if (s.shape === 'step') max = Math.max(max, s.rps);
      else if (s.shape === 'ramp') max = Math.max(max, s.toRps);
      else if (s.shape === 'spike') max = max * Math.max(1, s.factor);
      else if (s.shape === 'sine') max = max * (1 + s.amplitude);
      else for (const r of s.rps) max = Math.max(max, r);
    }
    return max;
  }

  /** The base rate becomes `rps` (a live set-rps); the shapes go on acting on it. */
  setBase(rps: number): void {
    this.baseRps = rps;
    this.maxRps = this.boundFor(rps);
  }

  get shaped(): boolean {
    return this.shapes.length > 0;
  }

  /** Rate at simulated second t (requests/s). */
  rateAt(t: number): number {
    let rate = this.baseRps;
    for (const s of this.shapes) {
      switch (s.shape) {
        case 'step':
          if (t >= s.atS) rate = s.rps;
          break;
        case 'ramp':
          if (t >= s.toS) rate = s.toRps;
          else if (t >= s.fromS) rate += ((s.toRps - rate) * (t - s.fromS)) / (s.toS - s.fromS);
          break;
        case 'spike':
          if (t >= s.atS && t < s.atS + s.forS) rate *= s.factor;
          break;
        case 'sine':
          rate *= 1 + s.amplitude * sin((2 * Math.PI * t) / s.periodS);
          break;
        case 'trace': {
          const i = lastAtOrBefore(s.t, t);
          rate = i < 0 ? 0 : (s.rps[i] as number);
          break;
        }
      }
    }
    return Math.max(0, rate);
  }

  /** An upper bound of the rate over the simulated seconds [a, b) (requests/s). */
  maxRateIn(a: number, b: number): number {
    let hi = this.baseRps;
    for (const s of this.shapes) {
      switch (s.shape) {
        case 'step':
          if (a >= s.atS) hi = s.rps;
          else if (b > s.atS) hi = Math.max(hi, s.rps);
          break;
        case 'ramp':
          // Between the rate before and toRps while it moves.
          if (a >= s.toS) hi = s.toRps;
          else if (b > s.fromS) hi = Math.max(hi, s.toRps);
          break;
        case 'spike':
          if (a < s.atS + s.forS && b > s.atS) hi *= Math.max(1, s.factor);
          break;
        case 'sine':
          hi *= 1 + s.amplitude;
          break;
        case 'trace': {
          let i = lastAtOrBefore(s.t, a);
          let v = i < 0 ? 0 : (s.rps[i] as number);
          for (i++; i < s.t.length && (s.t[i] as number) < b; i++)
            v = Math.max(v, s.rps[i] as number);
          hi = v;
          break;
        }
      }
    }
    return Math.max(0, hi);
  }
}

/** Index of the last time ≤ t in an increasing list, or −1. */
function lastAtOrBefore(times: number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((times[mid] as number) <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Compile a client's shapes; problems name `${path}.shapes[i]…`. */
export function compileTraffic(
  baseRps: number,
  shapes: TrafficShape[],
  path: string,
  problems: Problem[],
): Traffic {
  const out: Compiled[] = [];
  shapes.forEach((s, i) => {
    const at = `${path}.shapes[${i}]`;
    if (s.shape === 'ramp' && s.toS <= s.fromS) {
      problems.push({ path: `${at}.toS`, message: 'must be after fromS' });
      return;
    }
    if (s.shape !== 'trace') {
      out.push(s);
      return;
    }
    const t: number[] = [];
    const rps: number[] = [];
    const lines = s.csv.split(/\r?\n/);
    for (let k = 0; k < lines.length; k++) {
      const line = (lines[k] as string).trim();
      if (line === '' || line.startsWith('#') || (k === 0 && /^[a-z]/i.test(line))) continue;
      const [a, b, extra] = line.split(',');
      const ts = Number(a);
      const r = Number(b);
      if (extra !== undefined || !Number.isFinite(ts) || !Number.isFinite(r) || ts < 0 || r < 0) {
        problems.push({
          path: `${at}.csv`,
          message: `line ${k + 1}: expected "t,rps", got "${line}"`,
        });
        return;
      }
      if (r > MAX_RPS) {
        problems.push({
          path: `${at}.csv`,
          message: `line ${k + 1}: ${r} requests/s is above the most a client may send (${MAX_RPS.toLocaleString('en-US')})`,
        });
        return;
      }
      if (t.length > 0 && ts <= (t[t.length - 1] as number)) {
        problems.push({ path: `${at}.csv`, message: `line ${k + 1}: times must increase` });
        return;
      }
      t.push(ts);
      rps.push(r);
    }
    if (t.length === 0) {
      problems.push({ path: `${at}.csv`, message: 'no "t,rps" lines' });
      return;
    }
    out.push({ shape: 'trace', t, rps });
  });
  const traffic = new Traffic(baseRps, out);
  if (traffic.maxRps > MAX_RPS) {
    problems.push({
      path: `${path}.shapes`,
      message:
        `the shapes can raise the rate to ${Math.round(traffic.maxRps).toLocaleString('en-US')} ` +
        `requests/s; a client sends at most ${MAX_RPS.toLocaleString('en-US')}`,
    });
  }
  return traffic;
}
