// Types of electronegativity.mjs, for the test that runs it.
export interface Finding {
  id: string;
  file: string;
  line: number;
  column: number;
  severity: string;
  sample: string;
}
export function scanElectron(inputs: { sources: string; bundles: string[] }): Promise<{
  unexplained: Finding[];
  explained: number;
  bundleFindings: Finding[];
}>;
