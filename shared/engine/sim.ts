// One run: compile the document, seed the kernel, and dispatch events until the host's target
// time. The host decides how far to advance (batch or paced); the engine never reads a clock.
import { cpuSecond, cpuWarm } from './cpu/attach';
import { ArchDocument, migrate } from '../model';
import type { LiveCommand } from '../protocol';
import { problemsOf } from '../protocol';
import type { Problem } from '../protocol';
import { applyAction, endAction } from './actionRegistry';
import { compileAction } from './actions';
import type { Simulation, SimulationOptions } from './api';
import { BudgetError, CompileError } from './api';
import { scheduleArrival } from './arrivals';
import { checkBudget, SERIES_PER_SECOND } from './budget';
import { compile } from './compile';
import { answer, deliver, edgeTimeouts, nextStep, retry, startRoot } from './flow';
import type { Action, Graph, Pool, REdge, RNode } from './graph';
import { K_CLIENT } from './graph';
import { arriveAt, poolTimer, workDone } from './nodes';
import { ENGINE_ACTIONS } from './engineActions';
import type { Req } from './request';
import { buildResult, takeChunk, type ChunkCursor, type RunResult } from './result';
import { endTx, startTx } from './txrun';
import type { Timer } from './timer';
import { startControlPlane } from './controlPlane';
import { sloWindows, type SloWindow } from './sloWindow';
import {
  EV_ACTION,
  EV_ACTION_END,
  EV_ARRIVAL,
  EV_DELIVER,
  EV_EDGE_TIMEOUT,
  EV_LEAVE_BUCKET,
  EV_POOL_TIMER,
  EV_RESPONSE,
  EV_RETRY,
  EV_TICK,
  EV_TIMER,
  EV_WARM,
  EV_WORK_DONE,
  World,
} from './world';

export interface EngineOptions extends SimulationOptions {
  /** Keep a trace of one client request in this many (0 = none). Default 100. */
  traceEvery?: number | undefined;
  /** Most traces kept. Default 200. */
  maxTraces?: number | undefined;
  /** Memory the run may retain (MB). Default 1024. */
  memoryBudgetMB?: number | undefined;
  /**
   * Events one instant of simulated time may dispatch before the run is judged stuck and stops
   * with a BudgetError. Default 20,000,000.
   */
  maxEventsAtOneInstant?: number | undefined;
}

export interface Command {
  t: number;
  action: string;
  target: string | null;
  params: Record<string, unknown>;
  forS: number | null;
}

export class Sim implements Simulation {
  readonly w: World;
  readonly g: Graph;
  finished = false;
  readonly commands: Command[] = [];
  /** Watchers of the SLOs with a rolling window (sloWindow.ts); null when there are none. */
  readonly sloWindows: SloWindow[] | null;
  private lastTickMs = 0;
  // The instant the last event ran at, and how many events ran at it (the progress guard).
  private instantMs = -1;
  private atInstant = 0;
  private readonly maxAtInstant: number;
  private readonly cursor: ChunkCursor = { series: 0, events: 0, traces: 0 };

  constructor(input: unknown, options: EngineOptions = {}) {
    const parsed = ArchDocument.safeParse(current(input));
    if (!parsed.success) throw new CompileError(problemsOf(parsed.error));
    const g = (this.g = compile(parsed.data, options, ENGINE_ACTIONS));
    const mb = options.memoryBudgetMB ?? 1024;
    this.maxAtInstant = options.maxEventsAtOneInstant ?? 20_000_000;
    const budget = {
      maxInFlight: Math.max(1000, Math.floor(mb * 1000)),
      maxMessages: Math.max(1000, Math.floor(mb * 50_000)),
      maxSeriesPoints: Math.floor(mb * 10_000),
      maxEvents: 100_000,
      maxBytes: mb * 1024 * 1024,
    };
    const points = g.nodes.length * Math.ceil(g.durationMs / 1000) * SERIES_PER_SECOND;
    if (points > budget.maxSeriesPoints) {
      throw new BudgetError(
        `Memory budget exceeded before the start: ${g.nodes.length} nodes × ` +
          `${Math.ceil(g.durationMs / 1000)} s of per-second series would keep ` +
          `${points.toLocaleString('en-US')} numbers (budget ${budget.maxSeriesPoints.toLocaleString('en-US')}). ` +
          `Shorten the run or raise memoryBudgetMB.`,
      );
    }
    const w = (this.w = new World(g, budget, options.traceEvery ?? 100, options.maxTraces ?? 200, {
      actions: ENGINE_ACTIONS,
      arrive: arriveAt,
    }));
    this.sloWindows = sloWindows(g.slos, g.nodes, g.warmupMs);
    for (const node of g.nodes) if (node.kind === K_CLIENT) scheduleArrival(w, node, 0);
    // Per-second buckets are [t, t + 1 s): the tick closing a second runs before anything else
    // due at its instant, and timeline actions after everything else due at theirs (as a live
    // command given once the clock reached that instant), so an action at exactly 10 s counts in
    // second 10 and its replay matches the live run.
    if (g.durationMs > 1000) w.k.atFirst(1000, EV_TICK, null, 0);
    if (g.warmupMs > 0) w.k.at(g.warmupMs, EV_WARM, null, 0);
    startControlPlane(w);
    for (const a of g.actions) w.k.atLast(a.atMs, EV_ACTION, a, 0);
    startTx(w, g.tx);
  }

