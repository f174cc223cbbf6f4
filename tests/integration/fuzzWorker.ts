// The fuzz test's worker (fuzz.test.ts): runs `archlab run` on each document it is sent, under the
// memory limit its parent gave the thread, and answers with the exit status, stderr and the files
// left in the case's folder.
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parentPort } from 'node:worker_threads';
import { runCommand, type Output } from '../../electron/node/cli/commands';

export interface FuzzAnswer {
  code: number;
  stderr: string;
  files: string[];
  /** The JSON result file parsed whole (null when none was written). */
  jsonOk: boolean | null;
}

const port = parentPort;
if (!port) throw new Error('fuzzWorker must run in a worker thread');

port.on('message', async (text: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'archlab-fuzz-'));
  const file = path.join(dir, 'doc.archlab.json');
  writeFileSync(file, text);
  let stderr = '';
  const io: Output = {
    out: () => {},
    err: (t) => void (stderr += t),
    tty: false,
    now: () => performance.now(),
  };
  const out = path.join(dir, 'out.json');
  const code = await runCommand(file, { json: out, memoryBudget: 64 }, io);
  const files = readdirSync(dir).sort();
  let jsonOk: boolean | null = null;
  if (files.includes('out.json')) {
    try {
      JSON.parse(readFileSync(out, 'utf8'));
      jsonOk = true;
    } catch {
      jsonOk = false;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  port.postMessage({ code, stderr, files, jsonOk } satisfies FuzzAnswer);
});
