// The page's side of the parse worker: one worker, started on first use, answering requests by id.
// Where the page has no workers the text is parsed here, on the page.
import { parseOpenedText, type ParsedText } from './parseOpened';

interface Answer {
  id: number;
  parsed?: ParsedText;
}

let worker: Worker | null = null;
let counter = 0;
const pending = new Map<number, { resolve(p: ParsedText): void; reject(e: Error): void }>();

function failAll(message: string) {
  for (const p of pending.values()) p.reject(new Error(message));
  pending.clear();
  worker?.terminate();
  worker = null;
}

function start(): Worker {
  const w = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module' });
  w.onmessage = (e: MessageEvent<Answer>) => {
    const p = pending.get(e.data.id);
    pending.delete(e.data.id);
    if (p && e.data.parsed) p.resolve(e.data.parsed);
  };
  // The worker died (out of memory, a script that failed to load): every open in flight fails
  // with a message rather than waiting forever; the next open starts a fresh worker.
  w.onerror = (e) => {
    e.preventDefault();
    failAll(`the file could not be read: ${e.message || 'the parser stopped'}`);
  };
  return w;
}

/** The opened text parsed, checked and migrated, off the UI thread where the page has workers. */
export function parseInWorker(text: string): Promise<ParsedText> {
  if (typeof Worker === 'undefined') return Promise.resolve(parseOpenedText(text));
  worker ??= start();
  const id = ++counter;
  const w = worker;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ id, text });
  });
}
