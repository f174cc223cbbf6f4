// `archlab sweep` as a user runs it: NDJSON lines, summaries, the report, shards and their merge,
// the Kubernetes Job, and the errors a bad sweep gets.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import type { Output } from '../../../electron/node/cli/commands';
import { sweepCommand, sweepMergeCommand } from '../../../electron/node/cli/sweep';
import { replicasDoc } from './docs';

function capture(): Output & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    tty: false,
    now: () => 0,
    out: (t: string) => void (io.stdout += t),
    err: (t: string) => void (io.stderr += t),
  };
  return io;
}

let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'archlab-sweep-'));
  file = path.join(dir, 'shop.archlab.json');
  const doc = replicasDoc({
    parameters: [
      { path: 'nodes.orders.props.replicas', values: [2, 3] },
      { path: 'clients.rps', values: [100, 140] },
    ],
    seeds: 4,
    objective: { minimize: 'cost' },
  });
  await writeFile(file, JSON.stringify(doc, null, 2));
});

describe('archlab sweep', () => {
  it('writes one line per run, a summary per cell with intervals, the cheapest design and a report with charts', async () => {
    const io = capture();
    const out = path.join(dir, 'results.ndjson');
    const report = path.join(dir, 'sweep.html');
    const summary = path.join(dir, 'summary.json');
    const code = await sweepCommand(file, { jobs: 2, out, report, summary }, io);
    expect(io.stdout).toMatch(
      /^sweep [0-9a-f]{16}, scenario "black friday": 4 cells × 4 seeds; 16 runs in .* on 2 jobs\n/,
    );
    expect(code).toBe(0);
    const lines = (await readFile(out, 'utf8')).trimEnd().split('\n');
    expect(lines).toHaveLength(16);
    const first = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(Object.keys(first)).toEqual([
      'sweep',
      'run',
      'cell',
      'params',
      'seed',
      'metrics',
      'engine',
    ]);
    expect(Object.keys(first['metrics'] as object)).toEqual([
      'throughputRps',
      'mean',
      'p50',
      'p95',
      'p99',
      'errorRate',
      'sloPass',
    ]);
    expect(io.stdout).toMatch(
      /cell 3 {2}nodes\.orders\.props\.replicas=3 clients\.rps=140 {2}runs 4/,
    );
    expect(io.stdout).toMatch(/SLO p99 under 60 ms: P\(pass\) [\d.]+ \[[\d.]+, [\d.]+\]/);
    expect(io.stdout).toMatch(/cheapest design \(min cost, every SLO with P ≥ 0\.95\): cell \d/);
    const json = JSON.parse(await readFile(summary, 'utf8')) as { cells: unknown[] };
    expect(json.cells).toHaveLength(4);
    const html = await readFile(report, 'utf8');
    // Five charts (mean, p99, throughput, errors, P(SLOs)), each with its bands and lines.
    expect(html.match(/<svg /g)).toHaveLength(5);
    expect(html.match(/class="band"/g)?.length).toBe(10);
    expect(html).toContain('<table class="heatmap">');
    expect(html).toContain('Cheapest design');
  });

  it('shards merged by `sweep merge` are the bytes of the whole sweep', async () => {
    const whole = path.join(dir, 'whole.ndjson');
    expect(await sweepCommand(file, { jobs: 1, out: whole, quiet: true }, capture())).toBe(0);
    const parts: string[] = [];
    for (const i of [0, 1]) {
      const part = path.join(dir, `part-${i}.ndjson`);
      const io = capture();
      expect(
        await sweepCommand(file, { jobs: 1, shard: `${i}/2`, out: part, quiet: true }, io),
      ).toBe(0);
      expect(io.stdout + io.stderr).toBe('');
      parts.push(part);
    }
    const merged = path.join(dir, 'merged.ndjson');
    expect(await sweepMergeCommand(parts.reverse(), { out: merged }, capture())).toBe(0);
    expect(await readFile(merged, 'utf8')).toBe(await readFile(whole, 'utf8'));
  });

  it(
    'emits an Indexed Job and its ConfigMap that Kubernetes' + "'" + 's schema accepts',
    async () => {
      const io = capture();
      const code = await sweepCommand(
        file,
        { emit: 'k8s-job', image: 'registry.example/archlab:0.1.0', parallelism: 3, shards: 6 },
        io,
      );
      expect(code).toBe(0);
      const docs = parseAllDocuments(io.stdout).map((d) => d.toJS() as Record<string, unknown>);
      expect(docs.map((d) => d['kind'])).toEqual(['ConfigMap', 'Job']);
      const cm = new ConfigMap(docs[0] as never);
      const job = new Job(docs[1] as never);
      cm.validate();
      job.validate();
      expect(cm.data?.['document.archlab.json']).toBe(await readFile(file, 'utf8'));
      const spec = job.spec!;
      expect(spec.completionMode).toBe('Indexed');
      expect(spec.completions).toBe(6);
      expect(spec.parallelism).toBe(3);
      expect(spec.backoffLimitPerIndex).toBeGreaterThan(0);
      expect(spec.template.spec?.restartPolicy).toBe('Never');
      const container = spec.template.spec!.containers[0]!;
      expect(container.image).toBe('registry.example/archlab:0.1.0');
      expect(container.args).toEqual(
        expect.arrayContaining(['--shard', '$(JOB_COMPLETION_INDEX)/6']),
      );
      expect(spec.template.spec?.volumes?.[0]?.configMap?.name).toBe(cm.metadata?.name);
    },
  );

  it('bad sweeps exit 2 with the reason', async () => {
    const bad = path.join(dir, 'bad.archlab.json');
    const doc = JSON.parse(await readFile(file, 'utf8')) as {
      scenarios: { sweep: { parameters: { path: string }[] } }[];
    };
    doc.scenarios[0]!.sweep.parameters[0]!.path = 'nodes.payments.props.replicas';
    await writeFile(bad, JSON.stringify(doc));
    let io = capture();
    expect(await sweepCommand(bad, {}, io)).toBe(2);
    expect(io.stderr).toMatch(
      /^scenarios\[0\]\.sweep\.parameters\[0\]\.path: "nodes\.payments\.props\.replicas" names no node/,
    );
    io = capture();
    expect(await sweepCommand(file, { shard: '2/2' }, io)).toBe(2);
    expect(io.stderr).toBe('--shard 2/2: index 2 is out of range 0…1\n');
    io = capture();
    expect(await sweepCommand(file, { emit: 'k8s-job' }, io)).toBe(2);
    expect(io.stderr).toBe('--emit k8s-job needs --image IMAGE\n');
    io = capture();
    expect(await sweepMergeCommand([path.join(dir, 'nope.ndjson')], {}, io)).toBe(2);
    expect(io.stderr).toMatch(/nope\.ndjson: cannot read/);
  });
});
