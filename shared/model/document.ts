import { z } from 'zod';
import {
  CacheProps,
  CallProps,
  ClientProps,
  DatabaseProps,
  ExternalProps,
  GatewayProps,
  PodProps,
  PublishProps,
  QueueProps,
  ServiceProps,
} from './props';
import { Prices, Sweep } from './sweep';

export const CURRENT_VERSION = 2;

const Id = z
  .string()
  .min(1)
  .max(128)
  // Starting with a letter or digit keeps out `__proto__` and the like: ids key result maps.
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/,
    'must start with a letter or digit, then letters, digits, and _ . : - only',
  );
const Position = z.object({ x: z.number(), y: z.number() });

/** Props set from measured traces rather than typed by hand: how many spans they rest on. */
export const Calibration = z.object({
  source: z.literal('traces'),
  spans: z.number().int().min(0).describe('Spans the calibrated figures rest on'),
  at: z.iso.datetime().describe('End of the traces’ time window (UTC)'),
  fields: z
    .array(z.string().min(1).max(100))
    .max(50)
    .describe('The props set from the traces, e.g. serviceTime, errorRate'),
});
export type Calibration = z.infer<typeof Calibration>;

const nodeBase = {
  id: Id,
  label: z.string().max(200).optional(),
  position: Position,
  parentId: Id.optional().describe('The zone or team group this node is drawn in'),
  calibrated: Calibration.optional().describe('Props set from traces (archlab calibrate)'),
};

function nodeOf<K extends string, P extends z.ZodObject>(kind: K, props: P) {
  return z.object({ ...nodeBase, kind: z.literal(kind), props: props.prefault({} as z.input<P>) });
}

export const ClientNode = nodeOf('client', ClientProps);
export const GatewayNode = nodeOf('gateway', GatewayProps);
export const ServiceNode = nodeOf('service', ServiceProps);
export const PodNode = nodeOf('pod', PodProps);
export const DatabaseNode = nodeOf('database', DatabaseProps);
export const CacheNode = nodeOf('cache', CacheProps);
export const QueueNode = nodeOf('queue', QueueProps);
export const ExternalNode = nodeOf('external', ExternalProps);

export const Node = z.discriminatedUnion('kind', [
  ClientNode,
  GatewayNode,
  ServiceNode,
  PodNode,
  DatabaseNode,
  CacheNode,
  QueueNode,
  ExternalNode,
]);
export type Node = z.infer<typeof Node>;
export type NodeKind = Node['kind'];
export type NodeOf<K extends NodeKind> = Extract<Node, { kind: K }>;
export const NODE_KINDS = [
  'client',
  'gateway',
  'service',
  'pod',
  'database',
  'cache',
  'queue',
  'external',
] as const satisfies readonly NodeKind[];

/** Why an imported edge exists: what named the call, and how sure that makes it. */
export const EdgeEvidence = z.object({
  confidence: z.enum(['high', 'medium', 'low']),
  evidence: z.array(z.string().max(500)).max(50),
});
const edgeBase = {
  id: Id,
  from: Id,
  to: Id,
  label: z.string().max(200).optional(),
  evidence: EdgeEvidence.optional().describe('Imported edges: what named the call'),
  calibrated: Calibration.optional().describe('Props set from traces (archlab calibrate)'),
};
export const CallEdge = z.object({
  ...edgeBase,
  kind: z.literal('call'),
  props: CallProps.prefault({}),
});
export const PublishEdge = z.object({
  ...edgeBase,
  kind: z.literal('publish'),
  props: PublishProps.prefault({}),
});
export const Edge = z.discriminatedUnion('kind', [CallEdge, PublishEdge]);
export type Edge = z.infer<typeof Edge>;

export const Group = z.object({
  id: Id,
  kind: z.enum(['zone', 'team']),
  label: z.string().max(200).optional(),
  position: Position,
  size: z.object({ width: z.number().min(40), height: z.number().min(40) }),
  parentId: Id.optional(),
  cores: z
    .number()
    .int()
    .min(1)
    .max(1024)
    .optional()
    .describe('Zone: CPU cores of the machine its pods run on (default 4)'),
});
export type Group = z.infer<typeof Group>;

/** Sticky-note colours (the canvas and the exports draw each in its own fill). */
export const NOTE_COLORS = ['yellow', 'blue', 'green', 'pink'] as const;

/**
 * A note on the canvas: a coloured sticky note or plain free text. Notes are for the reader
 * only: the engine, validation of the architecture and the drills never read them.
 */
export const Note = z.object({
  id: Id,
  kind: z.enum(['sticky', 'text']).default('sticky'),
  text: z.string().max(20000).default(''),
  position: Position,
  size: z.object({
    width: z.number().min(40).max(4000),
    height: z.number().min(24).max(4000),
  }),
  color: z.enum(NOTE_COLORS).default('yellow'),
});
export type Note = z.infer<typeof Note>;

