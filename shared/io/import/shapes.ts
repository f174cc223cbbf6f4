// Which fields of an object the importer reads. A field outside its shape is listed in the report
// with its path: the importer never drops a field without saying so.
import { isRecord, type PathPart } from './yamlDocs';

/** true: read as a whole; an object: these keys only; [shape]: each item; '*': any key. */
export type Shape = true | { readonly [key: string]: Shape } | readonly [Shape];

export function unmappedPaths(value: unknown, shape: Shape, path: PathPart[] = []): PathPart[][] {
  if (shape === true) return [];
  const out: PathPart[][] = [];
  if (Array.isArray(shape)) {
    if (!Array.isArray(value)) return out;
    value.forEach((item, i) => out.push(...unmappedPaths(item, shape[0] as Shape, [...path, i])));
    return out;
  }
  if (!isRecord(value)) return out;
  const fields = shape as { readonly [key: string]: Shape };
  for (const [key, v] of Object.entries(value)) {
    const sub = fields[key] ?? fields['*'];
    if (sub === undefined) out.push([...path, key]);
    else out.push(...unmappedPaths(v, sub, [...path, key]));
  }
  return out;
}

const PROBE: Shape = {
  httpGet: { path: true, port: true },
  tcpSocket: { port: true },
  exec: { command: true },
  grpc: { port: true, service: true },
  initialDelaySeconds: true,
  periodSeconds: true,
  timeoutSeconds: true,
  successThreshold: true,
  failureThreshold: true,
};
const QUANTITIES: Shape = { cpu: true, memory: true };

export const MAIN_CONTAINER: Shape = {
  name: true,
  image: true,
  ports: [{ containerPort: true, name: true, protocol: true }],
  resources: { requests: QUANTITIES, limits: QUANTITIES },
  readinessProbe: PROBE,
  livenessProbe: PROBE,
  startupProbe: PROBE,
  lifecycle: { preStop: true },
  env: true,
  envFrom: true,
};

const METADATA: Shape = { name: true, namespace: true, labels: true };

export const WORKLOAD: Shape = {
  apiVersion: true,
  kind: true,
  metadata: METADATA,
  spec: {
    replicas: true,
    selector: true,
    strategy: { type: true, rollingUpdate: { maxSurge: true, maxUnavailable: true } },
    minReadySeconds: true,
    progressDeadlineSeconds: true,
    revisionHistoryLimit: true,
    serviceName: true,
    template: {
      metadata: { labels: true, name: true },
      spec: { containers: true, terminationGracePeriodSeconds: true },
    },
  },
};

export const SERVICE: Shape = {
  apiVersion: true,
  kind: true,
  metadata: METADATA,
  spec: {
    type: true,
    selector: true,
    ports: [{ name: true, port: true, targetPort: true, protocol: true }],
    externalName: true,
    clusterIP: true,
    sessionAffinity: true,
    sessionAffinityConfig: { clientIP: { timeoutSeconds: true } },
  },
};

const SCALING_RULES: Shape = {
  stabilizationWindowSeconds: true,
  selectPolicy: true,
  policies: [{ type: true, value: true, periodSeconds: true }],
};

export const HPA: Shape = {
  apiVersion: true,
  kind: true,
  metadata: METADATA,
  spec: {
    scaleTargetRef: true,
    minReplicas: true,
    maxReplicas: true,
    targetCPUUtilizationPercentage: true,
    metrics: true,
    behavior: { scaleUp: SCALING_RULES, scaleDown: SCALING_RULES },
  },
};

export const PDB: Shape = {
  apiVersion: true,
  kind: true,
  metadata: METADATA,
  spec: { selector: true, minAvailable: true, maxUnavailable: true },
};
