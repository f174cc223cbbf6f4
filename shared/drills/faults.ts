// The fault library of the drill editor, named as chaos engineers know them (Chaos Mesh / Litmus
// words), each mapped to the timeline action the engine applies. Whether the engine applies an
// action is asked of the engine itself (its compile check), so a fault the engine does not apply
// yet is shown with the engine's own reason and is never faked by another action.
import { compileAction } from '../engine/actions';
import { ENGINE_ACTIONS } from '../engine/engineActions';
import { NO_ZONES } from '../engine/faults/zones';
import type { Problem } from '../protocol';

/** What a fault can be aimed at. */
export type TargetKind = 'service' | 'pod' | 'node' | 'edge' | 'zone' | 'database' | 'cache';

export interface FaultParam {
  key: string;
  label: string;
  unit: string;
  default: number;
  min: number;
  max: number;
  integer?: boolean;
  /** Absent unless the user sets it (e.g. which pod). */
  optional?: boolean;
}

export interface FaultKind {
  /** The chaos name shown to the user. */
  id: string;
  label: string;
  /** The timeline action written into the scenario. */
  action: string;
  targets: readonly TargetKind[];
  params: readonly FaultParam[];
  /** Happens at a moment (no duration). */
  moment: boolean;
  defaultForS: number;
  help: string;
  /** An operation (scale, rollout) rather than a fault. */
  operation?: boolean;
}

const ms = (def: number): FaultParam => ({
  key: 'ms',
  label: 'Added latency',
  unit: 'ms',
  default: def,
  min: 1,
  max: 3_600_000,
});
const share = (key: string, label: string, def: number): FaultParam => ({
  key,
  label,
  unit: '%',
  default: def,
  min: 0,
  max: 100,
});

