// Applying the scenario's transaction faults (planActions.ts) at their time: crashes now or at a
// protocol step of an instance, fail-step windows, message drops and delays, partitions.
import type { MessageRecord, MessageMatch } from '../tx/txNet';
import type { FlowPlan } from './plan';
import type { TxActionPlan } from './planActions';
import type { TxRun } from './run';

export interface FailRule {
  flow: FlowPlan;
  step: number;
  fromMs: number;
  toMs: number;
  remaining: number;
}

/** EV at a.atMs: the action takes effect (or is armed, for a protocol step). */
export function armTxAction(run: TxRun, a: TxActionPlan): void {
  const { net, w } = run;
  const now = w.k.now;
  const source = { timeline: a.index, fault: a.kind };
  const injected = (object: string, message: string, data: Record<string, unknown> = {}) =>
    w.log.add(now, 'Warning', 'FaultInjected', object, message, { ...source, ...data });
  const until = a.forMs === Infinity ? Infinity : now + a.forMs;
  switch (a.kind) {
    case 'crash-coordinator':
    case 'crash-participant': {
      if (a.protocolStep !== null) return armTrigger(run, a);
      const process =
        a.kind === 'crash-participant'
          ? (a.participant as string)
          : ((a.flow as FlowPlan).processes[a.replica] as string);
      injected(process, `Crashing ${process}${recoverText(a)}`);
      crashFor(run, a, process, {});
      return;
    }
    case 'fail-step': {
      const f = a.flow as FlowPlan;
      run.failRules.push({ flow: f, step: a.step, fromMs: now, toMs: until, remaining: a.count });
      injected(
        f.id,
        `Step ${a.step + 1} of ${f.id} fails for instances starting until ${fmtS(until)}`,
        {
          step: a.step + 1,
        },
      );
      return;
    }
    case 'drop-messages':
    case 'delay-messages': {
      const match: MessageMatch = (m, from, to) => {
        if (w.k.now >= until) return false;
        if (a.flow && run.flowOfTx.get(m.tx)?.plan !== a.flow) return false;
        if (a.msgType !== null && m.type.toUpperCase() !== a.msgType.toUpperCase()) return false;
        if (a.from !== null && nodeId(run, from) !== a.from) return false;
        if (a.to !== null && nodeId(run, to) !== a.to) return false;
        return true;
      };
      const what = `${a.msgType ?? 'all'} messages${a.flow ? ` of ${a.flow.id}` : ''}`;
      if (a.kind === 'drop-messages') {
        net.faults.drop(match, a.count);
        injected(a.flow?.id ?? 'transactions', `Dropping ${what} until ${fmtS(until)}`);
      } else {
        net.faults.delay(match, a.ms, a.count);
        injected(
          a.flow?.id ?? 'transactions',
          `Delaying ${what} by ${a.ms} ms until ${fmtS(until)}`,
        );
      }
      return;
    }
    case 'tx-partition': {
      const [left, right] = a.sides as [string[], string[]];
      net.faults.partition(left, right);
      injected(
        left.join(','),
        `Partitioned {${left.join(', ')}} from {${right.join(', ')}} for transaction messages`,
      );
      if (until !== Infinity)
        net.at(until, () => {
          net.faults.heal();
          w.log.add(w.k.now, 'Normal', 'FaultCleared', left.join(','), 'Partition healed', {
            fault: a.kind,
          });
        });
      return;
    }
  }
}

function nodeId(run: TxRun, process: string): string | undefined {
  for (const f of run.plan.flows) {
    if (f.processes.includes(process)) return f.coordinator.id;
    const s = f.steps.find((x) => x.participant === process);
    if (s) return s.node.id;
  }
  return undefined;
}

const fmtS = (ms: number) => (ms === Infinity ? 'the end' : `${Math.round(ms) / 1000} s`);
const recoverText = (a: TxActionPlan) =>
  a.forMs === Infinity ? ' (it does not restart)' : ` (restarts after ${a.forMs / 1000} s)`;

function crashFor(
  run: TxRun,
  a: TxActionPlan,
  process: string,
  data: Record<string, unknown>,
): void {
  if (!run.net.crash(process, { timeline: a.index, ...data })) return;
  if (a.forMs !== Infinity) run.net.at(run.w.k.now + a.forMs, () => run.net.recover(process, data));
}

/** Crash when an instance of the flow reaches the protocol step. */
function armTrigger(run: TxRun, a: TxActionPlan): void {
  const f = a.flow as FlowPlan;
  const step = a.protocolStep as string;
  const armedAt = run.w.k.now;
  let fired = false;
  const votes = new Map<string, number>();
  const mine = (tx: string): boolean => {
    if (fired) return false;
    if (a.instance > 0) return tx === `${f.id}-${a.instance}`;
    const inst = run.flowOfTx.get(tx)?.instances.find((i) => i.id === tx);
    return (
      inst !== undefined && run.flowOfTx.get(tx)?.plan === f && (inst.startMs ?? -1) >= armedAt
    );
  };
  const processOf = (tx: string): string | undefined => {
    if (a.kind === 'crash-participant') return a.participant ?? undefined;
    return run.flowOfTx.get(tx)?.instances.find((i) => i.id === tx)?.spec.coordinator;
  };
  run.unfired.add(a);
  const fire = (tx: string, process: string, later: boolean) => {
    fired = true;
    run.unfired.delete(a);
    const data = { tx, protocolStep: step };
    run.w.log.add(
      run.w.k.now,
      'Warning',
      'FaultInjected',
      process,
      `Crashing ${process} ${step} of ${tx}${recoverText(a)}`,
      {
        timeline: a.index,
        fault: a.kind,
        ...data,
      },
    );
    if (later) run.net.at(run.w.k.now, () => crashFor(run, a, process, data));
    else crashFor(run, a, process, data);
  };
  const [when, ...rest] = step.split('-');
  const type = rest.join('-').toUpperCase();
  const is = (rec: MessageRecord) => rec.type.toUpperCase() === type;
  if (step === 'after-commit-logged' || step === 'after-decision') {
    run.log.listen((e) => {
      const tx = e.data['tx'];
      if (e.reason !== 'DecisionLogged' || typeof tx !== 'string' || !mine(tx)) return;
      if (e.object === processOf(tx)) fire(tx, e.object, false);
    });
    return;
  }
  run.net.taps.push({
    beforeSend: (rec) => {
      if (when === 'before' && is(rec) && mine(rec.tx) && rec.from === processOf(rec.tx))
        fire(rec.tx, rec.from, false);
    },
    afterSend: (rec) => {
      if (
        when === 'after' &&
        step !== 'after-votes' &&
        is(rec) &&
        mine(rec.tx) &&
        rec.from === processOf(rec.tx)
      )
        fire(rec.tx, rec.from, true);
    },
    beforeDeliver: (rec) => {
      if (!mine(rec.tx) || rec.to !== processOf(rec.tx)) return;
      if (when === 'on' && is(rec)) return fire(rec.tx, rec.to, false);
      if (step === 'after-votes' && rec.type === 'VOTE') {
        const n = (votes.get(rec.tx) ?? 0) + 1;
        votes.set(rec.tx, n);
        if (n === f.steps.length) fire(rec.tx, rec.to, false);
      }
    },
  });
}
