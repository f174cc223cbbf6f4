// Reads OTLP JSON (an export request, or the collector file exporter's NDJSON, one request per
// line) and Jaeger JSON (`{"data": [trace…]}` or one trace) from text chunks into a SpanStore.
import { JsonCutter, JsonSyntaxError, type Path } from './scan';
import { jaegerSpan, jaegerTags, otlpAttributes, otlpSpan, podOf } from './spanFields';
import type { SpanStore } from './store';

export class TraceInputError extends Error {}

export interface FileTally {
  file: string;
  format: 'otlp' | 'jaeger' | 'unknown';
  spans: number;
  /** Spans skipped because a field calibration needs is missing or wrong, by reason. */
  skipped: Record<string, number>;
  firstSkipped: string[];
}

const last = (p: Path, k: number) => p[p.length - k];
const isSpan = (p: Path) => last(p, 1) === '[]' && last(p, 2) === 'spans';
const isOtlp = (p: Path) => p.includes('scopeSpans') || p.includes('instrumentationLibrarySpans');
const isResource = (p: Path) => last(p, 1) === 'resource' && last(p, 2) === '[]';
const isProcesses = (p: Path) => last(p, 1) === 'processes';
const isOtlpGroup = (p: Path) => last(p, 1) === '[]' && last(p, 2) === 'resourceSpans';
/** A Jaeger trace object: a `data` element, or the top-level object. */
const isJaegerGroup = (p: Path) =>
  p.length === 1 || (p.length === 3 && last(p, 1) === '[]' && last(p, 2) === 'data');

/** Lines up to this long are parsed whole (NDJSON); a longer line goes through the cutter. */
export const MAX_LINE_CHARS = 8 * 1024 * 1024;

export class TraceReader {
  readonly tally: FileTally;
  private readonly cutter: JsonCutter;
  /**
   * `lines` while every line so far was a whole JSON value (the collector's NDJSON, or a small
   * file): each is parsed at once, the fastest way. Otherwise `cut`: the streaming cutter.
   */
  private mode: 'lines' | 'cut' = 'lines';
  /** The line read so far, in pieces (joined once its end comes). */
  private parts: string[] = [];
  private partsLength = 0;
  private lineNo = 0;
  private lineOffset = 0;
  private groupFrom = 0;
  private resource = { service: '', pod: '' };
  private processes = new Map<string, { service: string; pod: string }>();

  constructor(
    private readonly store: SpanStore,
    file: string,
  ) {
    this.tally = { file, format: 'unknown', spans: 0, skipped: {}, firstSkipped: [] };
    this.cutter = new JsonCutter({
      wants: (p) => isSpan(p) || isResource(p) || isProcesses(p),
      object: (p, text, offset) => this.object(p, text, offset),
      open: (p) => this.opened(p),
      close: (p) => this.closed(p),
    });
  }

  private opened(p: Path): void {
    if (isOtlpGroup(p) || isJaegerGroup(p)) {
      this.groupFrom = this.store.size;
      this.resource = { service: '', pod: '' };
      this.processes = new Map();
    }
  }

  private closed(p: Path): void {
    if (isOtlpGroup(p) || isJaegerGroup(p)) this.endGroup();
  }

