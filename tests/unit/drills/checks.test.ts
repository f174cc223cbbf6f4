import { describe, expect, it } from 'vitest';
import type { ArchDocument, Edge } from '../../../shared/model';
import { CHECKS, architectureChecks, type CheckCode } from '../../../shared/drills/checks';
import { buildDoc, type DocBuilder } from '../../fixtures/build';
import { loadFile } from '../io/samples';

const probe = { httpGet: { path: '/ready', port: 8080 } };
const ready = (props: Record<string, unknown> = {}) => ({
  replicas: 2,
  readinessProbe: probe,
  ...props,
});

/** users → gw → api → db, with nothing a check would flag. */
function healthy(): DocBuilder {
  return buildDoc()
    .client('users')
    .gateway('gw')
    .service('api', ready())
    .database('db', { replicas: 1 })
    .call('users', 'gw')
    .call('gw', 'api')
    .call('api', 'db');
}

/** The document with the call edge `from-to` given these props. */
function withCall(doc: ArchDocument, from: string, to: string, props: object): ArchDocument {
  const edges = doc.edges.map((e): Edge =>
    e.id === `${from}-${to}` && e.kind === 'call' ? { ...e, props: { ...e.props, ...props } } : e,
  );
  return { ...doc, edges };
}

const codes = (doc: ArchDocument) => architectureChecks(doc).map((w) => w.code);
const only = (doc: ArchDocument, code: CheckCode) =>
  architectureChecks(doc).filter((w) => w.code === code);

