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

export class TraceReader {
  readonly tally: FileTally;
  private readonly cutter: JsonCutter;
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
      open: (p) => {
        if (isOtlpGroup(p) || isJaegerGroup(p)) {
          this.groupFrom = this.store.size;
          this.resource = { service: '', pod: '' };
          this.processes = new Map();
        }
      },
      close: (p) => {
        if (isOtlpGroup(p) || isJaegerGroup(p)) this.endGroup();
      },
    });
  }

  push(text: string): void {
    try {
      this.cutter.push(text);
    } catch (e) {
      throw this.wrap(e);
    }
  }

  end(): FileTally {
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
