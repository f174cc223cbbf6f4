// Talks to the engine through the platform and keeps the run slice up to date.
import { platform } from '../platform';
import { useStore } from '../store';
import type { FromHost } from '../../../shared/protocol';

let subscribed = false;
let counter = 0;

function onMessage(m: FromHost) {
  const { run, setRun } = useStore.getState();
  if ('runId' in m && m.runId !== undefined && m.runId !== run.id) return;
  switch (m.type) {
    case 'run.started':
      return setRun({ status: 'running', scenario: m.scenario, seed: m.seed, durationS: m.durationS });
    case 'run.progress':
      return setRun({ tS: m.tS, fraction: m.fraction, status: m.paused ? 'paused' : 'running' });
    case 'run.done':
      return setRun({ status: 'done', result: m.result, stopped: m.stopped, fraction: m.stopped ? run.fraction : 1 });
    case 'error':
      return setRun({ status: 'failed', error: { message: m.message, problems: m.problems ?? [] } });
    default:
      return undefined;
  }
}

function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  platform().engine.subscribe(onMessage);
}

export function startRun(options: { scenario?: string; mode?: 'batch' | 'live'; speed?: number } = {}) {
  ensureSubscribed();
  const { doc, resetRun } = useStore.getState();
  const runId = `run-${++counter}`;
  resetRun({ id: runId, status: 'starting' });
  platform().engine.send({
    type: 'run.start',
    runId,
    document: doc,
    options: {
      mode: options.mode ?? 'batch',
      ...(options.scenario ? { scenario: options.scenario } : {}),
      ...(options.speed !== undefined ? { speed: options.speed } : {}),
    },
  });
}

export function stopRun() {
  const { run } = useStore.getState();
  if (run.id && (run.status === 'running' || run.status === 'paused' || run.status === 'starting')) {
    platform().engine.send({ type: 'run.stop', runId: run.id });
  }
}

export function pauseRun(paused: boolean) {
  const { run } = useStore.getState();
  if (!run.id) return;
  platform().engine.send({ type: paused ? 'run.pause' : 'run.resume', runId: run.id });
}
