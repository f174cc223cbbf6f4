// Transaction faults on a scenario's timeline (the engine's other actions are in ../actions.ts):
//
//  crash-coordinator  target: a flow. The coordinator process crashes and restarts after forS
//                     (absent: never). params.protocolStep picks the moment inside an instance
//                     (below); params.instance (1-based) which instance (default: the first to
//                     reach that step at or after atS); without a step, params.replica (default 0)
//                     which coordinator pod's process crashes at atS.
//  crash-participant  target: a flow (params.step, 1-based, or params.participant) or a
//                     participant node. Its process crashes, and restarts after forS.
//  fail-step          target: a flow; params.step (1-based). Instances that start in
//                     [atS, atS + forS) fail at that step (a business error: the branch votes NO,
//                     the Try or the saga step fails); params.count bounds how many.
//  drop-messages      target: a flow (absent: every flow). Messages of params.type (absent: any),
//                     optionally params.from / params.to (node ids), sent in the window, are lost;
//                     params.count bounds how many.
//  delay-messages     as drop-messages, adding params.ms to each (a call that outlives its timeout).
//  tx-partition       params.a and params.b: node ids. Transaction messages whose route has an edge
//                     between the two sets are lost for forS (the engine's request traffic is
//                     not cut by this one; a network partition of the fault library cuts both).
//
// protocolStep: "before-MSG" (the process crashes just before it sends its first MSG of the
// instance), "after-MSG" (right after its handler sent MSG — every MSG of that burst is on the
// wire), "on-MSG" (as MSG arrives, which loses it), with MSG a protocol message type (PREPARE,
// VOTE, COMMIT, STEP, TRY, …; any case), and the aliases "after-votes" (the coordinator crashes as
// the last vote arrives: all voted, no decision yet), "after-commit-logged" / "after-decision"
// (the decision is in the coordinator's log, nothing sent yet).
import type { TimelineEntry } from '../../model';
import { actionParamProblems, TX_ACTIONS } from '../../model';
import type { Problem } from '../../protocol';
import type { RNode } from '../graph';
import type { FlowPlan } from './plan';

export { TX_ACTIONS };
export type TxActionKind = (typeof TX_ACTIONS)[number];

export const isTxAction = (action: string): boolean =>
  (TX_ACTIONS as readonly string[]).includes(action);

export interface TxActionPlan {
  index: number;
  kind: TxActionKind;
  atMs: number;
  /** Infinity = until the end. */
  forMs: number;
  flow: FlowPlan | null;
  /** crash-participant: its process; drop/delay: from/to node ids. */
  participant: string | null;
  from: string | null;
  to: string | null;
  /** fail-step: 0-based step. */
  step: number;
  protocolStep: string | null;
  /** 1-based instance number, 0 = the first to reach the step. */
  instance: number;
  replica: number;
  msgType: string | null;
  count: number;
  ms: number;
  sides: [string[], string[]] | null;
}

/** The message types each protocol's processes send (tx/): the MSG a protocol step may name. */
export function messageTypes(f: FlowPlan): readonly string[] {
  switch (f.protocol) {
    case 'local':
      return ['EXEC', 'COMMIT', 'RESULT'];
    case '2pc':
      return ['EXEC', 'EXECUTED', 'PREPARE', 'VOTE', 'COMMIT', 'ABORT', 'ACK', 'QUERY'];
    case '3pc':
      return ['CAN_COMMIT', 'VOTE', 'PRE_COMMIT', 'PRE_ACK', 'DO_COMMIT', 'ABORT', 'DONE'];
    case 'tcc':
      return ['TRY', 'TRIED', 'CONFIRM', 'CANCEL', 'DONE'];
    case 'saga':
      if (f.options.sagaMode !== 'choreographed')
        return ['STEP', 'STEP_DONE', 'COMPENSATE', 'COMPENSATE_DONE'];
      return ['EVENT', 'PUBACK', 'ACK'];
    case 'outbox':
      return ['EVENT', 'PUBACK', 'ACK'];
  }
}

/** Every protocol step a crash in this flow may name: before-, after-, on- each message, and the aliases its protocol has. */
export function protocolSteps(f: FlowPlan): string[] {
  const steps = messageTypes(f).flatMap((m) => [`before-${m}`, `after-${m}`, `on-${m}`]);
  if (f.protocol === '2pc' || f.protocol === '3pc') steps.push('after-votes');
  if (f.protocol === '2pc' || f.protocol === '3pc' || f.protocol === 'tcc')
    steps.push('after-commit-logged', 'after-decision');
  return steps;
}

/** `before-prepare` → `before-PREPARE`; aliases stay as they are. */
const normalStep = (s: string): string => {
  const m = /^(before|after|on)-(.+)$/.exec(s);
  return m && !['votes', 'commit-logged', 'decision'].includes(m[2] as string)
    ? `${m[1]}-${(m[2] as string).toUpperCase()}`
    : s;
};