export const FAULTS: readonly FaultKind[] = [
  {
    id: 'pod-kill',
    label: 'pod-kill',
    action: 'kill-pod',
    targets: ['service', 'pod'],
    params: [
      {
        key: 'pod',
        label: 'Pod index',
        unit: '',
        default: 0,
        min: 0,
        max: 100_000,
        integer: true,
        optional: true,
      },
    ],
    moment: true,
    defaultForS: 0,
    help: 'Kills one pod at once; a Deployment creates a replacement, a bare pod stays dead',
  },
  {
    id: 'container-kill',
    label: 'container-kill',
    action: 'container-kill',
    targets: ['service', 'pod'],
    params: [],
    moment: true,
    defaultForS: 0,
    help: 'Kills the container; the kubelet restarts it in the same pod (with back-off)',
  },
  {
    id: 'pod-failure',
    label: 'pod-failure',
    action: 'pod-failure',
    targets: ['service', 'pod'],
    params: [],
    moment: false,
    defaultForS: 20,
    help: 'One pod is unavailable for the duration, then comes back',
  },
  {
    id: 'service-crash',
    label: 'service crash',
    action: 'service-crash',
    targets: ['node'],
    params: [],
    moment: false,
    defaultForS: 20,
    help: 'The whole service (every pod) is down: new requests are rejected as unavailable',
  },
  {
    id: 'latency',
    label: 'latency',
    action: 'add-latency',
    targets: ['edge', 'node'],
    params: [ms(200)],
    moment: false,
    defaultForS: 20,
    help: 'Adds a fixed delay to an edge (each way) or to a node’s own work',
  },
  {
    id: 'abort',
    label: 'error/abort',
    action: 'abort',
    targets: ['edge', 'node'],
    params: [
      share('percent', 'Share of requests', 50),
      {
        key: 'status',
        label: 'HTTP status',
        unit: '',
        default: 503,
        min: 400,
        max: 599,
        integer: true,
      },
    ],
    moment: false,
    defaultForS: 20,
    help: 'Answers a share of requests with an HTTP error at once (Istio fault abort)',
  },
  {
    id: 'packet-loss',
    label: 'packet loss',
    action: 'packet-loss',
    targets: ['edge', 'node', 'zone'],
    params: [share('percent', 'Loss', 10)],
    moment: false,
    defaultForS: 20,
    help: 'Drops a share of packets on a link: retransmits and timeouts',
  },
  {
    id: 'partition',
    label: 'network partition',
    action: 'partition',
    targets: ['zone', 'edge'],
    params: [],
    moment: false,
    defaultForS: 20,
    help: 'Calls that cross the cut fail or time out',
  },
  {
    id: 'database-outage',
    label: 'database outage',
    action: 'service-crash',
    targets: ['database'],
    params: [],
    moment: false,
    defaultForS: 20,
    help: 'The database rejects new requests as unavailable for the duration',
  },
  {
    id: 'database-failover',
    label: 'database failover',
    action: 'db-failover',
    targets: ['database'],
    params: [],
    moment: false,
    defaultForS: 60,
    help: 'The primary fails: errors for the database’s failover time while a replica is promoted (a full outage with no replica); the old primary rejoins at the end',
  },
  {
    id: 'zone-outage',
    label: 'zone outage',
    action: 'zone-outage',
    targets: ['zone'],
    params: [],
    moment: false,
    defaultForS: 30,
    help: 'Every pod and node in the zone is down',
  },
  {
    id: 'cpu-stress',
    label: 'CPU stress',
    action: 'cpu-stress',
    targets: ['service', 'pod'],
    params: [share('load', 'CPU taken', 80)],
    moment: false,
    defaultForS: 30,
    help: 'A stressor takes CPU from the pods: service times grow',
  },
  {
    id: 'dependency-slowdown',
    label: 'dependency slowdown',
    action: 'dependency-slowdown',
    targets: ['node'],
    params: [{ key: 'factor', label: 'Slower by', unit: '×', default: 3, min: 1, max: 1000 }],
    moment: false,
    defaultForS: 30,
    help: 'The dependency (database, external API, cache, queue) does its own work that many times slower',
  },
  {
    id: 'cache-flush',
    label: 'cache flush',
    action: 'cache-flush',
    targets: ['cache'],
    params: [],
    moment: true,
    defaultForS: 0,
    help: 'Empties the cache: a cold-cache storm on whatever is behind it',
  },
  {
    id: 'clock-skew',
    label: 'clock skew',
    action: 'clock-skew',
    targets: ['service', 'node'],
    params: [
      { key: 'ms', label: 'Skew', unit: 'ms', default: 5000, min: -86_400_000, max: 86_400_000 },
    ],
    moment: false,
    defaultForS: 60,
    help: 'The node’s clock is off: token buckets and leases misjudge time',
  },
  {
    id: 'scale',
    label: 'scale',
    action: 'scale',
    targets: ['service'],
    params: [
      {
        key: 'replicas',
        label: 'Replicas',
        unit: 'pods',
        default: 3,
        min: 0,
        max: 10_000,
        integer: true,
      },
    ],
    moment: true,
    defaultForS: 0,
    help: 'Sets the Deployment’s replicas',
    operation: true,
  },
  {
    id: 'rollout',
    label: 'rollout',
    action: 'rollout',
    targets: ['service'],
    params: [],
    moment: true,
    defaultForS: 0,
    help: 'Rolls out a new version with the Deployment’s strategy',
    operation: true,
  },
  {
    id: 'rollback',
    label: 'rollback',
    action: 'rollback',
    targets: ['service'],
    params: [],
    moment: true,
    defaultForS: 0,
    help: 'Rolls back to the previous ReplicaSet',
    operation: true,
  },
];

export function faultById(id: string): FaultKind | undefined {
  return FAULTS.find((f) => f.id === id);
}

/** The fault an action most likely came from (the first that writes it). */
export function faultOfAction(action: string): FaultKind | undefined {
  return FAULTS.find((f) => f.action === action);
}

/**
 * Whether the engine applies this action: null when it does, else the engine's own reason
 * (its compile problem for the action name).
 */
export function unsupportedReason(action: string): string | null {
  const problems: Problem[] = [];
  compileAction(
    { atS: 0, action, params: {} },
    0,
    'probe',
    { byId: new Map(), edgeById: new Map(), zones: NO_ZONES },
    ENGINE_ACTIONS,
    problems,
  );
  const p = problems.find((x) => x.path === 'probe.action');
  return p ? p.message : null;
}