describe('architectureChecks', () => {
  it('finds nothing in a healthy document', () => {
    expect(architectureChecks(healthy().doc)).toEqual([]);
  });

  it('ARCH001: a service with one replica', () => {
    const doc = healthy()
      .service('solo', ready({ replicas: 1 }))
      .call('api', 'solo').doc;
    const [w] = only(doc, 'ARCH001');
    expect(w).toMatchObject({ severity: 'warning', nodeIds: ['solo'], edgeIds: [] });
    expect(w?.message).toBe('solo has 1 replica: a pod-kill or node failure takes it fully down');
    expect(w?.why).toBe(CHECKS.ARCH001.why);
    const recreate = healthy().service(
      'solo',
      ready({ replicas: 1, strategy: { type: 'Recreate' } }),
    ).doc;
    expect(only(recreate, 'ARCH001')[0]?.message).toMatch(/every Recreate rollout/);
    expect(codes(healthy().service('two', ready({ replicas: 2 })).doc)).not.toContain('ARCH001');
  });

  it('ARCH011: a service scaled to zero', () => {
    const doc = healthy().service('off', ready({ replicas: 0 })).doc;
    expect(only(doc, 'ARCH011')[0]?.message).toBe('off has 0 replicas: every call to it fails');
    expect(codes(doc)).not.toContain('ARCH001');
  });

  it('ARCH002: a bare pod', () => {
    const doc = healthy().node('pod', 'batch').call('api', 'batch').doc;
    expect(only(doc, 'ARCH002')[0]).toMatchObject({ nodeIds: ['batch'] });
    expect(only(doc, 'ARCH002')[0]?.message).toMatch(/nothing restarts or replaces it/);
    expect(codes(healthy().doc)).not.toContain('ARCH002');
  });

  it('ARCH003: a database with no replica', () => {
    const doc = healthy().database('lonely', { replicas: 0 }).call('api', 'lonely').doc;
    expect(only(doc, 'ARCH003')[0]).toMatchObject({ nodeIds: ['lonely'] });
    expect(only(doc, 'ARCH003')[0]?.message).toBe(
      'lonely has no replica: if it fails there is nothing to fail over to',
    );
    expect(codes(healthy().doc)).not.toContain('ARCH003');
  });

  it('ARCH004: a call with no timeout, but not a queue delivery', () => {
    const doc = withCall(healthy().doc, 'api', 'db', { timeoutMs: 0 });
    expect(only(doc, 'ARCH004')[0]).toMatchObject({ nodeIds: ['api', 'db'], edgeIds: ['api-db'] });
    expect(only(doc, 'ARCH004')[0]?.message).toMatch(/^the call api → db has no timeout: if db/);
    const queued = healthy()
      .queue('q')
      .service('worker', ready())
      .publish('api', 'q')
      .call('q', 'worker').doc;
    expect(codes(withCall(queued, 'q', 'worker', { timeoutMs: 0 }))).not.toContain('ARCH004');
  });

  it('ARCH005: retries at several layers of one path, with the worst multiplier and path', () => {
    let doc = healthy().service('deep', ready()).call('api', 'deep').doc;
    doc = withCall(doc, 'gw', 'api', { retries: 2 });
    doc = withCall(doc, 'api', 'deep', { retries: 3 });
    const [w] = only(doc, 'ARCH005');
    expect(w).toMatchObject({
      nodeIds: ['users', 'gw', 'api', 'deep'],
      edgeIds: ['gw-api', 'api-deep'],
    });
    expect(w?.message).toBe(
      'users → gw → api → deep retries at 2 layers: one request can become up to 12 attempts at deep',
    );
    // One retrying layer is not amplification; neither are retries on separate branches.
    expect(codes(withCall(healthy().doc, 'gw', 'api', { retries: 5 }))).not.toContain('ARCH005');
    let branches = healthy().service('other', ready()).call('gw', 'other').doc;
    branches = withCall(withCall(branches, 'gw', 'api', { retries: 2 }), 'gw', 'other', {
      retries: 2,
    });
    expect(codes(branches)).not.toContain('ARCH005');
  });

  it('ARCH006: a service with no readinessProbe (info)', () => {
    const doc = healthy().service('bare', { replicas: 2 }).doc;
    expect(only(doc, 'ARCH006')[0]).toMatchObject({ severity: 'info', nodeIds: ['bare'] });
    expect(codes(healthy().doc)).not.toContain('ARCH006');
  });

  it('ARCH007: a database shared by services of different teams (nearest team ancestor)', () => {
    const shared = () =>
      healthy()
        .group('team-a', 'team')
        .group('team-b', 'team')
        .group('zone-1', 'zone', 'team-b')
        .service('a', ready(), 'team-a')
        .service('b', ready(), 'zone-1')
        .call('a', 'db');
    const doc = shared().call('b', 'db').doc;
    const [w] = only(doc, 'ARCH007');
    expect(w).toMatchObject({ nodeIds: ['db', 'a', 'b'], edgeIds: ['a-db', 'b-db'] });
    expect(w?.message).toMatch(/^db is used by services of 2 teams \(Team, Team\)/);
    expect(codes(shared().doc)).not.toContain('ARCH007');
  });

  it("ARCH008: a request path that crosses team boundaries more than N times (Conway's law)", () => {
    const chain = () =>
      buildDoc()
        .group('red', 'team')
        .group('blue', 'team')
        .client('users')
        .service('r1', ready(), 'red')
        .service('b1', ready(), 'blue')
        .service('r2', ready(), 'red')
        .service('b2', ready(), 'blue')
        .call('users', 'r1')
        .call('r1', 'b1')
        .call('b1', 'r2');
    const doc = chain().call('r2', 'b2').doc;
    const [w] = only(doc, 'ARCH008');
    expect(w).toMatchObject({
      severity: 'info',
      nodeIds: ['users', 'r1', 'b1', 'r2', 'b2'],
      edgeIds: ['users-r1', 'r1-b1', 'b1-r2', 'r2-b2'],
    });
    expect(w?.message).toMatch(/^users → r1 → b1 → r2 → b2 crosses team boundaries 3 times/);
    expect(codes(chain().doc)).not.toContain('ARCH008');
    expect(architectureChecks(chain().doc, { maxTeamCrossings: 1 }).map((x) => x.code)).toContain(
      'ARCH008',
    );
  });

  it('ARCH009: a queue with no consumer', () => {
    const doc = healthy().queue('q').publish('api', 'q').doc;
    expect(only(doc, 'ARCH009')[0]?.message).toMatch(/^q has no consumer/);
    const consumed = healthy().queue('q').service('w', ready()).publish('api', 'q').call('q', 'w');
    expect(codes(consumed.doc)).not.toContain('ARCH009');
  });

  it('ARCH010: a client with nothing to call', () => {
    const doc = healthy().client('idle').doc;
    expect(only(doc, 'ARCH010')[0]).toMatchObject({
      nodeIds: ['idle'],
      message: 'idle calls nothing: its traffic goes nowhere',
    });
    expect(codes(healthy().doc)).not.toContain('ARCH010');
  });

  it('has a catalogue entry for every code, with a one-sentence message ending in no period', () => {
    const doc = loadFile('assets/samples/web-shop.archlab.json');
    for (const w of architectureChecks(doc)) {
      expect(CHECKS[w.code]).toBeDefined();
      expect(w.message).toMatch(/^[^\n]+: [^\n]+[^.]$/);
    }
  });

  it('finds the real weak spots of the web-shop sample', () => {
    const doc = loadFile('assets/samples/web-shop.archlab.json');
    const found = architectureChecks(doc);
    expect(found.find((w) => w.code === 'ARCH001')?.nodeIds).toEqual(['notifications']);
    expect(found.find((w) => w.code === 'ARCH007')?.message).toMatch(
      /^shop DB is used by services of 2 teams \(Catalog team, Checkout team\)/,
    );
    expect(found.map((w) => w.code)).not.toContain('ARCH005'); // retries on separate branches
    const sorted = [...found].sort((a, b) => a.code.localeCompare(b.code));
    expect(found.map((w) => w.code)).toEqual(sorted.map((w) => w.code));
  });

  it('runs on every sample without throwing and is deterministic', () => {
    for (const file of ['payments', 'k8s-rollout', 'web-shop']) {
      const doc = loadFile(`assets/samples/${file}.archlab.json`);
      expect(architectureChecks(doc)).toEqual(architectureChecks(doc));
    }
  });
});

describe('cache-aside drawn as two calls', () => {
  /** api → cache, then api → db: the cache-aside drawing. */
  const aside = () =>
    buildDoc()
      .client('users')
      .gateway('gw')
      .service('api', ready())
      .cache('cache')
      .database('db', { replicas: 1 })
      .call('users', 'gw')
      .call('gw', 'api')
      .call('api', 'cache')
      .call('api', 'db').doc;

  it('warns that every request goes to both, and names the fix (onCacheMiss)', () => {
    const [w] = only(aside(), 'ARCH012');
    expect(w?.message).toContain('api calls cache and db on every request');
    expect(w?.message).toContain('onCacheMiss');
    expect(w?.edgeIds).toEqual(['api-db']);
  });

  it('is quiet once the database call is marked as the miss path', () => {
    const doc = withCall(aside(), 'api', 'db', { onCacheMiss: true });
    expect(codes(doc)).not.toContain('ARCH012');
    expect(codes(doc)).not.toContain('ARCH013');
  });

  it('flags a miss path with no cache call before it: it is never skipped', () => {
    const doc = withCall(healthy().doc, 'api', 'db', { onCacheMiss: true });
    expect(only(doc, 'ARCH013')[0]?.edgeIds).toEqual(['api-db']);
  });
});
