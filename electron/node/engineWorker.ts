// The engine in a worker thread (desktop edition): protocol messages in, protocol messages out.
import { parentPort } from 'node:worker_threads';
import { createSession } from '../../shared/host/session';
import { createSimulation, ENGINE_VERSION } from '../../shared/engine';
import { nodeClock } from './clock';

const port = parentPort;
if (!port) throw new Error('engineWorker must run in a worker thread');

const session = createSession({
  send: (message) => port.postMessage(message),
  clock: nodeClock,
  createSimulation,
  engineVersion: ENGINE_VERSION,
});
port.on('message', (raw: unknown) => session.handle(raw));
