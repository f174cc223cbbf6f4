// The CLI against hostile input: exit statuses that tell bad input from a run the budget stopped
// and from our own failures, capped input and problem lists, nothing raw on the terminal, no
// partial output, and progress when there is no terminal.
import {
  chmodSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EXIT,
  runCommand,
  validateCommand,
  type Output,
} from '../../../electron/node/cli/commands';
import { Progress } from '../../../electron/node/cli/progress';
import { buildDoc, direct } from '../../fixtures/build';

const root = join(__dirname, '../../..');
const tmp = () => mkdtempSync(join(tmpdir(), 'archlab-cli-'));

/** Captured output; each now() call moves the wall clock by `tickMs`. */
function capture(tty = false, tickMs = 0): Output & { stdout: string; stderr: string } {
  let clock = 0;
  const io = {
    stdout: '',
    stderr: '',
    tty,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
    now: () => (clock += tickMs),
  };
  return io;
}

const write = (doc: unknown) => {
  const file = join(tmp(), 'doc.archlab.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
};

const small = (scenario: Record<string, unknown> = {}) =>
  buildDoc()
    .client('users', { rps: 20 })
    .external('x')
    .call('users', 'x', direct)
    .scenario({ durationS: 5, ...scenario })
    .build();

describe('exit statuses', () => {
  it('3 when the web-shop sample at 10,000,000 requests/s outgrows its budget', async () => {
    const doc = JSON.parse(
      readFileSync(join(root, 'assets/samples/web-shop.archlab.json'), 'utf8'),
    );
    doc.nodes.find((n: { id: string }) => n.id === 'shoppers').props.rps = 10_000_000;
    const io = capture();
    expect(await runCommand(write(doc), { memoryBudget: 64 }, io)).toBe(EXIT.budget);
    expect(io.stderr).toMatch(/^Memory budget exceeded at t=[\d.]+ s: /);
    expect(io.stdout).toBe('');
  });

  it('2 for a warm-up as long as the run, which used to pass every SLO with no data', async () => {
    const file = write(
      small({ warmupS: 5, slos: [{ name: 'p99', metric: 'p99', op: '<', value: 500 }] }),
    );
    const io = capture();
    expect(await runCommand(file, {}, io)).toBe(EXIT.badInput);
    expect(io.stderr).toMatch(/^scenarios\[0\]\.warmupS: the warm-up \(5 s\) must be shorter/);
  });

  it('4, not 2, when an output cannot be written, and the old output is left whole', async () => {
    const dir = tmp();
    const out = join(dir, 'out.json');
    writeFileSync(out, 'previous');
    chmodSync(out, 0o444);
    const io = capture();
    expect(await runCommand(write(small()), { json: out }, io)).toBe(EXIT.failure);
    expect(io.stderr).toMatch(/cannot write the JSON result: .*out\.json is read-only/);
    expect(readFileSync(out, 'utf8')).toBe('previous');
    expect(readdirSync(dir)).toEqual(['out.json']);
    const report = capture();
    expect(
      await runCommand(write(small()), { report: join(dir, 'missing', 'r.html') }, report),
    ).toBe(EXIT.failure);
  });
});

describe('input', () => {
  it('refuses a file over 50 MB before reading it', async () => {
    const file = join(tmp(), 'huge.archlab.json');
    writeFileSync(file, '');
    truncateSync(file, 51 * 1024 * 1024);
    const io = capture();
    expect(await validateCommand(file, io)).toBe(EXIT.badInput);
    expect(io.stderr).toBe(`${file}: is 51.0 MB; documents are at most 50.0 MB\n`);
  });

  it('refuses invalid UTF-8 with the byte offset', async () => {
    const file = join(tmp(), 'latin1.archlab.json');
    writeFileSync(file, Buffer.from('{"name":"Caf\xe9"}', 'latin1'));
    const io = capture();
    expect(await validateCommand(file, io)).toBe(EXIT.badInput);
    expect(io.stderr).toBe(`${file}: is not valid UTF-8 at byte 12 (0xe9)\n`);
  });

  it('prints at most 100 problems and counts the rest', async () => {
    let b = buildDoc().client('users');
    for (let i = 0; i < 1000; i++) b = b.call('users', `ghost${i}`, direct);
    const io = capture();
    expect(await validateCommand(write(b.build()), io)).toBe(EXIT.badInput);
    const lines = io.stderr.trim().split('\n');
    expect(lines).toHaveLength(101);
    expect(lines[100]).toBe('… and 900 more');
  });
});

describe('nothing raw on the terminal', () => {
  it('strips control characters from names and messages, and escapes them in JSON', async () => {
    const evil = '\u001b[2J\u001b]0;pwned\u0007\rSLO PASS  all good\u009b31m\u202e';
    const doc = small({
      name: `shop${evil}`,
      slos: [{ name: `p99${evil}`, metric: 'p99', op: '<', value: 500 }],
    });
    const io = capture();
    expect(await runCommand(write(doc), { json: '-' }, io)).toBe(EXIT.ok);
    // eslint-disable-next-line no-control-regex
    const unsafe = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/;
    expect(io.stderr).not.toMatch(unsafe);
    expect(io.stderr).toMatch(/^scenario shop\[2J\]0;pwnedSLO PASS {2}all good31m, seed 1/);
    expect(io.stdout).not.toMatch(unsafe);
    expect(JSON.parse(io.stdout).scenario).toBe(`shop${evil}`);
  });
});

describe('progress', () => {
  it('prints a line every 5 s of wall time when stderr is not a terminal', async () => {
    // Each clock read moves 1 s: a line every fifth read or so.
    const io = capture(false, 1000);
    expect(await runCommand(write(small()), {}, io)).toBe(EXIT.ok);
    const lines = io.stderr.split('\n').filter((l) => l.startsWith('progress:'));
    expect(lines.length).toBeGreaterThan(10);
    expect(lines[0]).toMatch(/^progress: t=[\d.]+ s of 5 s \(\d+ %\), \d+ s elapsed$/);
  });

  it('clears the bar on a terminal (what Ctrl+C does before exiting)', () => {
    const io = capture(true, 600);
    const progress = new Progress(io);
    progress.start(10_000);
    progress.update(2000);
    progress.update(4000);
    expect(io.stderr).toMatch(/^\r\[#+-+\] {2}40 % {2}t=4 s$/);
    progress.done();
    expect(io.stderr.endsWith('\r\u001b[2K')).toBe(true);
  });
});
