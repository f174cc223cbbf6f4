// How the next run goes: which scenario, batch or live, and how fast a live run is paced.
import { create } from 'zustand';

export type RunMode = 'batch' | 'live';

/** Simulated seconds per wall second; 0 = as fast as possible. */
export const SPEEDS = [1, 10, 100, 1000, 0] as const;

export interface RunPrefs {
  scenario: string | undefined;
  mode: RunMode;
  speed: number;
  setScenario(name: string | undefined): void;
  setMode(mode: RunMode): void;
  setSpeed(speed: number): void;
}

export const useRunPrefs = create<RunPrefs>()((set) => ({
  scenario: undefined,
  mode: 'batch',
  speed: 10,
  setScenario: (scenario) => set({ scenario }),
  setMode: (mode) => set({ mode }),
  setSpeed: (speed) => set({ speed }),
}));

export function speedLabel(speed: number): string {
  return speed === 0 ? 'max' : `${speed}×`;
}
