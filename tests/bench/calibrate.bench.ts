// Calibration at scale: one million spans of OTLP NDJSON (the collector file exporter's format)
// and the same traces as one Jaeger JSON line, each calibrated in a child process (target:
// under 10 s and under 1 GB). The files are generated into a temp folder and removed after.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { generate, jaegerJson, otlpRequest, type GenSpan } from '../fixtures/traces/gen';

/** Traces of the generator's shop: about 9.6 spans each. */
const TRACES = 104_500;

async function write(file: string, batch: (t: GenSpan[][]) => string): Promise<number> {
  const out = createWriteStream(file);
  let spans = 0;
  let pending: GenSpan[][] = [];
  const flush = async () => {
    if (!out.write(`${batch(pending)}\n`)) await once(out, 'drain');
    pending = [];
  };
  for (const t of generate({ traces: TRACES, seed: 1, rps: 200 })) {
    pending.push(t);
    spans += t.length;
    if (pending.length === 500) await flush();
  }
  if (pending.length > 0) await flush();
  out.end();
  await once(out, 'finish');
  return spans;
}

function run(file: string): string {
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'calibrateChild.ts'), file],
    { encoding: 'utf8' },
  );
  if (child.status !== 0) return `  failed: ${child.stderr.trim().split('\n').slice(-3).join(' ')}`;
  const r = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
  const f = (k: string, d = 1) => (r[k] ?? NaN).toFixed(d);
  return `  ${r['spans']?.toLocaleString('en-US')} spans: ${f('wallS')} s wall, ${f('cpuS')} s CPU, peak RSS ${f('maxRssMB', 0)} MB, peak heap ${f('peakHeapMB', 0)} MB (targets < 10 s, < 1024 MB)`;
}

export async function benchCalibrate(): Promise<string[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archlab-calibrate-'));
  try {
    const ndjson = path.join(dir, 'traces.ndjson');
    const spans = await write(ndjson, otlpRequest);
    const lines = [
      `calibrate ${spans.toLocaleString('en-US')} spans`,
      `OTLP NDJSON, ${((await stat(ndjson)).size / 1e6).toFixed(0)} MB:`,
      run(ndjson),
    ];
    // Jaeger JSON: one line of the whole export (what the UI downloads), read by the cutter.
    const jaeger = path.join(dir, 'jaeger.json');
    const all: GenSpan[][] = [];
    for (const t of generate({ traces: TRACES / 2, seed: 1, rps: 200 })) all.push(t);
    const out = createWriteStream(jaeger);
    out.write(jaegerJson(all));
    out.end();
    await once(out, 'finish');
    all.length = 0;
    lines.push(
      `Jaeger JSON (one line, half the traces), ${((await stat(jaeger)).size / 1e6).toFixed(0)} MB:`,
      run(jaeger),
    );
    return lines;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
