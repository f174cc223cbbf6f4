// Talks to the engine through the platform and keeps the run slice and the live store up to date.
import type { Chunk, RunResult } from '../../../shared/engine';
import type { FromHost, LiveCommand } from '../../../shared/protocol';
import { platform } from '../platform';
import { useStore } from '../store';
import { onDocumentReplaced } from '../store/documentSlice';
import { isActive, shownRun } from '../store/runSelectors';
import { installLiveEdits } from './liveEdits';
import { useLive } from './liveStore';
import { useRunPrefs } from './runPrefs';

let subscribed = false;
let counter = 0;

function onMessage(m: FromHost) {
  const { run, setRun } = useStore.getState();
  if ('runId' in m && m.runId !== undefined && m.runId !== run.id) return;
  switch (m.type) {
    case 'run.started':
      return setRun({
        status: 'running',
        scenario: m.scenario,
        seed: m.seed,
        durationS: m.durationS,
      });
    case 'run.progress':
      return setRun({ tS: m.tS, fraction: m.fraction, status: m.paused ? 'paused' : 'running' });
    case 'run.chunk':
      return useLive.getState().append(m.chunk as Chunk);
    case 'run.done': {
      // The host sends the engine's RunResult; the protocol carries it untyped.
      const result = m.result as RunResult;
      useLive.getState().complete(result);
      return useStore.getState().finishRun(result, m.stopped);
    }
    case 'error':
      if (m.code === 'E_BAD_COMMAND') {
        const detail = (m.problems ?? []).map((p) => p.message).join('; ');
        return useStore
          .getState()
          .showToast(detail ? `${m.message}: ${detail}` : m.message, 'error');
      }
      return setRun({
        status: 'failed',
        error: { message: m.message, problems: m.problems ?? [] },
      });
    default:
      return undefined;
  }
}

function ensureSubscribed() {
  if (subscribed) return;
  subscribed = true;
  platform().engine.subscribe(onMessage);
}

let installed = false;

/**
 * Edits during a run reach it as live commands (liveEdits.ts). When the document is replaced, the run in progress (of the old document) stops, and the live
 * view (charts, events, pods on the canvas) shows the new document's last run, or nothing.
 */
export function installRunView() {
  if (installed) return;
  installed = true;
  installLiveEdits(sendLiveCommand);
  onDocumentReplaced(({ runId, active }) => {
    if (runId && active) platform().engine.send({ type: 'run.stop', runId });
    const live = useLive.getState();
    live.reset();
    const shown = shownRun(useStore.getState());
    if (shown) live.complete(shown.result);
  });
}

/** Run the chosen scenario (Run / F5), batch or paced live, as the run preferences say. */
export function startRun() {
  ensureSubscribed();
  const { doc, docVersion, resetRun } = useStore.getState();
  const prefs = useRunPrefs.getState();
  const scenario =
    prefs.scenario && doc.scenarios.some((s) => s.name === prefs.scenario)
      ? prefs.scenario
      : undefined;
  const runId = `run-${++counter}`;
  useLive.getState().reset();
  resetRun({ id: runId, status: 'starting', doc, docVersion });
  platform().engine.send({
    type: 'run.start',
    runId,
    document: doc,
    options: {
      mode: prefs.mode,
      speed: prefs.speed,
      ...(scenario ? { scenario } : {}),
    },
  });
}

export function stopRun() {
  const { run } = useStore.getState();
  if (run.id && isActive(run.status)) platform().engine.send({ type: 'run.stop', runId: run.id });
}

export function pauseRun(paused: boolean) {
  const { run } = useStore.getState();
  if (!run.id || !isActive(run.status)) return;
  platform().engine.send({ type: paused ? 'run.pause' : 'run.resume', runId: run.id });
}

/** Change the pace of a live run while it goes (and of the next run). */
export function setRunSpeed(speed: number) {
  useRunPrefs.getState().setSpeed(speed);
  const { run } = useStore.getState();
  if (run.id && isActive(run.status))
    platform().engine.send({ type: 'run.speed', runId: run.id, speed });
}

/** A live action on the running simulation (kill a pod, cut a link, …). */
export function sendLiveCommand(command: LiveCommand) {
  const { run } = useStore.getState();
  if (run.id && isActive(run.status)) {
    platform().engine.send({ type: 'run.command', runId: run.id, command });
  }
}
