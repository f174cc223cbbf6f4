// A calibrated prop edited by hand is no longer marked as from traces; undo brings the mark back.
import { describe, expect, it } from 'vitest';
import { applyOps, ArchDocument, type Calibration } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

const mark: Calibration = {
  source: 'traces',
  spans: 12_400,
  at: '2026-05-28T20:27:29.882Z',
  fields: ['serviceTime', 'errorRate'],
};

function doc(): ArchDocument {
  const d = ArchDocument.parse(
    buildDoc().client('users').service('api').call('users', 'api').build(),
  );
  return {
    ...d,
    nodes: d.nodes.map((n) => (n.id === 'api' ? { ...n, calibrated: mark } : n)),
    edges: d.edges.map((e) => ({ ...e, calibrated: { ...mark, fields: ['latencyMs'] } })),
  };
}

describe('calibration marks under edits', () => {
  it('a hand edit drops that prop from the mark, others stay; undo restores it', () => {
    const d = doc();
    const r = applyOps(d, [{ type: 'updateNode', id: 'api', props: { errorRate: 0.1 } }]);
    if (!r.ok) throw new Error(r.problems[0]?.message);
    expect(r.doc.nodes.find((n) => n.id === 'api')?.calibrated?.fields).toEqual(['serviceTime']);
    const back = applyOps(r.doc, r.inverse);
    if (!back.ok) throw new Error(back.problems[0]?.message);
    expect(back.doc.nodes.find((n) => n.id === 'api')?.calibrated).toEqual(mark);
  });

  it('the last marked prop edited removes the mark; an unmarked prop keeps it', () => {
    const d = doc();
    const r = applyOps(d, [{ type: 'updateEdge', id: 'users-api', props: { latencyMs: 3 } }]);
    if (!r.ok) throw new Error(r.problems[0]?.message);
    expect(r.doc.edges[0]?.calibrated).toBeUndefined();
    const t = applyOps(d, [{ type: 'updateEdge', id: 'users-api', props: { timeoutMs: 300 } }]);
    if (!t.ok) throw new Error(t.problems[0]?.message);
    expect(t.doc.edges[0]?.calibrated?.fields).toEqual(['latencyMs']);
  });
});
