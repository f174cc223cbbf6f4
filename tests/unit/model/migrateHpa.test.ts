// Version 1 → 2: a version-1 HPA ({minReplicas, maxReplicas, targetCPUUtilizationPercentage,
// scaleDownStabilizationSeconds}) loads as autoscaling/v2 props and runs as it ran. The hashes
// below are of whole results made by the engine before the move (the version-1 schema and
// controller), from the version-1 files in tests/fixtures/engine/hpa-v1-*.archlab.json.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd, type RunResult } from '../../../shared/engine';
import { loadDocument, type ArchDocument } from '../../../shared/model';

const text = (name: string) =>
  readFileSync(join(__dirname, '../../fixtures/engine', `${name}.archlab.json`), 'utf8');
const sha256 = (r: RunResult) => createHash('sha256').update(JSON.stringify(r)).digest('hex');
const rescales = (r: RunResult) =>
  r.events.filter((e) => e.reason === 'SuccessfulRescale').map((e) => [e.t, e.data['to']]);

function load(name: string): ArchDocument {
  const loaded = loadDocument(text(name));
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
  expect(loaded.migratedFrom).toBe(1);
  return loaded.doc;
}

const hpaOf = (doc: ArchDocument, id: string) => {
  const node = doc.nodes.find((n) => n.id === id);
  return node?.kind === 'service' ? node.props.hpa : undefined;
};

describe('a version-1 HPA after the migration', () => {
  it('has autoscaling/v2 props: metrics and behavior.scaleDown.stabilizationWindowSeconds', () => {
    const doc = load('hpa-v1-step');
    expect(doc.version).toBe(2);
    expect(hpaOf(doc, 'web')).toEqual({
      minReplicas: 2,
      maxReplicas: 10,
      metrics: [
        {
          type: 'Resource',
          resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } },
        },
      ],
      // Version 1 always ran the default behavior: every other field is its default.
      behavior: {
        scaleUp: {
          stabilizationWindowSeconds: 0,
          selectPolicy: 'Max',
          policies: [
            { type: 'Pods', value: 4, periodSeconds: 15 },
            { type: 'Percent', value: 100, periodSeconds: 15 },
          ],
        },
        scaleDown: {
          stabilizationWindowSeconds: 60,
          selectPolicy: 'Max',
          policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }],
        },
      },
    });
    const defaults = hpaOf(load('hpa-v1-defaults'), 'api');
    expect(defaults?.metrics[0]?.resource.target.averageUtilization).toBe(80);
    expect(defaults?.behavior?.scaleDown.stabilizationWindowSeconds).toBe(300);
  });

  it('gives byte for byte the result it gave before the move', () => {
    const r = runToEnd(load('hpa-v1-step'));
    expect(rescales(r)).toEqual([[75, 4]]);
    expect(sha256(r)).toBe('2cfdac97f340cb3a15fdf20aa41d9cf0e0fafc39deda8403f9e4b28dab42fa6f');
    // The engine brings a version-1 document up itself too.
    expect(sha256(runToEnd(JSON.parse(text('hpa-v1-step'))))).toBe(sha256(r));
  });

  // Two rules of the current controller (kubernetes/kubernetes horizontal.go and
  // replica_calculator.go) that version 1 did not follow change two of these runs, on purpose.
  it('no longer scales down at its first sync: the current size is its first recommendation', () => {
    // Before: 3 → 2 at 15 s (recordInitialRecommendation was missing). The 3 recorded at the first
    // sync holds the size for the 300 s window; by then the sine load wants 3 again.
    const r = runToEnd(load('hpa-v1-defaults'));
    expect(rescales(r)).toEqual([]);
  });

  it('leaves a ratio of exactly 1 + tolerance alone (Tolerances.isWithin includes the bound)', () => {
    // Before: 4 → 5 at 30 s on 66 % against 60 % (ratio 1.1: |1 − 1.1| is 0.10000000000000009 in
    // floating point, just over 0.1), then 5 → 4 at 120 s; the scale-up at 15 s and the scale-down
    // at 210 s are unchanged.
    const r = runToEnd(load('hpa-v1-updown'));
    expect(rescales(r)).toEqual([
      [15, 4],
      [210, 1],
    ]);
  });
});
