// Types of startApp.mjs, for the tests that import it.
import type { ElectronResult } from './electronBinary.mjs';

export function startApp(options: {
  root: string;
  env?: NodeJS.ProcessEnv;
  command: string;
  desktop: (exe: string) => Promise<number>;
  web: () => Promise<unknown>;
  log?: (line: string) => void;
  installerOutput?: 'inherit' | 'ignore';
}): Promise<{ edition: 'desktop'; code: number } | { edition: 'web'; electron: ElectronResult }>;
export function buildDesktop(root: string): number;
export function buildAndLaunch(options: {
  root: string;
  exe: string;
  env?: NodeJS.ProcessEnv;
  build?: (root: string) => number | Promise<number>;
}): Promise<number>;
