// The seam between the engine and its hosts (worker thread, Web Worker, CLI).
// A host creates a Simulation, then advances it: all at once (batch) or paced to the wall clock
// (live). The engine never reads a clock; the host decides how far to advance.
import type { ArchDocument } from '../model';
import type { LiveCommand, Problem } from '../protocol';

export interface SimulationOptions {
  scenario?: string | undefined;
  seed?: number | undefined;
  durationS?: number | undefined;
}

/** A document that cannot run: every problem names its node, edge or JSON path. */
export class CompileError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join('\n'));
    this.name = 'CompileError';
    this.problems = problems;
  }
}

/** A run that would outgrow its memory budget stops with this. */
export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetError';
  }
}

export interface Simulation {
  readonly scenario: string;
  readonly seed: number;
  readonly durationMs: number;
  /** Simulated time reached so far (ms). */
  readonly nowMs: number;
  readonly finished: boolean;
  /** Process every event up to and including tMs (clamped to the duration); true once finished. */
  advanceTo(tMs: number): boolean;
  /** What was produced since the last call (series points, events, traces), for live views. */
  takeChunk(): unknown;
  /** Apply a live command at the current simulated time; it is recorded into the run's timeline. */
  command(command: LiveCommand): void;
  /** The complete result (JSON-serialisable). Call once finished (or after a stop). */
  result(): unknown;
}

export type CreateSimulation = (doc: ArchDocument, options: SimulationOptions) => Simulation;
