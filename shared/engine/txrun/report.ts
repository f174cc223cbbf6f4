// result.transactions: one entry per flow that ran, from the invariant checker (tx/invariants.ts)
// and the run's records — outcome counts, instances still in doubt with their locks, lock holds
// and waits per row, the balance verdict with its figures, and a bounded set of instance
// timelines (messages with send and receive times, lock bars) for the sequence diagram.
import type { TxEvent } from '../tx/events';
import { OUTCOMES, outcomeOf, type Outcome } from '../tx/invariants';
import type { LocalDb } from '../tx/localDb';
import type { FlowRun, TxRun } from './run';
import { summaryOf, verdictText } from './summary';

/** Instance timelines kept per flow. */
export const MAX_TIMELINES = 12;

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export interface TxTimeline {
  tx: string;
  outcome: Outcome;
  coordinator: string;
  /** Lanes of the sequence diagram: the coordinator (or broker) first, then the participants. */
  lanes: string[];
  startMs: number | null;
  endMs: number | null;
  wasInDoubt: boolean;
  messages: {
    from: string;
    to: string;
    type: string;
    sentMs: number;
    deliveredMs?: number;
    lost?: string;
  }[];
  locks: { participant: string; row: string; fromMs: number; toMs: number | null }[];
  events: { tMs: number; reason: string; object: string; message: string }[];
}

export interface TxFlowResult {
  flow: string;
  name: string;
  protocol: string;
  coordinator: string;
  participants: string[];
  started: number;
  rejected: number;
  capped: boolean;
  outcomes: Record<Outcome, number>;
  /** Instances in doubt at the end, with the rows they keep locked. */
  inDoubt: { tx: string; sinceS: number; locks: string[] }[];
  /** Every (instance, participant) that was in doubt at some time. */
  inDoubtEver: { instances: number; branches: number; maxS: number; totalS: number };
  locks: { row: string; holds: number; maxMs: number; meanMs: number; heldAtEnd: boolean }[];
  /**
   * Instances that waited for a row lock (`behindInDoubt` of them behind an instance in doubt),
   * lock waits that timed out, and the longest and total time waited (ms).
   */
  lockWaits: {
    count: number;
    behindInDoubt: number;
    timedOut: number;
    maxMs: number;
    totalMs: number;
  };
  balance: null | {
    verdict: 'conserved at every instant' | 'conserved eventually' | 'violated';
    rows: string[];
    expected: number;
    final: number;
    min: number;
    max: number;
    inconsistentMs: number;
    blockedMs: number;
  };
  latencyMs: { mean: number; p50: number; p99: number; max: number } | null;
  messages: { sent: number; lost: Record<string, number> };
  anomalies: Record<string, number>;
  summary: string;
  timelines: TxTimeline[];
}

export function txReport(run: TxRun): TxFlowResult[] {
  const endMs = run.w.k.now;
  const byTx = new Map<string, TxEvent[]>();
  for (const e of run.log.events) {
    const tx = e.data['tx'];
    if (typeof tx !== 'string') continue;
    const list = byTx.get(tx);
    if (list) list.push(e);
    else byTx.set(tx, [e]);
  }
  const inDoubtTx = new Map<string, number>();
  for (const [key, iv] of run.inDoubt) {
    const tx = key.slice(0, key.lastIndexOf('|'));
    inDoubtTx.set(tx, Math.max(inDoubtTx.get(tx) ?? 0, (iv.toMs ?? endMs) - iv.fromMs));
  }
  return run.flows.map((f) => flowResult(run, f, endMs, byTx, inDoubtTx));
}

const txOfOwner = (owner: string) => owner.slice(0, owner.indexOf('#'));

