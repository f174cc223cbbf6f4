// Seeded randomness. One generator per stream: sfc32 (Chris Doty-Humphrey's Small Fast Counter,
// PractRand-clean, 128-bit state) seeded through splitmix32. A stream is derived from the run's seed
// and a name (a node id, "timeline"), so adding a node never reshuffles another node's numbers.
import { cos, log } from './detMath';

/** FNV-1a, 32 bits: a stable hash of a stream name. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** One step of splitmix32: returns [next state, output]. */
function splitmix32(state: number): [number, number] {
  const s = (state + 0x9e3779b9) | 0;
  let t = s ^ (s >>> 16);
  t = Math.imul(t, 0x21f0aaad);
  t ^= t >>> 15;
  t = Math.imul(t, 0x735a2d97);
  t ^= t >>> 15;
  return [s, t >>> 0];
}

const TWO_POW_32 = 4294967296;

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed | 0;
    const out: number[] = [];
    for (let i = 0; i < 4; i++) {
      const [next, value] = splitmix32(s);
      s = next;
      out.push(value);
    }
    this.a = out[0] ?? 0;
    this.b = out[1] ?? 0;
    this.c = out[2] ?? 0;
    this.d = out[3] ?? 1;
    for (let i = 0; i < 15; i++) this.next();
  }

  /** The stream called `name` of the run seeded with `seed`. */
  static stream(seed: number, name: string): Rng {
    const [, mixed] = splitmix32(seed >>> 0);
    return new Rng((mixed ^ hashString(name)) >>> 0);
  }

  /** Uniform in [0, 1). */
  next(): number {
    const a = this.a;
    const b = this.b;
    const c = this.c;
    const d = this.d;
    const t = (((a + b) | 0) + d) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = (((c << 21) | (c >>> 11)) + t) | 0;
    this.d = (d + 1) | 0;
    return (t >>> 0) / TWO_POW_32;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * log(1 - this.next());
  }

  /** Standard normal (Box–Muller, two uniforms per sample, no cached spare). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * log(u)) * cos(2 * Math.PI * v);
  }

  /** Lower-case letters and digits, as Kubernetes uses in generated names. */
  suffix(length: number): string {
    const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[this.int(alphabet.length)] ?? 'x';
    return out;
  }
}