export function compileTxAction(
  entry: TimelineEntry,
  index: number,
  path: string,
  flows: readonly FlowPlan[],
  byId: ReadonlyMap<string, RNode>,
  problems: Problem[],
): TxActionPlan | null {
  if (!isTxAction(entry.action)) return null;
  const kind = entry.action as TxActionKind;
  const paramProblems = actionParamProblems(kind, entry.params, path);
  if (paramProblems.length > 0) {
    problems.push(...paramProblems);
    return null;
  }
  const before = problems.length;
  const bad = (where: string, message: string) =>
    problems.push({ path: `${path}.${where}`, message });
  const p = entry.params;
  const a: TxActionPlan = {
    index,
    kind,
    atMs: entry.atS * 1000,
    forMs: entry.forS === undefined ? Infinity : entry.forS * 1000,
    flow: null,
    participant: null,
    from: null,
    to: null,
    step: -1,
    protocolStep: null,
    instance: 0,
    replica: 0,
    msgType: null,
    count: Infinity,
    ms: 0,
    sides: null,
  };
  const names = flows.map((f) => `"${f.id}"`).join(', ') || 'none';
  const flow = entry.target === undefined ? undefined : flows.find((f) => f.id === entry.target);
  a.flow = flow ?? null;
  const needFlow = () => {
    if (entry.target === undefined)
      bad('target', `${kind} needs a transaction flow (have: ${names})`);
    else if (!flow) bad('target', `no transaction flow "${entry.target}" runs (have: ${names})`);
  };
  const int = (key: string, min: number): number | undefined => {
    const v = p[key];
    if (v === undefined) return undefined;
    if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
    bad(`params.${key}`, `${key} must be an integer ≥ ${min}`);
    return undefined;
  };
  const str = (key: string): string | undefined => {
    const v = p[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string' && v.length > 0) return v;
    bad(`params.${key}`, `${key} must be a non-empty string`);
    return undefined;
  };
  const stepOf = (f: FlowPlan, required: boolean): number => {
    const s = int('step', 1);
    if (s === undefined) {
      if (required) bad('params.step', `${kind} needs params.step (1 to ${f.steps.length})`);
      return -1;
    }
    if (s > f.steps.length) bad('params.step', `flow "${f.id}" has ${f.steps.length} steps`);
    return s - 1;
  };
  // Checked against the flow's protocol once the flow is known (below the switch).
  const protocolStep = () => {
    a.protocolStep = str('protocolStep') ?? null;
  };
  switch (kind) {
    case 'crash-coordinator':
      needFlow();
      protocolStep();
      a.instance = int('instance', 1) ?? 0;
      a.replica = int('replica', 0) ?? 0;
      if (flow && a.replica >= flow.processes.length)
        bad(
          'params.replica',
          `flow "${flow.id}" has ${flow.processes.length} coordinator process(es)`,
        );
      break;
    case 'crash-participant': {
      protocolStep();
      a.instance = int('instance', 1) ?? 0;
      const node = entry.target === undefined ? undefined : byId.get(entry.target);
      if (flow) {
        const who = str('participant');
        const s = stepOf(flow, who === undefined);
        const step =
          who === undefined ? flow.steps[s] : flow.steps.find((x) => x.participant === who);
        if (who !== undefined && !step)
          bad('params.participant', `"${who}" is not a participant of flow "${flow.id}"`);
        a.participant = step?.participant ?? null;
      } else if (node && flows.some((f) => f.steps.some((s) => s.node === node))) {
        a.participant = node.id;
        a.flow = flows.find((f) => f.steps.some((s) => s.node === node)) ?? null;
      } else
        bad(
          'target',
          `"${entry.target ?? ''}" is neither a transaction flow nor a participant of one`,
        );
      break;
    }
    case 'fail-step':
      needFlow();
      if (flow) a.step = stepOf(flow, true);
      a.count = int('count', 1) ?? Infinity;
      break;
    case 'drop-messages':
    case 'delay-messages':
      if (entry.target !== undefined) needFlow();
      a.msgType = str('type') ?? null;
      a.from = str('from') ?? null;
      a.to = str('to') ?? null;
      for (const k of ['from', 'to'] as const) {
        const id = a[k];
        if (id !== null && !byId.has(id)) bad(`params.${k}`, `unknown node "${id}"`);
      }
      a.count = int('count', 1) ?? Infinity;
      if (kind === 'delay-messages') {
        const ms = p['ms'];
        if (typeof ms === 'number' && ms > 0 && ms <= 3_600_000) a.ms = ms;
        else bad('params.ms', 'ms must be a number of milliseconds > 0');
      }
      break;
    case 'tx-partition': {
      const side = (key: 'a' | 'b'): string[] => {
        const v = p[key];
        if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === 'string')) {
          bad(`params.${key}`, `${key} must be a list of node ids`);
          return [];
        }
        for (const id of v as string[])
          if (!byId.has(id)) bad(`params.${key}`, `unknown node "${id}"`);
        return v as string[];
      };
      a.sides = [side('a'), side('b')];
      break;
    }
  }
  if (a.protocolStep !== null && a.flow !== null) {
    const steps = protocolSteps(a.flow);
    const step = normalStep(a.protocolStep);
    if (!steps.includes(step))
      bad(
        'params.protocolStep',
        `"${a.protocolStep}" is not a step of flow "${a.flow.id}" (${a.flow.protocol}); its steps: ${steps.join(', ')}`,
      );
  }
  return problems.length > before ? null : a;
}
