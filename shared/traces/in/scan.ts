// A streaming JSON cutter: it reads text in chunks, follows the nesting (objects, arrays, keys,
// strings) and hands over whole objects at the places a reader asks for, as text for JSON.parse.
// Only those objects are parsed; the rest of the file is walked once and dropped, so memory
// holds one chunk and the object being cut, never the file.

/** Where a value sits: the keys from the top, `[]` for an array element. */
export type Path = readonly string[];

export interface CutterHandlers {
  /** Should the object starting at `path` be cut out whole? */
  wants(path: Path): boolean;
  /** A cut-out object: its text and the character offset where it starts. */
  object(path: Path, text: string, offset: number): void;
  /** An object not cut out opens (`open`) or closes. */
  open?(path: Path): void;
  close?(path: Path): void;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Largest single object cut out; a span is a few hundred characters. */
export const MAX_OBJECT_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COLON = 58;
const COMMA = 44;
const INTERESTING = /["{}[\]]/g;

export class JsonCutter {
  private buf = '';
  private pos = 0;
  /** Absolute offset of buf[0]. */
  private base = 0;
  private readonly keys: string[] = [];
  /** Per open container: true for an object. */
  private readonly isObject: boolean[] = [];
  private expectKey = false;
  private pendingKey = '';
  private strStart = -1;
  private capStart = -1;
  private capDepth = 0;
  /** Inside a cut-out object, within a string: where its content starts; else -1. */
  private capString = -1;
  private topValues = 0;

  constructor(private readonly h: CutterHandlers) {}

  /** Feed the next piece of text. */
  push(chunk: string): void {
    this.buf += chunk;
    this.scan();
    const keep = this.capStart >= 0 ? this.capStart : this.strStart >= 0 ? this.strStart : this.pos;
    if (keep > 0) {
      this.buf = this.buf.slice(keep);
      this.base += keep;
      this.pos -= keep;
      if (this.capStart >= 0) this.capStart -= keep;
      if (this.strStart >= 0) this.strStart -= keep;
      if (this.capString >= 0) this.capString -= keep;
    }
    if (this.capStart >= 0 && this.buf.length > MAX_OBJECT_CHARS)
      throw new JsonSyntaxError(
        `an object at ${this.where()} is larger than ${MAX_OBJECT_CHARS / 1024 / 1024} MB`,
        this.base + this.capStart,
      );
  }

  /** The input is complete: throws when it ended inside a value. */
  end(): { values: number } {
    if (this.capStart >= 0 || this.strStart >= 0 || this.keys.length > 0)
      throw new JsonSyntaxError(
        `the JSON ends early, inside ${this.where()}: the file is truncated`,
        this.base + this.buf.length,
      );
    if (this.buf.slice(this.pos).trim() !== '')
      throw new JsonSyntaxError('unexpected text at the end', this.base + this.pos);
    return { values: this.topValues };
  }

  /** Characters read so far. */
  get offset(): number {
    return this.base + this.pos;
  }

  private where(): string {
    const p: string[] = [];
    for (const k of this.keys) {
      if (k === '') continue;
      p.push(k === '[]' ? '[…]' : p.length === 0 ? k : `.${k}`);
    }
    return p.length === 0 ? 'the top level' : p.join('');
  }

  private scan(): void {
    const buf = this.buf;
    let i = this.pos;
    const n = buf.length;
    while (i < n) {
      if (this.capStart >= 0) {
        i = this.scanCapture(i);
        if (this.capStart >= 0) break;
        continue;
      }
      if (this.strStart >= 0) {
        const e = stringEnd(buf, this.strStart + 1);
        if (e < 0) {
          i = n;
          break;
        }
        if (this.expectKey && this.isObject[this.isObject.length - 1]) {
          const raw = buf.slice(this.strStart, e + 1);
          this.pendingKey = raw.includes('\\') ? (JSON.parse(raw) as string) : raw.slice(1, -1);
          this.expectKey = false;
        }
        this.strStart = -1;
        i = e + 1;
        continue;
      }
      const c = buf.charCodeAt(i);
      if (c === QUOTE) {
        this.strStart = i;
        i++;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) {
        const top = this.isObject.length;
        const key = top === 0 ? '' : this.isObject[top - 1] ? this.pendingKey : '[]';
        if (top === 0) this.topValues++;
        this.keys.push(key);
        if (c === OPEN_OBJ && this.h.wants(this.keys)) {
          this.capStart = i;
          this.capDepth = 1;
          this.capString = -1;
          i++;
          continue;
        }
        this.isObject.push(c === OPEN_OBJ);
        this.expectKey = c === OPEN_OBJ;
        if (c === OPEN_OBJ) this.h.open?.(this.keys);
        i++;
      } else if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        const top = this.isObject.length;
        if (top === 0 || this.isObject[top - 1] !== (c === CLOSE_OBJ))
          throw new JsonSyntaxError(
            `unexpected "${String.fromCharCode(c)}" in ${this.where()}`,
            this.base + i,
          );
        if (c === CLOSE_OBJ) this.h.close?.(this.keys);
        this.isObject.pop();
        this.keys.pop();
        this.expectKey = false;
        i++;
      } else {
        if (c === COMMA) this.expectKey = this.isObject[this.isObject.length - 1] === true;
        else if (c === COLON) this.expectKey = false;
        i++;
      }
    }
    this.pos = i;
  }

  /** Inside a cut-out object: find its end; returns where scanning stopped. */
  private scanCapture(from: number): number {
    const buf = this.buf;
    let i = from;
    if (this.capString >= 0) {
      const e = stringEnd(buf, this.capString);
      if (e < 0) return buf.length;
      this.capString = -1;
      i = e + 1;
    }
    INTERESTING.lastIndex = i;
    for (;;) {
      // test() moves lastIndex past the match without building a match array (exec would, once
      // for every quote and bracket of the file).
      if (!INTERESTING.test(buf)) return buf.length;
      const j = INTERESTING.lastIndex - 1;
      const c = buf.charCodeAt(j);
      if (c === QUOTE) {
        const e = stringEnd(buf, j + 1);
        if (e < 0) {
          this.capString = j + 1;
          return buf.length;
        }
        INTERESTING.lastIndex = e + 1;
      } else if (c === OPEN_OBJ || c === OPEN_ARR) this.capDepth++;
      else if (--this.capDepth === 0) {
        const start = this.capStart;
        this.capStart = -1;
        this.h.object(this.keys, buf.slice(start, j + 1), this.base + start);
        this.keys.pop();
        return j + 1;
      }
    }
  }
}

/** Index of the quote closing a string whose content starts at `from`, or -1 if not in `s`. */
function stringEnd(s: string, from: number): number {
  let i = from;
  for (;;) {
    const q = s.indexOf('"', i);
    if (q < 0) return -1;
    let b = 0;
    for (let k = q - 1; k >= from && s.charCodeAt(k) === BACKSLASH; k--) b++;
    if (b % 2 === 0) return q;
    i = q + 1;
  }
}
