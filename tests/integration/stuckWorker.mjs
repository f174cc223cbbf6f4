// A stand-in engine worker for the watchdog tests: answers pings, and on run.start either spins
// for ever in one synchronous loop (as a run whose clock no longer advances did) or, for the run
// id "crash", exits.
import process from 'node:process';
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (m) => {
  if (m.type === 'ping')
    parentPort.postMessage({ type: 'pong', id: m.id, protocol: 1, engine: '0' });
  if (m.type !== 'run.start') return;
  if (m.runId === 'crash') process.exit(3);
  parentPort.postMessage({
    type: 'run.started',
    runId: m.runId,
    durationS: 60,
    scenario: 's',
    seed: 1,
  });
  for (;;);
});
