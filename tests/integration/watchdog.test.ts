// The desktop engine host's watchdog: a worker stuck in a run, or one that exits, is replaced by a
// fresh one, and the run it held fails with a message that says so.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineHost } from '../../electron/node/engineHost';
import type { FromHost } from '../../shared/protocol';

type ErrorMessage = Extract<FromHost, { type: 'error' }>;
const isError = (m: FromHost): m is ErrorMessage => m.type === 'error';
const isPong = (m: FromHost): m is Extract<FromHost, { type: 'pong' }> => m.type === 'pong';

let host: EngineHost;
afterEach(async () => {
  await host.terminate();
});

const stuckHost = () =>
  new EngineHost({
    workerPath: path.resolve('tests/integration/stuckWorker.mjs'),
    watchdog: { pingEveryMs: 100, stuckAfterMs: 1000 },
  });

describe('the engine host watchdog', () => {
  it('restarts a worker stuck in a run and fails that run with the reason', async () => {
    host = stuckHost();
    const failed = host.next(isError, 10_000);
    host.send({ type: 'run.start', runId: 'r1', document: {} });
    const error = await failed;
    expect(error).toMatchObject({ code: 'E_ENGINE_RESTARTED', runId: 'r1' });
    expect(error.message).toMatch(
      /^The engine did not answer for \d+ s during this run, so it was stopped and started again\./,
    );
    expect(host.restarts).toBe(1);
    // The new worker serves.
    const pong = host.next(isPong, 10_000);
    host.send({ type: 'ping', id: 7 });
    expect((await pong).id).toBe(7);
  });

  it('restarts a worker that exits and says so', async () => {
    host = stuckHost();
    const failed = host.next(isError, 10_000);
    host.send({ type: 'run.start', runId: 'crash', document: {} });
    expect(await failed).toMatchObject({
      code: 'E_ENGINE_RESTARTED',
      runId: 'crash',
      message: expect.stringMatching(/^The engine stopped unexpectedly \(exit code 3\) during/),
    });
    const pong = host.next(isPong, 10_000);
    host.send({ type: 'ping', id: 8 });
    expect((await pong).id).toBe(8);
  });

  it('leaves a worker that answers alone, and passes on none of its own pings', async () => {
    host = stuckHost();
    const seen: FromHost[] = [];
    host.onMessage((m) => seen.push(m));
    await new Promise((r) => setTimeout(r, 1500));
    expect(host.restarts).toBe(0);
    expect(seen).toEqual([]);
  });
});