  get scenario(): string {
    return this.g.scenario;
  }
  get seed(): number {
    return this.g.seed;
  }
  get durationMs(): number {
    return this.g.durationMs;
  }
  get nowMs(): number {
    return this.w.k.now;
  }

  advanceTo(tMs: number): boolean {
    if (this.finished) return true;
    const limit = Math.min(tMs, this.g.durationMs);
    const w = this.w;
    const k = w.k;
    while (k.next(limit)) {
      if (k.now !== this.instantMs) {
        this.instantMs = k.now;
        this.atInstant = 0;
      } else if (++this.atInstant > this.maxAtInstant) this.stuck();
      switch (k.type) {
        case EV_WORK_DONE: {
          const r = k.obj as Req;
          if (r.gen === k.arg) workDone(w, r);
          break;
        }
        case EV_ARRIVAL: {
          const client = k.obj as RNode;
          if (k.arg !== client.arrivalGen) break;
          scheduleArrival(w, client, k.now);
          startRoot(w, client);
          break;
        }
        case EV_DELIVER: {
          const r = k.obj as Req;
          if (r.gen === k.arg) deliver(w, r);
          break;
        }
        case EV_RESPONSE: {
          const r = k.obj as Req;
          if (r.gen === k.arg) answer(w, r);
          break;
        }
        case EV_LEAVE_BUCKET: {
          const r = k.obj as Req;
          if (r.gen === k.arg) nextStep(w, r);
          break;
        }
        case EV_EDGE_TIMEOUT:
          edgeTimeouts(w, k.obj as REdge);
          break;
        case EV_RETRY:
          retry(w, k.obj as Req, k.arg);
          break;
        case EV_POOL_TIMER:
          poolTimer(w, k.obj as Pool);
          break;
        case EV_TICK:
          this.tick(k.now);
          if (k.now + 1000 < this.g.durationMs) k.atFirst(k.now + 1000, EV_TICK, null, 0);
          break;
        case EV_WARM:
          for (const node of this.g.nodes) node.stats.markWarm(k.now);
          cpuWarm(this.g.nodes, k.now);
          break;
        case EV_ACTION:
          applyAction(w, k.obj as Action, false);
          break;
        case EV_ACTION_END:
          endAction(w, k.obj as Action);
          break;
        case EV_TIMER:
          (k.obj as Timer).fire(w, k.arg);
          break;
      }
    }
    if (limit > k.now) k.now = limit;
    if (limit >= this.g.durationMs) {
      if (k.now > this.lastTickMs) this.tick(k.now);
      endTx(w);
      this.finished = true;
    }
    return this.finished;
  }

  /** A run whose clock stops moving would never end: it stops instead. */
  private stuck(): never {
    throw new BudgetError(
      `The run stopped at t=${(this.w.k.now / 1000).toFixed(3)} s: more than ` +
        `${this.maxAtInstant.toLocaleString('en-US')} events at the same instant, so ` +
        `simulated time no longer advances. A zero-delay loop or a rate too high for the clock ` +
        `is the usual cause.`,
    );
  }

  private tick(now: number): void {
    const second = this.lastTickMs / 1000;
    const span = now - this.lastTickMs;
    checkBudget(this.w, now);
    if (this.sloWindows !== null) for (const sw of this.sloWindows) sw.second(second, now);
    for (const node of this.g.nodes) node.stats.flush(now, second, span);
    cpuSecond(this.g.nodes, now, span);
    this.lastTickMs = now;
  }

  takeChunk(): unknown {
    return takeChunk(this, this.cursor);
  }

  command(command: LiveCommand): void {
    const problems: Problem[] = [];
    const action = compileAction(command, -1, 'command', this.g, this.w.actions, problems);
    if (!action) throw new CompileError(problems);
    action.atMs = this.w.k.now;
    this.commands.push({
      t: Math.round(this.w.k.now) / 1000,
      action: command.action,
      target: command.target ?? null,
      params: command.params,
      forS: command.forS ?? null,
    });
    applyAction(this.w, action, true);
  }

  result(): RunResult {
    return buildResult(this);
  }
}

/** A document of an older format version brought up to the current one (see model/migrations). */
function current(input: unknown): unknown {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return input;
  const raw = input as Record<string, unknown>;
  const version = raw['version'];
  if (typeof version !== 'number' || !Number.isInteger(version)) return input;
  const migrated = migrate(raw, version);
  return migrated.ok ? migrated.doc : input;
}
