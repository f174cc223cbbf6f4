// `archlab calibrate`, called directly with a captured output: files streamed from disk, the
// document and report written, --into keeping what traces cannot tell, exit 2 on bad input.
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Output } from '../../../electron/node/cli/commands';
import { calibrateCommand } from '../../../electron/node/cli/calibrate';
import { loadDocument, serializeDocument } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const jaeger = join(__dirname, '../../fixtures/traces/jaeger-shop.json');

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

const load = (file: string) => {
  const r = loadDocument(readFileSync(file, 'utf8'));
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.doc;
};

describe('archlab calibrate', () => {
  const dir = mkdtempSync(join(tmpdir(), 'archlab-calibrate-'));

  it('draws a laid-out document and writes the report', async () => {
    const io = capture();
    const out = join(dir, 'shop.archlab.json');
    const report = join(dir, 'calibration.md');
    expect(await calibrateCommand([jaeger], { out, report }, io)).toBe(0);
    expect(io.stdout).toMatch(/6 services, 5 calls from 384 spans in 40 traces; report in/);
    const doc = load(out);
    const x = (label: string) => doc.nodes.find((n) => n.label === label)?.position.x ?? NaN;
    expect(x('frontend clients')).toBeLessThan(x('frontend'));
    expect(x('frontend')).toBeLessThan(x('checkout'));
    expect(readFileSync(report, 'utf8')).toContain('# Calibration from traces');
  });

  it('--into updates matching services and leaves replicas, probes and timeouts alone', async () => {
    const mine = buildDoc('shop')
      .client('users', { rps: 5 })
      .service('frontend', {
        replicas: 3,
        readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5 },
      })
      .service('checkout', { replicas: 2 })
      .call('users', 'frontend', { timeoutMs: 700 })
      .call('frontend', 'checkout', { timeoutMs: 300, retries: 2 })
      .build();
    const into = join(dir, 'mine.archlab.json');
    writeFileSync(into, serializeDocument(loadDocumentOrThrow(JSON.stringify(mine))));
    const out = join(dir, 'mine-calibrated.archlab.json');
    const io = capture();
    expect(await calibrateCommand([jaeger], { out, into }, io)).toBe(0);
    expect(io.stdout).toMatch(/updated 3 node\(s\) and 2 edge\(s\)/);
    expect(io.stdout).toContain('not in the document: service ads');
    const doc = load(out);
    const fe = doc.nodes.find((n) => n.id === 'frontend');
    if (fe?.kind !== 'service') throw new Error('frontend');
    expect(fe.props.replicas).toBe(3);
    expect(fe.props.readinessProbe?.periodSeconds).toBe(5);
    expect(fe.props.serviceTime.dist).not.toBe('exponential');
    expect(fe.calibrated?.fields).toEqual(['serviceTime', 'errorRate']);
    const call = doc.edges.find((e) => e.id === 'frontend-checkout');
    if (call?.kind !== 'call') throw new Error('edge');
    expect(call.props).toMatchObject({ timeoutMs: 300, retries: 2, calls: 2, mode: 'sequential' });
    // The client in front of frontend takes the measured arrival rate.
    const users = doc.nodes.find((n) => n.id === 'users');
    expect(users?.kind === 'client' && users.props.rps).not.toBe(5);
  });

  it('exit 2 with the reason for a truncated file, a missing file or a bad --dist; nothing written', async () => {
    const cut = join(dir, 'cut.json');
    writeFileSync(cut, readFileSync(jaeger, 'utf8').slice(0, 5000));
    const out = join(dir, 'never.archlab.json');
    let io = capture();
    expect(await calibrateCommand([cut], { out }, io)).toBe(2);
    expect(io.stderr).toMatch(
      /cut\.json: at character [\d,]+: the JSON ends early, inside data\[…\]/,
    );
    io = capture();
    expect(await calibrateCommand([join(dir, 'none.json')], { out }, io)).toBe(2);
    expect(io.stderr).toContain('none.json: cannot read');
    io = capture();
    expect(await calibrateCommand([jaeger], { out, dist: 'gamma' }, io)).toBe(2);
    expect(io.stderr).toContain('--dist: must be one of auto, lognormal, empirical');
    expect(existsSync(out)).toBe(false);
  });
});

function loadDocumentOrThrow(text: string) {
  const r = loadDocument(text);
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join('; '));
  return r.doc;
}
