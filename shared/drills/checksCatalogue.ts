// The catalogue of architecture checks: stable codes (never renumbered; retired codes are not
// reused), severity, and why each matters. Messages name the nodes; `why` says what to do.

export type Severity = 'warning' | 'info';

export interface Warning {
  code: CheckCode;
  severity: Severity;
  /** One plain sentence: what is wrong here and what it leads to. */
  message: string;
  nodeIds: string[];
  edgeIds: string[];
  /** Why it matters in general, and the usual remedy. */
  why: string;
}

export interface CheckInfo {
  name: string;
  severity: Severity;
  why: string;
}

export const CHECKS = {
  ARCH001: {
    name: 'single-replica',
    severity: 'warning',
    why:
      'A Deployment with one pod has no spare: a pod-kill, an eviction or a node failure leaves ' +
      'no ready endpoint until a new pod starts. Run at least 2 replicas, spread over zones.',
  },
  ARCH002: {
    name: 'bare-pod',
    severity: 'warning',
    why:
      'A pod that no Deployment manages is not recreated when it dies or its node goes. ' +
      'Run it as a service (a Deployment) with replicas.',
  },
  ARCH003: {
    name: 'database-without-replica',
    severity: 'warning',
    why:
      'A database with no replica has nothing to fail over to: losing its primary is an outage ' +
      'until it is restored. Add a replica (and know its failover time).',
  },
  ARCH004: {
    name: 'call-without-timeout',
    severity: 'warning',
    why:
      'Without a timeout a caller waits as long as the callee hangs, holding its own ' +
      'concurrency and connections, so one slow dependency stalls everything upstream.',
  },
  ARCH005: {
    name: 'retry-amplification',
    severity: 'warning',
    why:
      'Retries at several layers of one call path multiply: when the deepest dependency fails, ' +
      'each layer retries the retries of the layer below. Retry at one layer only, with a budget.',
  },
  ARCH006: {
    name: 'no-readiness-probe',
    severity: 'info',
    why:
      'Without a readiness probe Kubernetes counts a pod ready once its container starts, and ' +
      'never takes it out of the Service endpoints while it stops answering.',
  },
  ARCH007: {
    name: 'database-shared-by-teams',
    severity: 'warning',
    why:
      'A database shared by teams couples them: a schema change, a migration or a load spike of ' +
      'one team breaks the others. Give each team its own data, behind its service.',
  },
  ARCH008: {
    name: 'chatty-cross-team-chain',
    severity: 'info',
    why:
      "Conway's law: a request that hops between teams again and again mirrors an organisation " +
      'that must coordinate for every change, and pays a network hop at each crossing.',
  },
  ARCH009: {
    name: 'queue-without-consumer',
    severity: 'warning',
    why:
      'Nothing reads a queue with no consumer: messages pile up until it is full, and then ' +
      'publishes fail.',
  },
  ARCH010: {
    name: 'client-calls-nothing',
    severity: 'warning',
    why: 'A client with no outgoing edge sends its traffic nowhere; connect it to an entry point.',
  },
  ARCH011: {
    name: 'zero-replicas',
    severity: 'warning',
    why: 'A service scaled to 0 replicas has no pod to answer: every call to it fails.',
  },
  ARCH012: {
    name: 'cache-aside-unmarked',
    severity: 'warning',
    why:
      'A caller that calls a cache and the database beside it calls both for every request, so ' +
      'the hit ratio takes no load off the database. For cache-aside, set onCacheMiss on the ' +
      'database call (the inspector: "Only on a cache miss"); for read-through, draw cache → ' +
      'database instead.',
  },
  ARCH013: {
    name: 'miss-path-without-cache',
    severity: 'warning',
    why:
      'A call marked onCacheMiss is skipped only after a cache hit of the same caller earlier in ' +
      'its calls; with no such cache call it is made every time.',
  },
} as const satisfies Record<string, CheckInfo>;

export type CheckCode = keyof typeof CHECKS;

/** A warning of `code` with the catalogue's severity and why. */
export function warning(
  code: CheckCode,
  message: string,
  nodeIds: string[],
  edgeIds: string[] = [],
): Warning {
  const info: CheckInfo = CHECKS[code];
  return { code, severity: info.severity, message, nodeIds, edgeIds, why: info.why };
}
