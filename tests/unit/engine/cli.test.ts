// The CLI's commands, called directly with a captured output.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  runCommand,
  schemaCommand,
  validateCommand,
  type Output,
} from '../../../electron/node/cli/commands';

const fixture = (name: string) => join(__dirname, '../../fixtures/engine', name);

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

describe('archlab CLI', () => {
  it('run: exit 0 when every SLO holds, and writes the JSON result', async () => {
    const io = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'archlab-')), 'r.json');
    expect(await runCommand(fixture('shop.archlab.json'), { duration: 20, json: out }, io)).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8'));
    expect(result).toMatchObject({ scenario: 'baseline', seed: 1, durationS: 20 });
    expect(io.stdout).toMatch(/SLO PASS {2}p99 < 200 ms/);
  });

  it('run --traces --trace-every 1: every request traced, written as OTLP JSON', async () => {
    const io = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'archlab-')), 't.json');
    const args = { duration: 6, traces: out, traceEvery: 1, json: `${out}.result.json` };
    expect(await runCommand(fixture('shop.archlab.json'), args, io)).toBe(0);
    const result = JSON.parse(readFileSync(`${out}.result.json`, 'utf8'));
    const otlp = JSON.parse(readFileSync(out, 'utf8'));
    const spans = otlp.resourceSpans.flatMap(
      (rs: { scopeSpans: { spans: { traceId: string; kind: number }[] }[] }) =>
        rs.scopeSpans.flatMap((ss) => ss.spans),
    );
    const traces = new Set(spans.map((s: { traceId: string }) => s.traceId));
    expect(result.traces.length).toBe(traces.size);
    // Every finished request is traced, those of the warm-up too: after it, the counted ones.
    const afterWarmup = result.traces.filter(
      (t: { startMs: number }) => t.startMs >= result.warmupS * 1000,
    );
    expect(afterWarmup.length).toBe(result.summary.requests);
    expect(io.stdout).toMatch(
      new RegExp(`traces ${traces.size} \\(${spans.length} spans\\) written`),
    );
  });

  it('run: exit 1 when an SLO fails; --seed changes the run; --json - prints JSON', async () => {
    const io = capture();
    expect(
      await runCommand(
        fixture('shop.archlab.json'),
        { scenario: 'strict', seed: 3, json: '-' },
        io,
      ),
    ).toBe(1);
    expect(JSON.parse(io.stdout).seed).toBe(3);
    expect(io.stderr).toMatch(/SLO FAIL {2}p50 < 5 ms/);
  });

  it('run and validate: exit 2 with one "path: reason" line per problem', async () => {
    const io = capture();
    expect(await validateCommand(fixture('broken.archlab.json'), io)).toBe(2);
    expect(io.stderr.trim().split('\n')).toEqual([
      'edges[0].to: node "ghost" does not exist',
      expect.stringMatching(/^scenarios\[0\]\.timeline\[0\]\.action: unknown action "explode"/),
    ]);
    const run = capture();
    expect(await runCommand(fixture('shop.archlab.json'), { scenario: 'nope' }, run)).toBe(2);
    expect(run.stderr).toMatch(/^scenarios: no scenario named "nope"/);
    expect(await runCommand(fixture('missing.json'), {}, capture())).toBe(2);
  });

  it('run: prints offered, goodput and failed rates, rates in %, and the verdict in words', async () => {
    const io = capture();
    const out = join(mkdtempSync(join(tmpdir(), 'archlab-')), 'r.json');
    await runCommand(fixture('shop.archlab.json'), { duration: 20, json: out }, io);
    const s = JSON.parse(readFileSync(out, 'utf8')).summary;
    const failed = Number((s.throughputRps - s.goodputRps).toFixed(3));
    expect(io.stdout).toContain(
      `rates  offered ${s.throughputRps}/s  goodput ${s.goodputRps}/s  failed ${failed}/s`,
    );
    expect(io.stdout).toContain('retry amplification ');
    expect(io.stdout).toMatch(/^verdict PASSED: All \d+ SLOs? held\. Error rate [\d.]+ %/m);
  });

  it('run: a scenario without SLOs is "no SLOs to judge", never PASSED', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'archlab-'));
    const doc = JSON.parse(readFileSync(fixture('shop.archlab.json'), 'utf8'));
    for (const s of doc.scenarios) s.slos = [];
    const file = join(dir, 'bare.archlab.json');
    writeFileSync(file, JSON.stringify(doc));
    const io = capture();
    expect(await runCommand(file, { duration: 10 }, io)).toBe(0);
    expect(io.stdout).not.toContain('PASSED');
    expect(io.stdout).toMatch(
      /^verdict NO SLOS: No SLOs to judge\. Error rate [\d.]+ %, worst per-second p99/m,
    );
  });

  it('validate: exit 0 for a good file; schema prints the JSON Schema', async () => {
    expect(await validateCommand(fixture('shop.archlab.json'), capture())).toBe(0);
    const io = capture();
    expect(schemaCommand(io)).toBe(0);
    expect(JSON.parse(io.stdout).properties.nodes).toBeDefined();
  });

  const TX = [
    'crash-coordinator',
    'crash-participant',
    'fail-step',
    'drop-messages',
    'delay-messages',
    'tx-partition',
  ];

  it('schema: every timeline action is a form of its own, with its params', () => {
    const io = capture();
    schemaCommand(io);
    const text = io.stdout;
    const schema = JSON.parse(text);
    const entry = schema.properties.scenarios.items.properties.timeline.items;
    const forms = (entry.oneOf ?? entry.anyOf) as {
      properties: { action: { const: string }; params: { properties: Record<string, unknown> } };
    }[];
    const byAction = new Map(forms.map((f) => [f.properties.action.const, f.properties.params]));
    for (const a of [...TX, 'kill-pod', 'rollout', 'partition', 'cpu-stress'])
      expect(byAction.has(a), a).toBe(true);
    expect(Object.keys(byAction.get('rollout')!.properties)).toEqual(
      expect.arrayContaining([
        'version',
        'errorRate',
        'latencyMs',
        'crashOnStart',
        'failReadiness',
      ]),
    );
    expect(Object.keys(byAction.get('crash-coordinator')!.properties)).toEqual([
      'protocolStep',
      'instance',
      'replica',
    ]);
    expect(Object.keys(byAction.get('tx-partition')!.properties)).toEqual(['a', 'b']);
  });

  it('the unknown-action error lists every action, the transaction faults too', async () => {
    const io = capture();
    await validateCommand(fixture('broken.archlab.json'), io);
    const line = io.stderr.split('\n').find((l) => l.includes('unknown action')) ?? '';
    for (const a of [...TX, 'kill-pod', 'scale', 'rollout', 'pod-kill', 'clock-skew'])
      expect(line).toContain(a);
  });
});
