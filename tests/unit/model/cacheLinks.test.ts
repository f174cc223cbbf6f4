// A cache answers hits itself and reads through to what is behind it on a miss (DESIGN.md: "cache:
// hit ratio, hit latency; a miss goes on to its target"), so the editor must let a user draw that.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { canConnect, loadDocument } from '../../../shared/model';

const readThrough = {
  format: 'archlab',
  version: 1,
  nodes: [
    { id: 'users', kind: 'client', position: { x: 0, y: 0 }, props: { rps: 100 } },
    { id: 'api', kind: 'service', position: { x: 200, y: 0 } },
    { id: 'cache', kind: 'cache', position: { x: 400, y: 0 }, props: { hitRatio: 0.75 } },
    { id: 'db', kind: 'database', position: { x: 600, y: 0 } },
    { id: 'q', kind: 'queue', position: { x: 600, y: 200 } },
    { id: 'gw', kind: 'gateway', position: { x: 100, y: 200 } },
    { id: 'origin', kind: 'service', position: { x: 600, y: 400 } },
  ],
  edges: [
    { id: 'e1', from: 'users', to: 'api', kind: 'call' },
    { id: 'e2', from: 'api', to: 'cache', kind: 'call' },
    { id: 'e3', from: 'cache', to: 'db', kind: 'call' },
  ],
  scenarios: [{ name: 'baseline', durationS: 20, seed: 1 }],
};

describe('a read-through cache', () => {
  it('loads with its miss edge to the database, and misses reach the database', () => {
    const loaded = loadDocument(JSON.stringify(readThrough));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    const r = runToEnd(loaded.doc);
    const cache = r.nodes['cache']!.requests;
    const db = r.nodes['db']!.requests;
    // A quarter of lookups miss: binomial bounds (±4σ) on the database's share.
    const sigma = Math.sqrt(cache * 0.25 * 0.75);
    expect(Math.abs(db - cache * 0.25)).toBeLessThan(4 * sigma);
  });

  it('may call what a miss reads through to, and nothing else', () => {
    const loaded = loadDocument(JSON.stringify(readThrough));
    if (!loaded.ok) throw new Error('does not load');
    const doc = loaded.doc;
    expect(canConnect(doc, 'cache', 'origin', 'call')).toEqual({ ok: true });
    expect(canConnect(doc, 'cache', 'gw', 'call')).toEqual({
      ok: false,
      reason:
        "a cache's misses read through to a database, external API, service or pod, not to an API gateway",
    });
    expect(canConnect(doc, 'cache', 'q', 'publish')).toEqual({
      ok: false,
      reason: 'a cache answers calls; it cannot publish',
    });
  });
});
