// The lab's load dial (lab/load.ts): every absolute client rate of the scenario scales, relative
// shapes keep their factor, other scenarios' actions are left as they were.
import { describe, expect, it } from 'vitest';
import { ArchDocument } from '../../../shared/model';
import { scaleLoad } from '../../../shared/lab/load';
import { buildDoc, direct } from '../../fixtures/build';

function doc(): ArchDocument {
  const built = buildDoc()
    .client('users', { rps: 100, arrival: 'poisson' })
    .service('api', { replicas: 1 })
    .call('users', 'api', direct)
    .scenario({
      name: 'rush',
      durationS: 60,
      timeline: [{ atS: 20, action: 'set-rps', target: 'users', params: { rps: 300 } }],
    })
    .scenario({
      name: 'calm',
      durationS: 60,
      timeline: [{ atS: 20, action: 'set-rps', target: 'users', params: { rps: 50 } }],
    })
    .build();
  const d = ArchDocument.parse(built);
  const users = d.nodes.find((n) => n.id === 'users')!;
  (users.props as Record<string, unknown>)['shapes'] = [
    { shape: 'step', atS: 10, rps: 200 },
    { shape: 'ramp', fromS: 30, toS: 40, toRps: 400 },
    { shape: 'spike', atS: 45, forS: 5, factor: 3 },
    { shape: 'trace', csv: '0,100\n10,250.5' },
  ];
  return d;
}

describe('the lab’s Load ×', () => {
  it('scales the clients’ rates, their absolute shapes and the scenario’s set-rps actions', () => {
    const d = doc();
    const x = scaleLoad(d, 'rush', 2);
    const props = x.nodes.find((n) => n.id === 'users')!.props as Record<string, unknown>;
    expect(props['rps']).toBe(200);
    expect(props['shapes']).toEqual([
      { shape: 'step', atS: 10, rps: 400 },
      { shape: 'ramp', fromS: 30, toS: 40, toRps: 800 },
      { shape: 'spike', atS: 45, forS: 5, factor: 3 },
      { shape: 'trace', csv: '0,200\n10,501' },
    ]);
    expect(x.scenarios[0]!.timeline[0]!.params['rps']).toBe(600);
    expect(x.scenarios[1]!.timeline[0]!.params['rps']).toBe(50);
    // The document itself is left as it was, and 1× is the document.
    expect((d.nodes[0]!.props as Record<string, unknown>)['rps']).toBe(100);
    expect(scaleLoad(d, 'rush', 1)).toBe(d);
    expect(() => ArchDocument.parse(x)).not.toThrow();
  });
});
