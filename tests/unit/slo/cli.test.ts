// The CLI's exit status follows windowed and recovery SLOs like any other.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand, type Output } from '../../../electron/node/cli/commands';
import { stressed } from './docs';

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    tty: false,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    now: () => 0,
  };
  return io;
}

function file(doc: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'archlab-slo-')), 'd.archlab.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

describe('archlab run with recovery and windowed SLOs', () => {
  it('exit 1 when the recovery SLO fails, 0 when it holds', async () => {
    const slo = { name: 'recovers within 5 s', metric: 'recovery', op: '<=', value: 5 } as const;
    const fail = capture();
    expect(await runCommand(file(stressed(1, [slo])), { scenario: 'drill' }, fail)).toBe(1);
    expect(fail.stdout + fail.stderr).toMatch(
      /SLO FAIL {2}recovers within 5 s {2}\(recovery 8 s ≤ 5 s after each fault ends\) {2}worst: cpu-stress api ended at 15 s, recovered at 23 s \(8 s\)/,
    );
    const pass = capture();
    expect(await runCommand(file(stressed(2, [slo])), { scenario: 'drill' }, pass)).toBe(0);
  });

  it('exit 1 when a windowed SLO fails in its worst window only', async () => {
    const slos = [{ name: 'p99 < 15 ms over 5 s', metric: 'p99', value: 15, windowS: 5 }] as const;
    const io = capture();
    expect(await runCommand(file(stressed(2, [...slos])), { scenario: 'drill' }, io)).toBe(1);
  });
});
