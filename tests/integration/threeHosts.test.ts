// Same document + scenario + seed ⇒ the same result, byte for byte, in the CLI and the worker
// thread (the Web Worker is compared with the worker thread in tests/e2e/webWorkerHost.test.ts).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FromHost } from '../../shared/protocol';
import { tinyDoc } from '../fixtures/protocolCases';
import { collect, nodeHost } from './hostDriver';

const host = nodeHost();
afterAll(() => host.terminate());

function cliResult(file: string, args: string[] = []): string {
  return execFileSync(
    process.execPath,
    ['--import', 'tsx', 'electron/node/cli/main.ts', 'run', file, '--json', '-', ...args],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
}

async function workerResult(document: unknown, options: Record<string, unknown> = {}) {
  const answers = await collect(host, {
    name: 'run',
    messages: [{ type: 'run.start', runId: `r${Math.random()}`, document, options }],
    endsOn: ['run.done', 'error'],
  });
  const done = answers.at(-1) as Extract<FromHost, { type: 'run.done' }>;
  return done.result;
}

describe('the CLI and the worker thread', () => {
  it('give the same bytes for the same document and seed', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'archlab-hosts-'));
    const file = path.join(dir, 'tiny.archlab.json');
    writeFileSync(file, JSON.stringify(tinyDoc));
    const fromCli = JSON.parse(cliResult(file)) as unknown;
    const fromWorker = await workerResult(tinyDoc);
    expect(JSON.stringify(fromCli)).toBe(JSON.stringify(fromWorker));
  });

  it('give the same bytes for a sample with every kind of hop', async () => {
    const file = 'assets/samples/web-shop.archlab.json';
    const doc = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    const fromCli = cliResult(file, ['--seed', '42', '--duration', '20']);
    const fromWorker = await workerResult(doc, { seed: 42, durationS: 20 });
    expect(JSON.stringify(JSON.parse(fromCli))).toBe(JSON.stringify(fromWorker));
  });

  it('differ when the seed differs', async () => {
    const a = await workerResult(tinyDoc, { seed: 1 });
    const b = await workerResult(tinyDoc, { seed: 2 });
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(b));
  });
});
