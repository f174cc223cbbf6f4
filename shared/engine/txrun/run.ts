// Transaction flows inside a simulation run. Each flow starts instances at its rate
// (options.ratePerS, evenly spaced from options.fromS until options.toS or the end of the run;
// instance n is `${flow.id}-${n}`) on the coordinator processes that are up, round-robin; when
// none is up the instance is rejected (the flow is unavailable). Every instance of a flow works on
// the same rows (its steps' actions: "debit wallet", "credit merchant", "add -1 stock", …), so
// instances queue for each other's row locks like requests on hot rows do. Every row starts at
// SEED_VALUE. The protocols' events go to the run's event log; the invariant checker's figures
// become result.transactions (report.ts).
import type { World } from '../world';
import type { TxInstance, TxStep } from '../tx/common';
import { TxLog } from '../tx/events';
import { BalanceObserver } from '../tx/invariants';
import { createTxSystem, type TxSystem } from '../tx/system';
import { armTxAction, type FailRule } from './drill';
import { KernelNet } from './kernelNet';
import type { FlowPlan, TxPlan } from './plan';
import type { TxActionPlan } from './planActions';

/** Every row a flow touches starts with this committed value. */
export const SEED_VALUE = 1_000_000;
/** Instances a flow starts at most in one run. */
export const MAX_INSTANCES = 5_000;

export interface FlowRun {
  readonly plan: FlowPlan;
  readonly instances: TxInstance[];
  readonly observer: BalanceObserver | null;
  /** Instances due (started or rejected). */
  due: number;
  rejected: number;
  capped: boolean;
  rr: number;
}

interface Interval {
  fromMs: number;
  toMs?: number;
}

export class TxRun {
  readonly log: TxLog;
  readonly net: KernelNet;
  readonly sys: TxSystem;
  readonly flows: FlowRun[] = [];
  readonly flowOfTx = new Map<string, FlowRun>();
  readonly failRules: FailRule[] = [];
  /** Crashes armed for a protocol step that no instance has reached yet. */
  readonly unfired = new Set<TxActionPlan>();
  /** Per `tx|participant`: when it went in doubt and when it learned the decision. */
  readonly inDoubt = new Map<string, Interval>();
  private readonly endMs: number;

  constructor(
    readonly w: World,
    readonly plan: TxPlan,
  ) {
    const k = w.k;
    this.endMs = w.g.durationMs;
    const log = (this.log = new TxLog(() => k.now));
    const processes = new Map<string, (typeof plan.flows)[number]['coordinator']>();
    for (const f of plan.flows) {
      for (const p of f.processes) processes.set(p, f.coordinator);
      for (const s of f.steps) processes.set(s.participant, s.node);
    }
    this.net = new KernelNet(w, log, (p) => processes.get(p), plan.routeOf);
    const lockWait = plan.flows.reduce((m, f) => Math.min(m, f.options.lockWaitTimeoutMs), 50_000);
    this.sys = createTxSystem(this.net, log, { lockWaitTimeoutMs: lockWait });
    log.listen((e) => {
      const tx = e.data['tx'];
      const f = typeof tx === 'string' ? this.flowOfTx.get(tx) : undefined;
      w.log.add(
        k.now,
        e.type,
        e.reason,
        e.object,
        e.message,
        f ? { flow: f.plan.id, ...e.data } : e.data,
      );
      if (typeof tx !== 'string') return;
      const key = `${tx}|${e.object}`;
      if (e.reason === 'InDoubt' && !this.inDoubt.has(key))
        this.inDoubt.set(key, { fromMs: k.now });
      else if (e.reason === 'TransactionCommitted' || e.reason === 'TransactionRolledBack') {
        const open = this.inDoubt.get(key);
        if (open && open.toMs === undefined) open.toMs = k.now;
      }
    });
    for (const f of plan.flows) {
      for (const s of f.steps) {
        const db = this.sys.db(s.participant);
        if (db.committed(s.row) === undefined) db.seed(s.row, SEED_VALUE);
      }
    }
    for (const f of plan.flows) {
      const money = f.steps.filter((s) => s.money);
      const rows = [...new Map(money.map((s) => [`${s.participant}/${s.row}`, s])).values()];
      const observer =
        rows.length >= 2
          ? new BalanceObserver(
              this.sys,
              rows.map((s) => ({ db: s.participant, row: s.row })),
            )
          : null;
      const run: FlowRun = {
        plan: f,
        instances: [],
        observer,
        due: 0,
        rejected: 0,
        capped: false,
        rr: 0,
      };
      this.flows.push(run);
      this.scheduleNext(run);
    }
    for (const a of plan.actions) this.net.at(a.atMs, () => armTxAction(this, a));
  }

  /** Time instance n (1-based) of a flow is due, or Infinity when it is past its window. */
  private dueMs(f: FlowRun, n: number): number {
    const o = f.plan.options;
    if (o.ratePerS <= 0) return Infinity;
    const t = o.fromS * 1000 + ((n - 1) * 1000) / o.ratePerS;
    const until = Math.min(o.toS === undefined ? Infinity : o.toS * 1000, this.endMs);
    return t < until ? t : Infinity;
  }

  private scheduleNext(f: FlowRun): void {
    const t = this.dueMs(f, f.due + 1);
    if (t === Infinity) return;
    if (f.due >= MAX_INSTANCES) {
      f.capped = true;
      this.log.warning(
        'TransactionsCapped',
        f.plan.id,
        `Flow ${f.plan.id} reached ${MAX_INSTANCES} instances: no more start in this run`,
      );
      return;
    }
    this.net.at(t, () => {
      this.startInstance(f);
      this.scheduleNext(f);
    });
  }

  private startInstance(f: FlowRun): void {
    const n = ++f.due;
    const id = `${f.plan.id}-${n}`;
    const procs = f.plan.processes;
    // A broker flow's "coordinator" is its queue: instances start whatever its state.
    const brokered = procs.length === 1 && procs[0] === f.plan.coordinator.id;
    let coordinator: string | undefined;
    for (let i = 0; i < procs.length; i++) {
      const p = procs[(f.rr + i) % procs.length] as string;
      if (!brokered && !this.net.isUp(p)) continue;
      coordinator = p;
      f.rr = (f.rr + i + 1) % procs.length;
      break;
    }
    if (coordinator === undefined) {
      f.rejected++;
      this.w.log.add(
        this.w.k.now,
        'Warning',
        'TransactionRejected',
        f.plan.coordinator.id,
        `No coordinator of ${f.plan.id} is up: ${id} was not started`,
        { flow: f.plan.id, tx: id },
      );
      return;
    }
    const steps: TxStep[] = f.plan.steps.map((s, i) => {
      const step: TxStep = { participant: s.participant, row: s.row, delta: s.delta };
      if (this.failing(f, i)) step.fail = true;
      return step;
    });
    const inst = this.sys.create(f.plan.protocol, { id, coordinator, steps }, f.plan.options);
    f.instances.push(inst);
    this.flowOfTx.set(id, f);
    inst.start();
  }

  /** Does a fail-step rule make step i of a new instance of this flow fail (and use one up)? */
  private failing(f: FlowRun, i: number): boolean {
    const now = this.w.k.now;
    for (const r of this.failRules) {
      if (r.flow !== f.plan || r.step !== i || r.remaining <= 0) continue;
      if (now < r.fromMs || now >= r.toMs) continue;
      r.remaining--;
      return true;
    }
    return false;
  }
}