function flowResult(
  run: TxRun,
  f: FlowRun,
  endMs: number,
  byTx: Map<string, TxEvent[]>,
  inDoubtTx: Map<string, number>,
): TxFlowResult {
  const p = f.plan;
  const outcomes = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;
  const outcomeByTx = new Map<string, Outcome>();
  const anomalies: Record<string, number> = {};
  const latencies: number[] = [];
  for (const inst of f.instances) {
    const o = outcomeOf(inst);
    outcomes[o]++;
    outcomeByTx.set(inst.id, o);
    for (const a of inst.anomalies?.() ?? []) anomalies[a.kind] = (anomalies[a.kind] ?? 0) + 1;
    if (inst.startMs !== undefined && inst.endMs !== undefined)
      latencies.push(inst.endMs - inst.startMs);
  }
  const mine = (tx: string) => run.flowOfTx.get(tx) === f;
  const participants = [...new Set(p.steps.map((s) => s.participant))];
  const dbs = new Map<string, LocalDb>();
  for (const name of participants) dbs.set(name, run.sys.db(name));

  // Lock holds of this flow's instances only (rows may be shared with another flow).
  // Business rows only (the steps' rows), not the protocols' bookkeeping (saga log, outbox, fence).
  const rowsOf = new Map<string, Set<string>>();
  for (const st of p.steps)
    rowsOf.set(st.participant, (rowsOf.get(st.participant) ?? new Set()).add(st.row));
  const business = (db: string, row: string) =>
    rowsOf.get(db)?.has(row) === true || row.includes('#hold');
  const locks = holdStats(dbs, mine, business, endMs);
  const waits = { count: 0, behindInDoubt: 0, timedOut: 0, maxMs: 0, totalMs: 0 };
  const waited = new Set<string>();
  const behind = new Set<string>();
  for (const db of dbs.values()) {
    for (const wt of db.locks.waits) {
      const tx = txOfOwner(wt.owner);
      if (!mine(tx)) continue;
      const ms = (wt.toMs ?? endMs) - wt.fromMs;
      waited.add(tx);
      waits.totalMs += ms;
      waits.maxMs = Math.max(waits.maxMs, ms);
      if (wt.timedOut) waits.timedOut++;
      const holder = db.locks.holds.find(
        (h) =>
          h.row === wt.row &&
          h.fromMs <= wt.fromMs &&
          (h.toMs ?? Infinity) > wt.fromMs &&
          h.owner !== wt.owner,
      );
      if (holder && inDoubtTx.has(txOfOwner(holder.owner))) behind.add(tx);
    }
  }
  waits.count = waited.size;
  waits.behindInDoubt = behind.size;
  waits.maxMs = r3(waits.maxMs);
  waits.totalMs = r3(waits.totalMs);

  const inDoubt = f.instances
    .filter((i) => outcomeByTx.get(i.id) === 'in_doubt')
    .map((i) => {
      const since = [...run.inDoubt]
        .filter(([k]) => k.startsWith(`${i.id}|`))
        .map(([, v]) => v.fromMs);
      const rows: string[] = [];
      for (const [name, db] of dbs)
        for (const h of db.locks.holds)
          if (h.toMs === undefined && txOfOwner(h.owner) === i.id) rows.push(`${name}/${h.row}`);
      return {
        tx: i.id,
        sinceS: r3(
          (since.length ? since.reduce((a, b) => Math.min(a, b)) : (i.startMs ?? 0)) / 1000,
        ),
        locks: rows,
      };
    });
  let branches = 0;
  let totalMs = 0;
  let maxMs = 0;
  const txs = new Set<string>();
  for (const [key, iv] of run.inDoubt) {
    const tx = key.slice(0, key.lastIndexOf('|'));
    if (!mine(tx)) continue;
    txs.add(tx);
    branches++;
    const ms = (iv.toMs ?? endMs) - iv.fromMs;
    totalMs += ms;
    maxMs = Math.max(maxMs, ms);
  }
  const b = f.observer?.report(endMs);
  const sorted = [...latencies].sort((x, y) => x - y);
  const q = (x: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(x * sorted.length) - 1)] ?? 0;
  const lost: Record<string, number> = {};
  let sent = 0;
  for (const [tx, recs] of run.net.messages) {
    if (!mine(tx)) continue;
    for (const m of recs) {
      sent++;
      if (m.lost !== undefined) lost[m.lost] = (lost[m.lost] ?? 0) + 1;
    }
  }
  const result: TxFlowResult = {
    flow: p.id,
    name: p.name,
    protocol:
      p.protocol === 'saga' && p.options.sagaMode === 'choreographed'
        ? 'saga (choreographed)'
        : p.protocol,
    coordinator: p.coordinator.id,
    participants,
    started: f.instances.length,
    rejected: f.rejected,
    capped: f.capped,
    outcomes,
    inDoubt,
    inDoubtEver: {
      instances: txs.size,
      branches,
      maxS: r3(maxMs / 1000),
      totalS: r3(totalMs / 1000),
    },
    locks,
    lockWaits: waits,
    balance: b
      ? {
          verdict: verdictText(b.verdict),
          rows: p.steps.filter((s) => s.money).map((s) => `${s.participant}/${s.row}`),
          expected: b.expected,
          final: b.final,
          min: b.min,
          max: b.max,
          inconsistentMs: r3(b.inconsistentMs),
          blockedMs: r3(b.blockedMs),
        }
      : null,
    latencyMs: sorted.length
      ? {
          mean: r3(sorted.reduce((s, x) => s + x, 0) / sorted.length),
          p50: r3(q(0.5)),
          p99: r3(q(0.99)),
          max: r3(sorted[sorted.length - 1] ?? 0),
        }
      : null,
    messages: { sent, lost },
    anomalies,
    summary: '',
    timelines: [],
  };
  result.summary = summaryOf(result);
  result.timelines = pickTimelines(f, outcomeByTx, inDoubtTx).map((tx) =>
    timelineOf(
      run,
      f,
      tx,
      outcomeByTx.get(tx) ?? 'pending',
      inDoubtTx.has(tx),
      dbs,
      business,
      byTx,
    ),
  );
  return result;
}

