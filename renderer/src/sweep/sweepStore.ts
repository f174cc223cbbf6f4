// The Sweep tab's state: the running sweep (progress, cancel) and its outcome.
import { create } from 'zustand';
import type { ArchDocument } from '../../../shared/model';
import { cheapestDesign, type ObjectiveAnswer } from '../../../shared/sweep/objective';
import { SweepError } from '../../../shared/sweep/paths';
import { planSweep, type SweepPlan } from '../../../shared/sweep/plan';
import { runSweep } from '../../../shared/sweep/schedule';
import { summarise, type CellSummary } from '../../../shared/sweep/summary';
import { webExecutor } from './webExecutor';

export interface SweepOutcome {
  doc: ArchDocument;
  plan: SweepPlan;
  summaries: CellSummary[];
  objective: ObjectiveAnswer | null;
  runs: number;
  cancelled: boolean;
}

interface SweepState {
  status: 'idle' | 'running';
  done: number;
  total: number;
  error: string | null;
  outcome: SweepOutcome | null;
  cancel: (() => void) | null;
  start(doc: ArchDocument, scenario: string, stop: boolean): Promise<void>;
}

export const useSweep = create<SweepState>((set, get) => ({
  status: 'idle',
  done: 0,
  total: 0,
  error: null,
  outcome: null,
  cancel: null,
  async start(doc, scenario, stop) {
    if (get().status === 'running') return;
    let plan: SweepPlan;
    try {
      plan = planSweep(doc, scenario);
    } catch (e) {
      set({ error: e instanceof SweepError ? e.message : String(e) });
      return;
    }
    const executor = webExecutor();
    let cancelled = false;
    set({
      status: 'running',
      done: 0,
      total: plan.runs,
      error: null,
      cancel: () => {
        cancelled = true;
        void executor.close();
      },
    });
    try {
      const lines = await runSweep(doc, plan, {
        executor,
        stop,
        cancelled: () => cancelled,
        onProgress: (done) => set({ done }),
      });
      const summaries = summarise(lines, plan.sweep.confidence);
      set({
        outcome: {
          doc,
          plan,
          summaries,
          objective: cheapestDesign(doc, plan, summaries),
          runs: lines.length,
          cancelled,
        },
      });
    } catch (e) {
      if (!cancelled) set({ error: e instanceof Error ? e.message : String(e) });
      else set({ error: 'Cancelled.' });
    } finally {
      await executor.close();
      set({ status: 'idle', cancel: null });
    }
  },
}));
