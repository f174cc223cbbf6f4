// `archlab run --report / --markdown`: the files are written and the exit status stays the SLOs'.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCommand, type Output } from '../../electron/node/cli/commands';

const DRILL = 'tests/fixtures/io/drill.archlab.json';
const dir = mkdtempSync(path.join(os.tmpdir(), 'archlab-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sink(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    tty: false,
    now: () => 0,
  };
  return io;
}

const chromePath = process.env['CHROME_PATH'];
afterEach(() => {
  if (chromePath === undefined) delete process.env['CHROME_PATH'];
  else process.env['CHROME_PATH'] = chromePath;
});

describe('archlab run --report', () => {
  it('writes the HTML report of a failed drill and still exits 1', async () => {
    const out = path.join(dir, 'drill.html');
    const io = sink();
    expect(await runCommand(DRILL, { report: out }, io)).toBe(1);
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!DOCTYPE html>/);
    expect(html).toContain('FAILED');
    expect(io.stdout).toContain('SLO FAIL');
    expect(io.stderr).toContain(`report: ${out}`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 0 when the SLOs hold, with the report saying so', async () => {
    const out = path.join(dir, 'calm.html');
    expect(await runCommand(DRILL, { scenario: 'calm', report: out }, sink())).toBe(0);
    expect(readFileSync(out, 'utf8')).toContain('PASSED');
  });

  it('exits 2 and writes nothing for a bad document', async () => {
    const out = path.join(dir, 'bad.html');
    const io = sink();
    expect(await runCommand('tests/fixtures/engine/broken.archlab.json', { report: out }, io)).toBe(
      2,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('exits 4 (our failure, not bad input) with the reason when the report cannot be written', async () => {
    const io = sink();
    const code = await runCommand(DRILL, { report: path.join(dir, 'no', 'such', 'dir.html') }, io);
    expect(code).toBe(4);
    expect(io.stderr).toMatch(/cannot write the report: .*ENOENT/);
  });
});

describe('archlab run --markdown', () => {
  it('without Chromium: report.md refers to SVG charts, written beside it, with a note', async () => {
    process.env['CHROME_PATH'] = path.join(dir, 'no-chromium-here');
    const out = path.join(dir, 'wiki');
    const io = sink();
    expect(await runCommand(DRILL, { markdown: out }, io)).toBe(1);
    const md = readFileSync(path.join(out, 'report.md'), 'utf8');
    const refs = [...md.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => m[1]);
    expect(refs).toContain('chart-p99.svg');
    expect(refs).toContain('diagram.svg');
    for (const ref of refs) expect(existsSync(path.join(out, ref!))).toBe(true);
    expect(readdirSync(out).some((f) => f.endsWith('.png'))).toBe(false);
    expect(io.stderr).toMatch(/note: no Chromium found/);
  });

  it('refuses --pdf without Chromium (exit 4, a reason)', async () => {
    process.env['CHROME_PATH'] = path.join(dir, 'no-chromium-here');
    const io = sink();
    expect(await runCommand(DRILL, { pdf: path.join(dir, 'x.pdf') }, io)).toBe(4);
    expect(io.stderr).toMatch(/cannot write the report: no Chromium found/);
    expect(existsSync(path.join(dir, 'x.pdf'))).toBe(false);
  });
});
