// Kubelet probes, after pkg/kubelet/prober (worker.go doProbe, prober.go runProbe) and the
// Kubernetes docs "Configure Liveness, Readiness and Startup Probes". A worker probes on a grid:
// first at container start + initialDelaySeconds, then every periodSeconds (the docs' timing; in a
// real kubelet the grid's phase is that of the worker's ticker). A probe that has not answered
// within timeoutSeconds fails. The result flips only after successThreshold successes or
// failureThreshold failures in a row.

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
export type ProbeHandler = 'httpGet' | 'tcpSocket' | 'exec' | 'grpc';

export interface ProbeSpec {
  handler: ProbeHandler;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
}

/** What the container does with one probe: answers after `afterMs` (Infinity: never). */
export interface ProbeAnswer {
  afterMs: number;
  /** httpGet: the status code; tcpSocket: whether the connection is accepted; exec: exit code. */
  httpStatus?: number;
  connected: boolean;
  exitCode?: number;
}

export interface ProbeVerdict {
  ok: boolean;
  /** The kubelet's output, as it appears in the Unhealthy event. */
  output: string;
  /** When the verdict is known, after the probe started. */
  afterMs: number;
}

/** prober.runProbe: httpGet 200–399, tcpSocket connected, exec exit 0, grpc SERVING; too slow → failure. */
export function judge(handler: ProbeHandler, a: ProbeAnswer, timeoutSeconds: number): ProbeVerdict {
  const timeoutMs = timeoutSeconds * 1000;
  if (a.afterMs > timeoutMs) {
    const output =
      handler === 'httpGet'
        ? 'Get "http://pod:8080/healthz": context deadline exceeded (Client.Timeout exceeded while awaiting headers)'
        : handler === 'tcpSocket'
          ? 'dial tcp pod:8080: i/o timeout'
          : handler === 'grpc'
            ? `timeout: health rpc did not complete within ${timeoutSeconds}s`
            : `command timed out after ${timeoutSeconds}s`;
    return { ok: false, output, afterMs: timeoutMs };
  }
  const refused = 'dial tcp pod:8080: connect: connection refused';
  if (!a.connected && handler !== 'exec') {
    const output =
      handler === 'httpGet'
        ? `Get "http://pod:8080/healthz": ${refused}`
        : handler === 'grpc'
          ? `timeout: failed to connect service "pod:8080" within ${timeoutSeconds}s: ${refused}`
          : refused;
    return { ok: false, output, afterMs: a.afterMs };
  }
  if (handler === 'httpGet') {
    const status = a.httpStatus ?? 200;
    const ok = status >= 200 && status < 400;
    return {
      ok,
      output: ok ? '' : `HTTP probe failed with statuscode: ${status}`,
      afterMs: a.afterMs,
    };
  }
  if (handler === 'grpc') {
    // The gRPC health service answers SERVING, or NOT_SERVING where HTTP would answer 5xx.
    const ok = (a.httpStatus ?? 200) < 400;
    return {
      ok,
      output: ok ? '' : 'service unhealthy (responded with "NOT_SERVING")',
      afterMs: a.afterMs,
    };
  }
  if (handler === 'exec') {
    const code = a.exitCode ?? 0;
    return {
      ok: code === 0,
      output: code === 0 ? '' : `command terminated with exit code ${code}`,
      afterMs: a.afterMs,
    };
  }
  return { ok: true, output: '', afterMs: a.afterMs };
}

export interface ProbeWorker {
  kind: ProbeKind;
  spec: ProbeSpec;
  /** Start of the probe grid: container start + initialDelaySeconds. */
  firstAtMs: number;
  /** The next probe starts here (or, while one runs, its verdict lands at `pending.atMs`). */
  nextAtMs: number;
  pending: { ok: boolean; output: string; atMs: number } | null;
  /** The result the kubelet reports: readiness starts false, liveness true, startup false. */
  result: boolean;
  lastResult: boolean | null;
  resultRun: number;
  /** Liveness/startup failed: no more probes for this container. */
  onHold: boolean;
}

export function newProbeWorker(
  kind: ProbeKind,
  spec: ProbeSpec,
  containerStartMs: number,
): ProbeWorker {
  const firstAtMs = containerStartMs + spec.initialDelaySeconds * 1000;
  return {
    kind,
    spec,
    firstAtMs,
    nextAtMs: firstAtMs,
    pending: null,
    result: kind === 'liveness',
    lastResult: null,
    resultRun: 0,
    onHold: false,
  };
}

/** When the worker next needs attention (a probe to start or a verdict to land). */
export function probeDueMs(w: ProbeWorker): number {
  if (w.onHold) return Infinity;
  return w.pending ? w.pending.atMs : w.nextAtMs;
}

/** Start the probe due now with the container's answer; its verdict lands later. */
export function startProbe(w: ProbeWorker, nowMs: number, verdict: ProbeVerdict): void {
  w.pending = { ok: verdict.ok, output: verdict.output, atMs: nowMs + verdict.afterMs };
}

/** Skip the probe due now (startup not yet passed): the next grid point. */
export function skipProbe(w: ProbeWorker, nowMs: number): void {
  w.nextAtMs = nextGridMs(w, nowMs + 1);
}

function nextGridMs(w: ProbeWorker, atOrAfterMs: number): number {
  const period = w.spec.periodSeconds * 1000;
  if (atOrAfterMs <= w.firstAtMs) return w.firstAtMs;
  return w.firstAtMs + Math.ceil((atOrAfterMs - w.firstAtMs) / period) * period;
}

/**
 * Land the running probe's verdict (worker.doProbe's threshold logic). Returns the verdict, the
 * number of results in a row it makes (1, 2, … up to the threshold) and whether the reported
 * result changed.
 */
export function landProbe(w: ProbeWorker): {
  ok: boolean;
  output: string;
  inRow: number;
  changed: boolean;
} {
  const p = w.pending;
  if (p === null) return { ok: true, output: '', inRow: 0, changed: false };
  w.pending = null;
  w.nextAtMs = nextGridMs(w, Math.max(p.atMs, w.nextAtMs + 1));
  if (w.lastResult === p.ok) w.resultRun++;
  else {
    w.lastResult = p.ok;
    w.resultRun = 1;
  }
  const threshold = p.ok ? w.spec.successThreshold : w.spec.failureThreshold;
  const inRow = w.resultRun;
  if (inRow < threshold) return { ok: p.ok, output: p.output, inRow, changed: false };
  const changed = w.result !== p.ok;
  w.result = p.ok;
  if (!p.ok && w.kind !== 'readiness') {
    w.onHold = true;
    w.resultRun = 0;
  }
  return { ok: p.ok, output: p.output, inRow, changed };
}
