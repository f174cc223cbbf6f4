// File › Import Traces off the page's thread: the files stream in here, and the whole
// calibration (parsing and the inference at its end, about a second at a million spans) runs
// here too, so the window keeps drawing. The answer is the calibrated document and its report,
// or the problem, with whether it was the input's (TraceInputError) or ours.
import { calibrate, TraceInputError, type CalibrationResult } from '../../../shared/traces/in';

export type TraceImportReply =
  { ok: true; result: CalibrationResult } | { ok: false; inputError: boolean; message: string };

/** Sent while reading: bytes of all the files read so far. */
export type TraceImportProgress = { readBytes: number };

let readBytes = 0;
let postedAt = 0;

/** Bytes read so far to the page, at most ten times a second. */
function count(n: number) {
  readBytes += n;
  const now = performance.now();
  if (now - postedAt < 100) return;
  postedAt = now;
  self.postMessage({ readBytes } satisfies TraceImportProgress);
}

/** A file's text in chunks, decoded as it streams (never whole in memory), its bytes counted. */
async function* textChunks(file: Blob): AsyncGenerator<string> {
  const counted = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
    transform(chunk, out) {
      count(chunk.byteLength);
      out.enqueue(chunk);
    },
  });
  const reader = file
    .stream()
    .pipeThrough(counted)
    .pipeThrough(new TextDecoderStream())
    .getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value;
  }
}

self.onmessage = async (e: MessageEvent<File[]>) => {
  let reply: TraceImportReply;
  try {
    const result = await calibrate(e.data.map((f) => ({ name: f.name, chunks: textChunks(f) })));
    reply = { ok: true, result };
  } catch (err) {
    reply = {
      ok: false,
      inputError: err instanceof TraceInputError,
      message: err instanceof Error ? err.message : String(err),
    };
  }
  self.postMessage(reply);
};
