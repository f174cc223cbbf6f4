// What a pod's process does, so users see why each probe exists: `hang` (alive, requests stall,
// HTTP/exec probes time out, yet TCP connects — the kernel still accepts), `crash-on-start`
// (exits after a moment), `leak` (slower with age until liveness times out), `slow-warmup`
// (refuses connections while warming up), `unready` (health endpoint answers 503).
import type { ProbeAnswer, ProbeHandler } from './probes';

export type PodBehaviour =
  | { kind: 'healthy' }
  | { kind: 'hang'; afterS: number }
  | { kind: 'crash-on-start'; afterS: number }
  | { kind: 'leak'; msPerS: number }
  | { kind: 'slow-warmup'; warmupS: number }
  | { kind: 'unready' };

/** Time a healthy process takes to answer a probe. */
export const PROBE_LATENCY_MS = 1;

const OK: ProbeAnswer = {
  afterMs: PROBE_LATENCY_MS,
  httpStatus: 200,
  connected: true,
  exitCode: 0,
};
const REFUSED: ProbeAnswer = { afterMs: PROBE_LATENCY_MS, connected: false, exitCode: 1 };

/** How the container at `ageMs` since its start answers a probe by `handler`. */
export function probeAnswer(b: PodBehaviour, handler: ProbeHandler, ageMs: number): ProbeAnswer {
  switch (b.kind) {
    case 'healthy':
      return OK;
    case 'hang':
      if (ageMs < b.afterS * 1000 || handler === 'tcpSocket') return OK;
      return { ...OK, afterMs: Infinity };
    case 'crash-on-start':
      return REFUSED;
    case 'leak':
      if (handler === 'tcpSocket') return OK;
      return { ...OK, afterMs: PROBE_LATENCY_MS + (b.msPerS * ageMs) / 1000 };
    case 'slow-warmup':
      return ageMs < b.warmupS * 1000 ? REFUSED : OK;
    case 'unready':
      return handler === 'tcpSocket' ? OK : { ...OK, httpStatus: 503, exitCode: 1 };
  }
}

/** When the container exits on its own, after its start (crash-on-start), else Infinity. */
export function exitAfterMs(b: PodBehaviour): number {
  return b.kind === 'crash-on-start' ? b.afterS * 1000 : Infinity;
}

/** Whether SIGTERM ends the process (a hung one waits for SIGKILL at the grace period's end). */
export function honoursSigterm(b: PodBehaviour, ageMs: number): boolean {
  return !(b.kind === 'hang' && ageMs >= b.afterS * 1000);
}
