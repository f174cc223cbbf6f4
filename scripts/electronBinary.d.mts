// Types of electronBinary.mjs, for the tests that import it.
export type ElectronResult =
  | { ok: true; exe: string; fetched: boolean }
  | { ok: false; attempted: boolean; kind: string; reason: string; host?: string };

export function electronBinary(root: string, env?: NodeJS.ProcessEnv): string | null;
export function skipVariableSet(env?: NodeJS.ProcessEnv): boolean;
export function ensureElectron(options: {
  root: string;
  env?: NodeJS.ProcessEnv;
  log?: (line: string) => void;
  /** Where the installer's own output goes; 'inherit' shows its progress. */
  installerOutput?: 'inherit' | 'ignore';
}): Promise<ElectronResult>;
export function fallbackSentence(
  result: { kind: string; reason: string; host?: string },
  options?: { command?: string; outcome?: string },
): string;
