// The invariant checker run after a transaction run: per instance, was it all or
// nothing (every branch committed, or every one rolled back / compensated)? Which are still in
// doubt? How long were rows locked? And, for a money-transfer setup, was the total balance
// conserved at every instant, only eventually, or not at all?
//
// The balance observer samples at every state change of the databases it watches. It reads as a
// locking reader would: at an instant when a watched row is locked, the reader would wait, so the
// instant counts as blocked, not as a reading; otherwise it sums the committed values. Of several
// changes at one instant only the last state counts.
import type { BranchState, Protocol, TxAnomaly, TxInstance } from './common';
import type { LocalDb } from './localDb';
import type { TxSystem } from './system';

export type Outcome =
  'committed' | 'rolled_back' | 'compensated' | 'in_doubt' | 'inconsistent' | 'pending';

export const OUTCOMES: readonly Outcome[] = [
  'committed',
  'rolled_back',
  'compensated',
  'in_doubt',
  'inconsistent',
  'pending',
];

/** Classify one instance from its branches' states. */
export function outcomeOf(inst: TxInstance): Outcome {
  const states: BranchState[] = Object.values(inst.branches());
  if (states.includes('orphaned')) return 'inconsistent';
  if (states.includes('prepared')) return 'in_doubt';
  if (states.includes('active')) return 'pending';
  const committed = states.filter((s) => s === 'committed').length;
  if (committed === states.length) return 'committed';
  if (committed === 0) return states.includes('compensated') ? 'compensated' : 'rolled_back';
  return inst.finished() ? 'inconsistent' : 'pending';
}

export interface InstanceReport {
  tx: string;
  protocol: Protocol;
  outcome: Outcome;
  /** All or nothing at the end (committed, rolled back or compensated). */
  atomic: boolean;
  branches: Record<string, BranchState>;
  startMs?: number;
  endMs?: number;
  anomalies: readonly TxAnomaly[];
}

export interface LockReport {
  /** `db/row` */
  row: string;
  holds: number;
  maxMs: number;
  meanMs: number;
  /** Still held at the end of the run (in doubt, or never released). */
  heldAtEnd: boolean;
}

export interface BalanceSample {
  atMs: number;
  /** Absent when a watched row was locked (a locking reader would wait). */
  total?: number;
}

export type BalanceVerdict = 'conserved' | 'eventually' | 'violated';

export interface BalanceReport {
  verdict: BalanceVerdict;
  expected: number;
  final: number;
  min: number;
  max: number;
  /** Time (ms) the readable total differed from the expected one. */
  inconsistentMs: number;
  /** Time (ms) a locking reader would have been blocked. */
  blockedMs: number;
  samples: readonly BalanceSample[];
}

export interface TxReport {
  instances: InstanceReport[];
  counts: Partial<Record<Protocol, Record<Outcome, number>>>;
  inDoubt: string[];
  locks: LockReport[];
  balance?: BalanceReport;
}

/** Watches the total of some numeric rows over time (a money-transfer setup's accounts). */
export class BalanceObserver {
  readonly samples: BalanceSample[] = [];
  readonly expected: number;

  constructor(
    private readonly sys: TxSystem,
    private readonly rows: readonly { db: string; row: string }[],
  ) {
    this.expected = this.read() ?? 0;
    this.sample();
    for (const name of new Set(rows.map((r) => r.db))) sys.db(name).onChange(() => this.sample());
  }

  /** The total a locking reader gets now, or undefined while a watched row is locked. */
  read(): number | undefined {
    let total = 0;
    for (const { db, row } of this.rows) {
      const d: LocalDb = this.sys.db(db);
      if (d.locks.holder(row) !== undefined) return undefined;
      const v = d.committed(row);
      total += typeof v === 'number' ? v : 0;
    }
    return total;
  }

  private sample(): void {
    const atMs = this.sys.net.now();
    const total = this.read();
    const s: BalanceSample = total === undefined ? { atMs } : { atMs, total };
    const last = this.samples[this.samples.length - 1];
    if (last && last.atMs === atMs) this.samples[this.samples.length - 1] = s;
    else this.samples.push(s);
  }

  report(endMs = this.sys.net.now()): BalanceReport {
    let inconsistentMs = 0;
    let blockedMs = 0;
    let min = this.expected;
    let max = this.expected;
    let final = this.expected;
    let deviated = false;
    this.samples.forEach((s, i) => {
      const until = this.samples[i + 1]?.atMs ?? endMs;
      if (s.total === undefined) {
        blockedMs += until - s.atMs;
        return;
      }
      final = s.total;
      min = Math.min(min, s.total);
      max = Math.max(max, s.total);
      if (s.total !== this.expected) {
        deviated = true;
        inconsistentMs += until - s.atMs;
      }
    });
    const verdict: BalanceVerdict =
      final !== this.expected ? 'violated' : deviated ? 'eventually' : 'conserved';
    return {
      verdict,
      expected: this.expected,
      final,
      min,
      max,
      inconsistentMs,
      blockedMs,
      samples: this.samples,
    };
  }
}

export function lockReport(dbs: ReadonlyMap<string, LocalDb>, endMs: number): LockReport[] {
  const out: LockReport[] = [];
  for (const [name, db] of dbs) {
    const byRow = new Map<string, { n: number; sum: number; max: number; open: boolean }>();
    for (const h of db.locks.holds) {
      const ms = (h.toMs ?? endMs) - h.fromMs;
      const r = byRow.get(h.row) ?? { n: 0, sum: 0, max: 0, open: false };
      r.n++;
      r.sum += ms;
      r.max = Math.max(r.max, ms);
      r.open ||= h.toMs === undefined;
      byRow.set(h.row, r);
    }
    for (const [row, r] of byRow) {
      out.push({
        row: `${name}/${row}`,
        holds: r.n,
        maxMs: r.max,
        meanMs: r.sum / r.n,
        heldAtEnd: r.open,
      });
    }
  }
  return out;
}

export function checkInvariants(sys: TxSystem, balance?: BalanceObserver): TxReport {
  const endMs = sys.net.now();
  const instances = sys.instances.map((inst): InstanceReport => {
    const outcome = outcomeOf(inst);
    const r: InstanceReport = {
      tx: inst.id,
      protocol: inst.protocol,
      outcome,
      atomic: outcome === 'committed' || outcome === 'rolled_back' || outcome === 'compensated',
      branches: inst.branches(),
      anomalies: inst.anomalies?.() ?? [],
    };
    if (inst.startMs !== undefined) r.startMs = inst.startMs;
    if (inst.endMs !== undefined) r.endMs = inst.endMs;
    return r;
  });
  const counts: TxReport['counts'] = {};
  for (const i of instances) {
    const c = (counts[i.protocol] ??= Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<
      Outcome,
      number
    >);
    c[i.outcome]++;
  }
  const report: TxReport = {
    instances,
    counts,
    inDoubt: instances.filter((i) => i.outcome === 'in_doubt').map((i) => i.tx),
    locks: lockReport(sys.dbs, endMs),
  };
  if (balance) report.balance = balance.report(endMs);
  return report;
}