  push(text: string): void {
    if (this.mode === 'cut') return this.cut(text);
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) break;
      const head = text.slice(from, nl);
      let line = head;
      if (this.parts.length > 0) {
        this.parts.push(head);
        line = this.parts.join('');
        this.parts = [];
        this.partsLength = 0;
      }
      if (!this.line(line, text.slice(nl + 1))) return;
      from = nl + 1;
    }
    if (from < text.length) {
      this.parts.push(text.slice(from));
      this.partsLength += text.length - from;
    }
    if (this.partsLength > MAX_LINE_CHARS) this.toCut();
  }

  /** One line in `lines` mode; false once the reader has switched to the cutter. */
  private line(text: string, rest: string, last = false): boolean {
    const at = this.lineOffset;
    this.lineOffset += text.length + 1;
    this.lineNo++;
    if (text.trim() === '') return true;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      if (this.lineNo === 1) {
        // Not one value per line (pretty-printed JSON): the cutter reads it all from the start.
        this.lineOffset = 0;
        this.mode = 'cut';
        this.cut(`${text}\n${rest}`);
        return false;
      }
      throw new TraceInputError(
        `${this.tally.file}: line ${this.lineNo} (character ${at.toLocaleString('en-US')}): not a whole JSON value: ${(e as Error).message}${last ? '; it is the last line: the file is truncated' : ''}`,
      );
    }
    this.walk([''], value, at);
    return true;
  }

  /** Leave `lines` mode: a line too long to hold; what is left goes through the cutter. */
  private toCut(): void {
    this.mode = 'cut';
    const rest = this.parts.join('');
    this.parts = [];
    this.partsLength = 0;
    this.cut(rest);
  }

  private cut(text: string): void {
    try {
      this.cutter.push(text);
    } catch (e) {
      throw this.wrap(e);
    }
  }

  /** A parsed value visited as the cutter would report it. */
  private walk(path: string[], value: unknown, offset: number): void {
    if (Array.isArray(value)) {
      path.push('[]');
      for (const v of value) if (typeof v === 'object' && v !== null) this.walk(path, v, offset);
      path.pop();
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    if (isSpan(path) || isResource(path) || isProcesses(path))
      return this.take(path, value, offset);
    this.opened(path);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (typeof v !== 'object' || v === null) continue;
      path.push(k);
      this.walk(path, v, offset);
      path.pop();
    }
    this.closed(path);
  }

  end(): FileTally {
    if (this.mode === 'lines' && this.partsLength > 0) {
      const last = this.parts.join('');
      this.parts = [];
      this.partsLength = 0;
      this.line(last, '', true);
    }
    try {
      this.cutter.end();
    } catch (e) {
      throw this.wrap(e);
    }
    if (this.tally.format === 'unknown')
      throw new TraceInputError(
        `${this.tally.file}: no spans found: neither OTLP JSON (resourceSpans[].scopeSpans[].spans[]) nor Jaeger JSON (data[].spans[])`,
      );
    return this.tally;
  }

  private wrap(e: unknown): Error {
    if (e instanceof JsonSyntaxError)
      return new TraceInputError(
        `${this.tally.file}: at character ${e.offset.toLocaleString('en-US')}: ${e.message}`,
      );
    return e as Error;
  }

  private object(p: Path, text: string, offset: number): void {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new TraceInputError(
        `${this.tally.file}: at character ${offset.toLocaleString('en-US')}: bad JSON in ${isSpan(p) ? 'a span' : p.join('.')}: ${(e as Error).message}`,
      );
    }
    this.take(p, value, offset);
  }

  private take(p: Path, value: unknown, offset: number): void {
    if (isSpan(p)) {
      const otlp = isOtlp(p);
      this.tally.format = otlp ? 'otlp' : 'jaeger';
      const s = otlp ? otlpSpan(value) : jaegerSpan(value);
      if (typeof s === 'string') {
        this.tally.skipped[s] = (this.tally.skipped[s] ?? 0) + 1;
        if (this.tally.firstSkipped.length < 5)
          this.tally.firstSkipped.push(`character ${offset.toLocaleString('en-US')}: ${s}`);
        return;
      }
      this.store.add(s);
      this.tally.spans++;
    } else if (isResource(p)) {
      const attrs = otlpAttributes((value as { attributes?: unknown }).attributes);
      const name = attrs.get('service.name');
      this.resource = { service: typeof name === 'string' ? name : '', pod: podOf(attrs) };
    } else if (isProcesses(p) && typeof value === 'object' && value !== null) {
      for (const [id, proc] of Object.entries(value as Record<string, unknown>)) {
        const pr = (proc ?? {}) as { serviceName?: unknown; tags?: unknown };
        this.processes.set(id, {
          service: typeof pr.serviceName === 'string' ? pr.serviceName : '',
          pod: podOf(jaegerTags(pr.tags)),
        });
      }
    }
  }

  private endGroup(): void {
    this.store.resolve(this.groupFrom, (key) => {
      const o = key === null ? this.resource : (this.processes.get(key) ?? this.resource);
      return { service: o.service || 'unknown_service', pod: o.pod };
    });
    this.groupFrom = this.store.size;
  }
}

/** Read one file's text chunks into the store. */
export async function readTraceChunks(
  store: SpanStore,
  file: string,
  chunks: AsyncIterable<string> | Iterable<string>,
): Promise<FileTally> {
  const r = new TraceReader(store, file);
  for await (const c of chunks) r.push(c);
  return r.end();
}
