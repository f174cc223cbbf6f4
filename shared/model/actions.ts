// Every timeline action (and live command) and the params it takes, as zod schemas: the one list
// the engine checks entries against (engine/actions.ts), `archlab schema` publishes and the
// timeline editor builds its forms from (fieldsOfSchema). Pure: no engine code, so the renderer
// can import it. What the engine does with each action is told in the module that applies it
// (engine/builtinActions.ts, engine/k8s/actions.ts, engine/faults/*, engine/txrun/planActions.ts).
import { z } from 'zod';
import type { Problem } from '../protocol';
import { Distribution } from './distributions';
import { MAX_RPS } from './props';
import { schemaProblems } from './messages';

const podIndex = z
  .number()
  .int()
  .min(0)
  .max(100_000)
  .optional()
  .describe('Which running pod (index); absent = one at random');
const nodeIds = z
  .array(z.string().min(1))
  .min(1)
  .optional()
  .describe('Node ids on one side of the cut');
/** Where a network fault applies besides its target: two zones, or two sets of nodes. */
const netScope = {
  zones: z
    .array(z.string().min(1))
    .min(1)
    .optional()
    .describe('Two zones: the fault applies between them'),
  a: nodeIds,
  b: nodeIds,
};
const percent = (what: string) => z.number().min(0).max(100).describe(what);
const factor = z.number().min(1).max(1000).optional().describe('Own work this many times slower');
const load = z
  .number()
  .min(0)
  .max(99)
  .optional()
  .describe('Share of CPU the stressor takes (%): factor 1 / (1 − load)');
const bugFields = {
  errorRate: z
    .number()
    .min(0)
    .max(1)
    .optional()
    .describe('Share (0…1) of requests the new version fails'),
  latencyMs: z
    .number()
    .min(0)
    .max(3_600_000)
    .optional()
    .describe('Added to each request the new version serves'),
  crashOnStart: z.boolean().optional().describe('The new version crashes as it starts'),
  failReadiness: z.boolean().optional().describe('The new version never passes readiness'),
};
const protocolStep = z
  .string()
  .min(1)
  .optional()
  .describe(
    'before-MSG, after-MSG or on-MSG with MSG a message of the flow’s protocol (PREPARE, VOTE, COMMIT, …), or after-votes, after-commit-logged, after-decision',
  );
const instance = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('Which instance (1-based); absent = the first to reach the step');
const count = z.number().int().min(1).optional().describe('At most this many; absent = no limit');
const messageMatch = {
  type: z.string().min(1).optional().describe('Message type (PREPARE, VOTE, …); absent = any'),
  from: z.string().min(1).optional().describe('Sender node id'),
  to: z.string().min(1).optional().describe('Receiver node id'),
  count,
};
const ms = z.number().gt(0).max(3_600_000);

