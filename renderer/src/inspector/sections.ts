// How the inspector groups a kind's fields, as a reader of a Deployment manifest or a gateway's
// config expects: the field metadata gives nested sections (Strategy › Rolling update); this adds
// the top-level groups and the order they come in, and spells nested parts the Kubernetes way.
import type { FieldMeta, NodeKind } from '../../../shared/model';

type Groups = readonly (readonly [group: string, keys: readonly string[]])[];

/** A pod spec's container: image, then resources (requests and limits). */
const CONTAINER = ['Container', ['image', 'resources']] as const;
/** What runs in the container: thread pool or event loop, CPU and IO, lock, kernel costs. */
const RUNTIME = ['Inside the pod', ['runtime']] as const;

const GROUPS: Partial<Record<NodeKind, Groups>> = {
  pod: [
    ['Workload', ['concurrency', 'queueCapacity', 'serviceTime', 'errorRate']],
    CONTAINER,
    RUNTIME,
  ],
  service: [
    [
      'Workload',
      ['replicas', 'concurrency', 'queueCapacity', 'serviceTime', 'errorRate', 'version'],
    ],
    CONTAINER,
    RUNTIME,
    [
      'Deployment',
      ['strategy', 'minReadySeconds', 'progressDeadlineSeconds', 'revisionHistoryLimit', 'hpa'],
    ],
    [
      'Pods',
      [
        'schedulingDelaySeconds',
        'startupSeconds',
        'preStopSeconds',
        'terminationGracePeriodSeconds',
        'readinessProbe',
        'livenessProbe',
        'startupProbe',
      ],
    ],
    ['Pod behaviour (for drills)', ['behaviour', 'behaviourAfterS', 'leakMsPerS']],
    [
      'Service (kube-proxy)',
      [
        'loadBalancing',
        'proxyMode',
        'sessionAffinity',
        'sessionAffinityTimeoutSeconds',
        'endpointsDelayMs',
      ],
    ],
  ],
  gateway: [
    ['Gateway', ['overheadMs', 'concurrency', 'authFailureRate', 'routes']],
    ['Load balancing', ['loadBalancing']],
    ['Rate limit', ['rateLimit']],
    ['Resilience', ['circuitBreaker', 'retryBudgetPercent', 'fallback']],
  ],
};

/** Nested section names as Kubernetes and Resilience4j spell them. */
const SPELLING: Record<string, string> = {
  'Http get': 'httpGet',
  'Tcp socket': 'tcpSocket',
  Exec: 'exec',
  Hpa: 'HorizontalPodAutoscaler',
  Behavior: 'behavior',
  'Scale up': 'scaleUp',
  'Scale down': 'scaleDown',
  'Rolling update': 'rollingUpdate',
  Resources: 'resources',
  Requests: 'requests',
  Limits: 'limits',
};

function respell(section: string): string {
  return section
    .split(' › ')
    .map((part) => SPELLING[part] ?? part)
    .join(' › ');
}

/** The fields of a kind in their groups' order, each with its group as the first section part. */
export function grouped(kind: NodeKind | undefined, fields: readonly FieldMeta[]): FieldMeta[] {
  const groups = kind === undefined ? undefined : GROUPS[kind];
  if (!groups) return fields.map((f) => (f.section ? { ...f, section: respell(f.section) } : f));
  const groupOf = (f: FieldMeta) => {
    const top = f.path.split('.')[0] ?? '';
    const i = groups.findIndex(([, keys]) => keys.includes(top));
    return i < 0 ? groups.length : i;
  };
  // Within a group, its own fields first, then its nested blocks (Service time, Strategy, probes).
  return fields
    .map((f, order) => ({ f, order, g: groupOf(f), nested: f.section === undefined ? 0 : 1 }))
    .sort((a, b) => a.g - b.g || a.nested - b.nested || a.order - b.order)
    .map(({ f, g }) => {
      const name = groups[g]?.[0] ?? 'Other';
      const section = f.section ? `${name} › ${respell(f.section)}` : name;
      return { ...f, section };
    });
}

/** A nested section's heading without its group's name, which stands above it already. */
export function subheading(section: string): string {
  const i = section.indexOf(' › ');
  return i < 0 ? section : section.slice(i + 3);
}