/** Lock holds per row of the instances `keep` accepts (rows may be shared with other flows). */
function holdStats(
  dbs: Map<string, LocalDb>,
  keep: (tx: string) => boolean,
  business: (db: string, row: string) => boolean,
  endMs: number,
): TxFlowResult['locks'] {
  const out: TxFlowResult['locks'] = [];
  for (const [name, db] of dbs) {
    const byRow = new Map<string, { n: number; sum: number; max: number; open: boolean }>();
    for (const h of db.locks.holds) {
      if (!keep(txOfOwner(h.owner)) || !business(name, h.row)) continue;
      const ms = (h.toMs ?? endMs) - h.fromMs;
      const row = h.row.replace(/#hold:.*/, '#hold');
      const r = byRow.get(row) ?? { n: 0, sum: 0, max: 0, open: false };
      r.n++;
      r.sum += ms;
      r.max = Math.max(r.max, ms);
      r.open ||= h.toMs === undefined;
      byRow.set(row, r);
    }
    for (const [row, r] of byRow)
      out.push({
        row: `${name}/${row}`,
        holds: r.n,
        maxMs: r3(r.max),
        meanMs: r3(r.sum / r.n),
        heldAtEnd: r.open,
      });
  }
  return out;
}

/** The instances worth drawing: the unusual ones first (in doubt, inconsistent, …), then the rest. */
function pickTimelines(
  f: FlowRun,
  outcome: Map<string, Outcome>,
  inDoubt: Map<string, number>,
): string[] {
  const rank = (tx: string): number => {
    if (inDoubt.has(tx)) return 0;
    const o = outcome.get(tx);
    return o === 'inconsistent'
      ? 1
      : o === 'compensated'
        ? 2
        : o === 'rolled_back'
          ? 3
          : o === 'pending'
            ? 4
            : 5;
  };
  const picked: string[] = [];
  const byRank = [0, 1, 2, 3, 4, 5].map((r) =>
    f.instances.filter((i) => rank(i.id) === r).map((i) => i.id),
  );
  // Up to three of each kind, then fill with what is left in the same order.
  for (const list of byRank) picked.push(...list.slice(0, 3));
  for (const list of byRank)
    for (const tx of list.slice(3)) if (picked.length < MAX_TIMELINES * 2) picked.push(tx);
  const keep = new Set(picked.slice(0, MAX_TIMELINES));
  return f.instances.map((i) => i.id).filter((tx) => keep.has(tx));
}

function timelineOf(
  run: TxRun,
  f: FlowRun,
  tx: string,
  outcome: Outcome,
  wasInDoubt: boolean,
  dbs: Map<string, LocalDb>,
  business: (db: string, row: string) => boolean,
  byTx: Map<string, TxEvent[]>,
): TxTimeline {
  const inst = f.instances.find((i) => i.id === tx);
  const coordinator = inst?.spec.coordinator ?? f.plan.coordinator.id;
  const lanes = [coordinator, ...new Set(f.plan.steps.map((s) => s.participant))];
  const messages = (run.net.messages.get(tx) ?? []).map((m) => {
    const out: TxTimeline['messages'][number] = {
      from: m.from,
      to: m.to,
      type: m.type,
      sentMs: m.sentMs,
    };
    if (m.deliveredMs !== undefined) out.deliveredMs = m.deliveredMs;
    if (m.lost !== undefined) out.lost = m.lost;
    if (!lanes.includes(m.from)) lanes.push(m.from);
    if (!lanes.includes(m.to)) lanes.push(m.to);
    return out;
  });
  const locks: TxTimeline['locks'] = [];
  for (const [name, db] of dbs)
    for (const h of db.locks.holds)
      if (txOfOwner(h.owner) === tx && business(name, h.row))
        locks.push({ participant: name, row: h.row, fromMs: h.fromMs, toMs: h.toMs ?? null });
  return {
    tx,
    outcome,
    coordinator,
    lanes,
    startMs: inst?.startMs ?? null,
    endMs: inst?.endMs ?? null,
    wasInDoubt,
    messages,
    locks,
    events: (byTx.get(tx) ?? []).map((e) => ({
      tMs: Math.round(e.t * 1e6) / 1e3,
      reason: e.reason,
      object: e.object,
      message: e.message,
    })),
  };
}