/** Each action's params. Objects are strict: a misspelt param is an error, not ignored. */
export const ACTION_PARAMS = {
  'kill-pod': z.strictObject({
    pod: podIndex,
    name: z.string().min(1).max(253).optional().describe('The pod by name (a live right-click)'),
  }),
  scale: z.strictObject({
    replicas: z.number().int().min(0).max(10_000).describe('The Deployment’s replicas'),
  }),
  'add-latency': z.strictObject({ ms: ms.describe('Added to each leg or to the node’s work') }),
  'fail-node': z.strictObject({}),
  rollout: z.strictObject({
    version: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Image version; absent = the next (v1 → v2)'),
    ...bugFields,
    extraMs: bugFields.latencyMs.describe('Same as latencyMs'),
    bug: z
      .strictObject({ ...bugFields, extraMs: bugFields.latencyMs.describe('Same as latencyMs') })
      .optional()
      .describe('The new version’s bug, as one object'),
  }),
  rollback: z.strictObject({}),
  restart: z.strictObject({}),
  'container-kill': z.strictObject({}),
  'pod-kill': z.strictObject({
    pod: podIndex,
    count: z.number().int().min(1).max(10_000).optional().describe('Pods killed at once'),
  }),
  'pod-failure': z.strictObject({ pod: podIndex }),
  'service-crash': z.strictObject({}),
  partition: z.strictObject({
    mode: z
      .enum(['drop', 'reject'])
      .optional()
      .describe('drop: callers time out; reject: they fail at once'),
    ...netScope,
  }),
  'packet-loss': z.strictObject({
    percent: percent('Share of transmissions lost (%)'),
    rtoMs: z.number().min(1).max(120_000).optional().describe('TCP’s first retransmission timeout'),
    ...netScope,
  }),
  latency: z.strictObject({
    ms: z.number().min(0).max(3_600_000).optional().describe('Fixed delay added to each call'),
    distribution: Distribution.optional().describe('A delay drawn for each call'),
    ...netScope,
  }),
  abort: z.strictObject({
    percent: percent('Share of calls answered with the error (%)'),
    status: z.number().int().min(400).max(599).optional().describe('HTTP status; default 503'),
    ...netScope,
  }),
  'cpu-stress': z.strictObject({ factor, load }),
  'dependency-slowdown': z.strictObject({ factor, load }),
  'db-failover': z.strictObject({
    failoverSeconds: z
      .number()
      .min(0)
      .max(3600)
      .optional()
      .describe('Until a replica is promoted; default the database’s'),
  }),
  'zone-outage': z.strictObject({}),
  'cache-flush': z.strictObject({
    keys: z
      .number()
      .int()
      .min(1)
      .max(100_000_000)
      .optional()
      .describe('Working set to refill; default 1000'),
  }),
  'set-error-rate': z.strictObject({
    errorRate: z.number().min(0).max(1).describe('The node’s own share (0…1) of failing requests'),
  }),
  'set-rps': z.strictObject({
    rps: z
      .number()
      .min(0)
      .max(MAX_RPS)
      .describe('The client’s rate (requests/s); its traffic shapes act on it'),
  }),
  'set-latency': z.strictObject({
    latencyMs: z
      .number()
      .min(0)
      .max(600_000)
      .optional()
      .describe('A link’s one-way network latency (ms)'),
    latency: Distribution.optional().describe(
      'A service’s or pod’s service time, or an external API’s response time',
    ),
  }),
  'clock-skew': z.strictObject({
    ms: z.number().min(-86_400_000).max(86_400_000).describe('How far off (ms; + is ahead)'),
  }),
  'crash-coordinator': z.strictObject({
    protocolStep,
    instance,
    replica: z
      .number()
      .int()
      .min(0)
      .optional()
      .describe('Which coordinator pod, without a protocol step'),
  }),
  'crash-participant': z.strictObject({
    protocolStep,
    instance,
    step: z.number().int().min(1).optional().describe('The participant of this step (1-based)'),
    participant: z.string().min(1).optional().describe('The participant by node id'),
  }),
  'fail-step': z.strictObject({
    step: z.number().int().min(1).describe('The step that fails (1-based)'),
    count,
  }),
  'drop-messages': z.strictObject(messageMatch),
  'delay-messages': z.strictObject({ ...messageMatch, ms: ms.describe('Added to each message') }),
  'tx-partition': z.strictObject({
    a: z.array(z.string().min(1)).min(1).describe('Node ids on one side'),
    b: z.array(z.string().min(1)).min(1).describe('Node ids on the other side'),
  }),
} as const satisfies Record<string, z.ZodObject>;

export type ActionName = keyof typeof ACTION_PARAMS;

/** Params kept for files that use them, which forms do not offer (rollout: `latencyMs` and flat fields instead). */
export const ACTION_PARAM_ALIASES: Partial<Record<ActionName, readonly string[]>> = {
  rollout: ['extraMs', 'bug'],
};

/** Every action name, in the order above. */
export const ACTION_NAMES = Object.keys(ACTION_PARAMS) as ActionName[];

export const isActionName = (name: string): name is ActionName =>
  Object.hasOwn(ACTION_PARAMS, name);

/** The transaction faults: applied by the transaction runtime, on the timeline only. */
export const TX_ACTIONS = [
  'crash-coordinator',
  'crash-participant',
  'fail-step',
  'drop-messages',
  'delay-messages',
  'tx-partition',
] as const satisfies readonly ActionName[];

/** A timeline entry as `archlab schema` publishes it: one form per action with its params. */
export function timelineEntrySchemas(): z.ZodType {
  const forms = ACTION_NAMES.map((name) =>
    z.object({
      atS: z.number().min(0).describe('When it happens (simulated seconds)'),
      action: z.literal(name),
      target: z.string().max(200).optional(),
      params: ACTION_PARAMS[name].optional(),
      forS: z.number().min(0).optional().describe('How long it lasts (s); absent = until the end'),
    }),
  );
  return z.discriminatedUnion('action', forms as unknown as [z.ZodObject, ...z.ZodObject[]]);
}

/** The params' problems against the action's schema, under the entry's `path` (`scenarios[0].timeline[2]`). */
export function actionParamProblems(name: ActionName, params: unknown, path: string): Problem[] {
  const parsed = ACTION_PARAMS[name].safeParse(params);
  if (parsed.success) return [];
  return schemaProblems(parsed.error, params).map((p) => ({
    path: p.path === '(document)' ? `${path}.params` : `${path}.params.${p.path}`,
    message: p.message,
  }));
}
