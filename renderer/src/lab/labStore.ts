// The Concurrency tab's state: the running lab (progress, cancel) and its curves. The runs go
// through the sweep's runner on the same Web Workers as the Sweep tab.
import { create } from 'zustand';
import type { ArchDocument } from '../../../shared/model';
import { runLab, type LabCurve, type LabRequest } from '../../../shared/lab/concurrency';
import { webExecutor } from '../sweep/webExecutor';

export interface LabOutcome {
  doc: ArchDocument;
  request: LabRequest;
  curves: LabCurve[];
  cancelled: boolean;
}

interface LabState {
  status: 'idle' | 'running';
  done: number;
  total: number;
  error: string | null;
  outcome: LabOutcome | null;
  cancel: (() => void) | null;
  start(doc: ArchDocument, request: LabRequest): Promise<void>;
}

export const useLab = create<LabState>((set, get) => ({
  status: 'idle',
  done: 0,
  total: 0,
  error: null,
  outcome: null,
  cancel: null,
  async start(doc, request) {
    if (get().status === 'running') return;
    const executor = webExecutor();
    let cancelled = false;
    set({
      status: 'running',
      done: 0,
      total: 0,
      error: null,
      outcome: null,
      cancel: () => {
        cancelled = true;
        void executor.close();
      },
    });
    const curves: LabCurve[] = [];
    try {
      const got = await runLab(doc, request, {
        executor,
        cancelled: () => cancelled,
        onProgress: (done, total) => set({ done, total }),
        onCurve: (curve) => {
          curves.push(curve);
          set({ outcome: { doc, request, curves: [...curves], cancelled: false } });
        },
      });
      set({ outcome: { doc, request, curves: got, cancelled } });
      if (cancelled) set({ error: 'Cancelled.' });
    } catch (e) {
      if (cancelled)
        set({
          error: 'Cancelled.',
          outcome: curves.length > 0 ? { doc, request, curves, cancelled } : null,
        });
      else set({ error: e instanceof Error ? e.message : String(e) });
    } finally {
      await executor.close();
      set({ status: 'idle', cancel: null });
    }
  },
}));
