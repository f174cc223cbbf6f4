import type { StateCreator } from 'zustand';
import type { Problem } from '../../../shared/protocol';
import type { Store } from './index';

export type RunStatus = 'idle' | 'starting' | 'running' | 'paused' | 'done' | 'failed';

export interface RunState {
  id?: string;
  status: RunStatus;
  scenario?: string;
  seed?: number;
  durationS?: number;
  /** Simulated seconds reached. */
  tS: number;
  fraction: number;
  result?: unknown;
  stopped?: boolean;
  error?: { message: string; problems: Problem[] };
}

export interface RunSlice {
  run: RunState;
  setRun(patch: Partial<RunState>): void;
  resetRun(patch?: Partial<RunState>): void;
}

export const createRunSlice: StateCreator<Store, [], [], RunSlice> = (set) => ({
  run: { status: 'idle', tS: 0, fraction: 0 },
  setRun: (patch) => set((s) => ({ run: { ...s.run, ...patch } })),
  resetRun: (patch = {}) => set({ run: { status: 'idle', tS: 0, fraction: 0, ...patch } }),
});