export const TimelineEntry = z.object({
  atS: z.number().min(0).describe('When it happens (simulated seconds)'),
  action: z.string().min(1).max(64).describe('kill-pod, rollout, scale, add-latency, …'),
  target: z.string().max(200).optional(),
  params: z.record(z.string(), z.unknown()).default({}),
  forS: z.number().min(0).optional().describe('How long it lasts (s); absent = until the end'),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

export const Slo = z.object({
  name: z.string().min(1).max(200),
  metric: z.enum(['p50', 'p95', 'p99', 'error-rate', 'availability', 'recovery']),
  target: z.string().max(200).optional().describe('Node id; absent = end to end'),
  op: z.enum(['<', '<=', '>', '>=']).default('<'),
  value: z
    .number()
    .describe(
      'Threshold: ms for p50/p95/p99, a fraction 0…1 for error-rate/availability, seconds for recovery',
    ),
  windowS: z
    .number()
    .gt(0)
    .max(86_400 * 7)
    .optional()
    .describe(
      'Rolling window (s, rounded up to whole seconds): the SLO holds when every window after warm-up meets it; absent = the whole run. Not for recovery',
    ),
  threshold: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe(
      'recovery: error rate (0…1) a second may have and count as recovered; default 0.01 (1 %)',
    ),
});
export type Slo = z.infer<typeof Slo>;

export const Scenario = z.object({
  name: z.string().min(1).max(200),
  durationS: z
    .number()
    .gt(0)
    .max(86_400 * 7)
    .default(60),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 32 - 1)
    .default(1),
  warmupS: z.number().min(0).default(0).describe('Seconds left out of the summary figures'),
  timeline: z.array(TimelineEntry).default([]),
  slos: z.array(Slo).default([]),
  sweep: Sweep.optional().describe('Many runs over a grid of parameters and seeds (archlab sweep)'),
});
export type Scenario = z.infer<typeof Scenario>;

/** How a transaction flow's protocol behaves: timeouts, retries and the guards a drill can turn off. */
export const TransactionOptions = z.object({
  amount: z
    .number()
    .min(0)
    .max(1e12)
    .default(100)
    .describe('Amount each debit/credit step moves (money units) for the money-transfer sample'),
  voteTimeoutMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(1000)
    .describe('2PC/3PC: how long the coordinator waits for every vote or ack before aborting (ms)'),
  decisionTimeoutMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(1000)
    .describe(
      '2PC: how long a prepared participant waits before it is in doubt and asks (ms); 3PC: how long a participant waits before deciding alone (ms)',
    ),
  idleTimeoutMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(5000)
    .describe('2PC: a branch never asked to PREPARE rolls back on its own after this (ms)'),
  stepTimeoutMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(1000)
    .describe('TCC Try / Saga step: how long the coordinator waits for the answer (ms)'),
  logWriteMs: z
    .number()
    .min(0)
    .max(60_000)
    .default(0)
    .describe('2PC: time the coordinator takes to force its decision to its log (ms)'),
  retryMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(500)
    .describe('Delay between retries of commit, confirm, cancel, compensation and queries (ms)'),
  lockWaitTimeoutMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(50_000)
    .describe("A database's lock-wait timeout (ms; InnoDB's innodb_lock_wait_timeout is 50 s)"),
  tccFence: z
    .boolean()
    .default(true)
    .describe('TCC: keep a fence table (Seata) against empty rollback, suspension and duplicates'),
  sagaMode: z
    .enum(['orchestrated', 'choreographed'])
    .default('orchestrated')
    .describe('Saga: a coordinator drives the steps, or each service reacts to events on a queue'),
  pollMs: z
    .number()
    .gt(0)
    .max(3_600_000)
    .default(100)
    .describe('Outbox: how often the relay polls the outbox table (ms)'),
  idempotentConsumer: z
    .boolean()
    .default(true)
    .describe('Outbox: the consumer deduplicates messages by id'),
  ratePerS: z
    .number()
    .min(0)
    .max(1000)
    .default(1)
    .describe('Instances the flow starts per simulated second, evenly spaced (0 = none)'),
  fromS: z
    .number()
    .min(0)
    .default(0)
    .describe('When the first instance starts (simulated seconds)'),
  toS: z
    .number()
    .min(0)
    .optional()
    .describe('No instance starts at or after this time (s); absent = until the end of the run'),
  coordinator: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Node whose pods run the coordinator (or the broker queue for choreographed saga and outbox); absent = the nearest node with call edges to every participant',
    ),
});
export type TransactionOptions = z.infer<typeof TransactionOptions>;

export const TransactionFlow = z.object({
  id: Id,
  name: z.string().min(1).max(200),
  protocol: z.enum(['local', '2pc', '3pc', 'tcc', 'saga', 'outbox']),
  options: TransactionOptions.partial()
    .optional()
    .describe('Protocol settings; a missing field takes its default (TransactionOptions)'),
  steps: z
    .array(
      z.object({
        participant: Id.describe('A service or database node'),
        action: z.string().max(200),
        compensation: z.string().max(200).optional(),
      }),
    )
    .default([]),
});
export type TransactionFlow = z.infer<typeof TransactionFlow>;

export const ArchDocument = z.object({
  format: z.literal('archlab'),
  version: z.number().int().min(1),
  name: z.string().max(200).default('Untitled'),
  description: z.string().max(4000).optional(),
  nodes: z.array(Node).default([]),
  edges: z.array(Edge).default([]),
  groups: z.array(Group).default([]),
  notes: z.array(Note).optional().describe('Sticky notes and free text on the canvas'),
  transactions: z.array(TransactionFlow).default([]),
  scenarios: z.array(Scenario).default([]),
  prices: Prices.optional().describe('What CPU and memory requests cost, for sweep objectives'),
});
/** A parsed document: every default filled in. */
export type ArchDocument = z.infer<typeof ArchDocument>;
/** A document as written in a file: defaults may be left out. */
export type ArchDocumentInput = z.input<typeof ArchDocument>;
