// PNG text chunks: an exported picture carries the document (a tEXt chunk, keyword "archlab"), so
// it can be opened again for editing, as draw.io does with its "mxfile" chunk. Pure: bytes in,
// bytes out. The JSON is kept ASCII (non-ASCII as \uXXXX escapes), as tEXt is Latin-1.
import type { ArchDocument } from '../model';
import { loadDocument, type LoadResult } from '../model';

export const PNG_KEYWORD = 'archlab';
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let table: Uint32Array | null = null;
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = (table[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(bytes: Uint8Array): boolean {
  return SIGNATURE.every((b, i) => bytes[i] === b);
}

interface Chunk {
  type: string;
  start: number;
  dataStart: number;
  length: number;
}

function chunks(bytes: Uint8Array): Chunk[] {
  if (!isPng(bytes)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out: Chunk[] = [];
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    out.push({ type, start: at, dataStart: at + 8, length });
    at += 12 + length;
    if (type === 'IEND') break;
  }
  return out;
}

/** Width and height in pixels, from the IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (!isPng(bytes)) throw new Error('not a PNG file');
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const latin1 = (s: string) => Uint8Array.from(s, (ch) => ch.charCodeAt(0) & 0xff);
const asciiJson = (s: string) =>
  s.replace(/[^\x20-\x7e\n]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** The PNG with a tEXt chunk `keyword`=`text` before IEND (replacing one of the same keyword). */
export function withPngText(bytes: Uint8Array, keyword: string, text: string): Uint8Array {
  const list = chunks(bytes);
  const body = latin1(`${keyword}\0${asciiJson(text)}`);
  const chunk = new Uint8Array(12 + body.length);
  const view = new DataView(chunk.buffer);
  view.setUint32(0, body.length);
  chunk.set(latin1('tEXt'), 4);
  chunk.set(body, 8);
  view.setUint32(8 + body.length, crc32(chunk.subarray(4, 8 + body.length)));
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  for (const c of list) {
    const whole = bytes.subarray(c.start, c.dataStart + c.length + 4);
    if (c.type === 'tEXt' && textOf(bytes, c)?.keyword === keyword) continue;
    if (c.type === 'IEND') parts.push(chunk);
    parts.push(whole);
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function textOf(bytes: Uint8Array, c: Chunk): { keyword: string; text: string } | null {
  const data = bytes.subarray(c.dataStart, c.dataStart + c.length);
  const zero = data.indexOf(0);
  if (zero < 0) return null;
  const str = (a: Uint8Array) => Array.from(a, (b) => String.fromCharCode(b)).join('');
  return { keyword: str(data.subarray(0, zero)), text: str(data.subarray(zero + 1)) };
}

/** The text of the tEXt chunk `keyword`, or null. */
export function pngText(bytes: Uint8Array, keyword: string): string | null {
  for (const c of chunks(bytes))
    if (c.type === 'tEXt') {
      const t = textOf(bytes, c);
      if (t?.keyword === keyword) return t.text;
    }
  return null;
}

export function pngWithDocument(bytes: Uint8Array, doc: ArchDocument): Uint8Array {
  return withPngText(bytes, PNG_KEYWORD, JSON.stringify(doc));
}

/** The document embedded in an exported PNG. */
export function fromPng(bytes: Uint8Array): LoadResult {
  const text = isPng(bytes) ? pngText(bytes, PNG_KEYWORD) : null;
  if (text === null)
    return {
      ok: false,
      problems: [
        {
          path: '(document)',
          message:
            'has no ArchLab document in it: the picture was not exported by ArchLab, or an editor removed its text chunks',
        },
      ],
    };
  return loadDocument(text);
}
