// The host-agnostic engine session. Every host (worker thread, Web Worker, CLI tests) wraps this
// with its own transport, so all of them answer the same protocol messages the same way.
// The wall clock is injected: the engine never sees it, only the pacing here does.
import { parseDocument } from '../model';
import {
  ErrorCode,
  PROTOCOL_VERSION,
  parseToHost,
  type FromHost,
  type RunOptions,
  type ToHost,
} from '../protocol';
import { BudgetError, CompileError, type CreateSimulation, type Simulation } from '../engine/api';

export interface HostClock {
  /** Wall-clock milliseconds (monotonic). */
  now(): number;
  /** Run fn after ms of wall time; returns a handle for cancel. */
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export interface SessionDeps {
  send: (message: FromHost) => void;
  clock: HostClock;
  createSimulation: CreateSimulation;
  engineVersion: string;
  /** How long one batch slice may hold the thread before yielding (ms of wall time). */
  sliceMs?: number;
  /** How often a live run advances (ms of wall time). */
  tickMs?: number;
}

interface ActiveRun {
  id: string;
  sim: Simulation;
  options: RunOptions;
  paused: boolean;
  timer: unknown;
  /** Live pacing anchor: simulated ms at wallAnchor. */
  simAnchor: number;
  wallAnchor: number;
}

const SIM_STEP_MS = 1000;

export function createSession(deps: SessionDeps): { handle(raw: unknown): void } {
  const { send, clock } = deps;
  const sliceMs = deps.sliceMs ?? 30;
  const tickMs = deps.tickMs ?? 33;
  const runs = new Map<string, ActiveRun>();

  function fail(runId: string | undefined, code: FromHost & { type: 'error' }) {
    send(runId === undefined ? code : { ...code, runId });
  }

  function errorOf(runId: string, e: unknown): FromHost {
    if (e instanceof CompileError) {
      return {
        type: 'error',
        code: ErrorCode.badDocument,
        runId,
        message: 'The document cannot run',
        problems: e.problems,
      };
    }
    if (e instanceof BudgetError) {
      return { type: 'error', code: ErrorCode.memoryBudget, runId, message: e.message };
    }
    const message = e instanceof Error ? e.message : String(e);
    return { type: 'error', code: ErrorCode.runFailed, runId, message };
  }

  function finish(run: ActiveRun, stopped: boolean) {
    clock.cancel(run.timer);
    runs.delete(run.id);
    try {
      flush(run);
      send({ type: 'run.done', runId: run.id, result: run.sim.result(), stopped });
    } catch (e) {
      send(errorOf(run.id, e));
    }
  }

  function flush(run: ActiveRun) {
    const chunk = run.sim.takeChunk();
    if (chunk !== undefined && chunk !== null) send({ type: 'run.chunk', runId: run.id, chunk });
    send({
      type: 'run.progress',
      runId: run.id,
      tS: run.sim.nowMs / 1000,
      fraction: run.sim.durationMs > 0 ? run.sim.nowMs / run.sim.durationMs : 1,
      paused: run.paused,
    });
  }

  /** Advance until the target simulated time or the wall budget is spent; true when finished. */
  function advance(run: ActiveRun, targetMs: number, budgetMs: number): boolean {
    const start = clock.now();
    while (run.sim.nowMs < targetMs) {
      const next = Math.min(targetMs, (Math.floor(run.sim.nowMs / SIM_STEP_MS) + 1) * SIM_STEP_MS);
      if (run.sim.advanceTo(next)) return true;
      if (clock.now() - start >= budgetMs) break;
    }
    return run.sim.finished;
  }

  function step(run: ActiveRun) {
    run.timer = undefined;
    if (run.paused || !runs.has(run.id)) return;
    try {
      const live = run.options.mode === 'live' && run.options.speed > 0;
      // Live runs advance in whole simulated milliseconds, the resolution commands are recorded
      // at, so a live drill replayed from its recorded timeline gives the identical result.
      const target = live
        ? Math.floor(run.simAnchor + (clock.now() - run.wallAnchor) * run.options.speed)
        : run.sim.durationMs;
      const done = advance(run, Math.min(target, run.sim.durationMs), live ? tickMs : sliceMs);
      if (done) return finish(run, false);
      flush(run);
      run.timer = clock.schedule(() => step(run), live ? tickMs : 0);
    } catch (e) {
      clock.cancel(run.timer);
      runs.delete(run.id);
      send(errorOf(run.id, e));
    }
  }

  function reanchor(run: ActiveRun) {
    run.simAnchor = run.sim.nowMs;
    run.wallAnchor = clock.now();
  }

  function start(msg: Extract<ToHost, { type: 'run.start' }>) {
    if (runs.has(msg.runId)) {
      return fail(msg.runId, {
        type: 'error',
        code: ErrorCode.badMessage,
        message: `Run ${msg.runId} is already running`,
      });
    }
    const parsed = parseDocument(msg.document);
    if (!parsed.ok) {
      return send({
        type: 'error',
        code: ErrorCode.badDocument,
        runId: msg.runId,
        message: 'The document is not valid',
        problems: parsed.problems,
      });
    }
    let sim: Simulation;
    try {
      sim = deps.createSimulation(parsed.doc, {
        scenario: msg.options.scenario,
        seed: msg.options.seed,
        durationS: msg.options.durationS,
      });
    } catch (e) {
      return send(errorOf(msg.runId, e));
    }
    const run: ActiveRun = {
      id: msg.runId,
      sim,
      options: msg.options,
      paused: false,
      timer: undefined,
      simAnchor: 0,
      wallAnchor: clock.now(),
    };
    runs.set(run.id, run);
    send({
      type: 'run.started',
      runId: run.id,
      durationS: sim.durationMs / 1000,
      scenario: sim.scenario,
      seed: sim.seed,
    });
    run.timer = clock.schedule(() => step(run), 0);
  }

  function withRun(runId: string, fn: (run: ActiveRun) => void) {
    const run = runs.get(runId);
    if (!run) {
      return send({
        type: 'error',
        code: ErrorCode.unknownRun,
        runId,
        message: `No run ${runId} is active`,
      });
    }
    fn(run);
  }

  function handle(raw: unknown) {
    const parsed = parseToHost(raw);
    if (!parsed.ok) return send(parsed.error);
    const msg = parsed.msg;
    switch (msg.type) {
      case 'ping':
        return send({
          type: 'pong',
          id: msg.id,
          protocol: PROTOCOL_VERSION,
          engine: deps.engineVersion,
        });
      case 'run.start':
        return start(msg);
      case 'run.pause':
        return withRun(msg.runId, (run) => {
          run.paused = true;
          clock.cancel(run.timer);
          run.timer = undefined;
          flush(run);
        });
      case 'run.resume':
        return withRun(msg.runId, (run) => {
          if (!run.paused) return;
          run.paused = false;
          reanchor(run);
          run.timer = clock.schedule(() => step(run), 0);
        });
      case 'run.stop':
        return withRun(msg.runId, (run) => finish(run, true));
      case 'run.speed':
        return withRun(msg.runId, (run) => {
          run.options = { ...run.options, speed: msg.speed };
          reanchor(run);
        });
      case 'run.command':
        return withRun(msg.runId, (run) => {
          try {
            run.sim.command(msg.command);
          } catch (e) {
            // A refused command leaves the run going: it is reported, not fatal.
            const problems = e instanceof CompileError ? e.problems : [];
            send({
              type: 'error',
              code: ErrorCode.badCommand,
              runId: run.id,
              message: `The command "${msg.command.action}" was refused${problems.length ? '' : `: ${e instanceof Error ? e.message : String(e)}`}`,
              problems,
            });
          }
        });
    }
  }

  return { handle };
}
