// The simulation engine: pure TypeScript, deterministic, hosted by a worker, a Web Worker or the CLI.
import type { ArchDocument, ArchDocumentInput } from '../model';
import type { CreateSimulation } from './api';
import type { RunResult } from './result';
import { Sim, type EngineOptions } from './sim';

export { BudgetError, CompileError } from './api';
export type { CreateSimulation, Simulation, SimulationOptions } from './api';
export { compile } from './compile';
export type { Chunk, RunResult, NodeResult } from './result';
export type { EngineOptions } from './sim';
export type { RunEvent } from './events';
export type { PodView, DeploymentView } from './k8s/view';
export type { Trace, Span } from './traces';
export type { SloResult } from './slo';
export { CAUSES } from './causes';
export { ENGINE_VERSION } from './version';

/** Start a run. Throws CompileError (with every problem) for a document that cannot run. */
export const createSimulation: CreateSimulation = (doc, options) => new Sim(doc, options);

/** Start a run with the engine's extra options (tracing, memory budget). */
export function createRun(
  doc: ArchDocument | ArchDocumentInput | unknown,
  options: EngineOptions = {},
): Sim {
  return new Sim(doc, options);
}

/** Run a whole scenario in one go and return its result. */
export function runToEnd(
  doc: ArchDocument | ArchDocumentInput | unknown,
  options: EngineOptions = {},
): RunResult {
  const sim = new Sim(doc, options);
  sim.advanceTo(sim.durationMs);
  return sim.result();
}
