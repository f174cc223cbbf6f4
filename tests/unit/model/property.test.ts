// Property tests: random documents, random edit sequences. Every sequence of applied operations
// is undone exactly by its inverses, and every document survives save → load unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  NODE_KINDS,
  applyOp,
  emptyDocument,
  loadDocument,
  newEdge,
  newGroup,
  newNode,
  serializeDocument,
  validateDocument,
  type ArchDocument,
  type Op,
} from '../../../shared/model';

const coord = fc.integer({ min: -2000, max: 2000 });
const ms = fc.double({ min: 0, max: 5000, noNaN: true });
const distribution = fc.oneof(
  fc.record({ dist: fc.constantFrom('constant', 'exponential'), meanMs: ms }),
  fc
    .tuple(
      fc.double({ min: 0.1, max: 100, noNaN: true }),
      fc.double({ min: 1, max: 10, noNaN: true }),
    )
    .map(([p50Ms, f]) => ({ dist: 'lognormal', p50Ms, p99Ms: p50Ms * f })),
);
const label = fc.option(fc.string({ maxLength: 12 }), { nil: undefined });

/** Abstract edits: numbers pick targets from whatever the document holds when applied. */
const w = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });
const command = fc.oneof(
  w(
    4,
    fc.record({
      t: fc.constant('node'),
      kind: fc.constantFrom(...NODE_KINDS),
      x: coord,
      y: coord,
      label,
    }),
  ),
  w(6, fc.record({ t: fc.constant('edge'), a: fc.nat(), b: fc.nat(), publish: fc.boolean() })),
  w(1, fc.record({ t: fc.constant('group'), team: fc.boolean(), x: coord, y: coord })),
  w(2, fc.record({ t: fc.constant('parent'), a: fc.nat(), g: fc.nat(), out: fc.boolean() })),
  w(1, fc.record({ t: fc.constant('move'), a: fc.nat(), x: coord, y: coord })),
  w(1, fc.record({ t: fc.constant('replicas'), a: fc.nat(), n: fc.integer({ min: -2, max: 50 }) })),
  w(1, fc.record({ t: fc.constant('time'), a: fc.nat(), d: distribution })),
  w(
    1,
    fc.record({
      t: fc.constant('label'),
      a: fc.nat(),
      label: fc.option(fc.string({ maxLength: 8 }), { nil: null }),
    }),
  ),
  w(1, fc.record({ t: fc.constant('timeout'), a: fc.nat(), n: fc.integer({ min: 0, max: 5000 }) })),
  w(1, fc.record({ t: fc.constant('removeNode'), a: fc.nat() })),
  w(1, fc.record({ t: fc.constant('removeEdge'), a: fc.nat() })),
  w(1, fc.record({ t: fc.constant('removeGroup'), a: fc.nat() })),
  w(1, fc.record({ t: fc.constant('kill'), a: fc.nat(), at: fc.integer({ min: 0, max: 60 }) })),
  w(1, fc.record({ t: fc.constant('saga'), a: fc.nat(), b: fc.nat() })),
  w(1, fc.record({ t: fc.constant('name'), name: fc.string({ maxLength: 20 }) })),
);
type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

let serial = 0;
function pick<T>(list: readonly T[], n: number): T | undefined {
  return list.length === 0 ? undefined : list[n % list.length];
}

/** The concrete operation a command means in `doc` (it may still be refused). */
function toOp(doc: ArchDocument, c: Command): Op | null {
  const id = () => `x${++serial}`;
  const node = (n: number) => pick(doc.nodes, n);
  switch (c.t) {
    case 'node': {
      const n = newNode(c.kind, id(), { x: c.x, y: c.y });
      return { type: 'addNode', node: c.label === undefined ? n : { ...n, label: c.label } };
    }
    case 'edge': {
      const [a, b] = [node(c.a), node(c.a + 1 + (c.b % Math.max(1, doc.nodes.length - 1)))];
      return a && b
        ? { type: 'addEdge', edge: newEdge(id(), a.id, b.id, c.publish ? 'publish' : 'call') }
        : null;
    }
    case 'group':
      return {
        type: 'addGroup',
        group: newGroup(c.team ? 'team' : 'zone', id(), { x: c.x, y: c.y }),
      };
    case 'parent': {
      const item = pick([...doc.nodes, ...doc.groups], c.a);
      const g = pick(doc.groups, c.g);
      return item ? { type: 'setParent', id: item.id, parentId: c.out || !g ? null : g.id } : null;
    }
    case 'move': {
      const item = pick([...doc.nodes, ...doc.groups], c.a);
      return item
        ? { type: 'moveNodes', moves: [{ id: item.id, position: { x: c.x, y: c.y } }] }
        : null;
    }
    case 'replicas': {
      const n = node(c.a);
      return n ? { type: 'updateNode', id: n.id, props: { replicas: c.n } } : null;
    }
    case 'time': {
      const n = node(c.a);
      return n ? { type: 'updateNode', id: n.id, props: { serviceTime: c.d } } : null;
    }
    case 'label': {
      const n = node(c.a);
      return n ? { type: 'updateNode', id: n.id, label: c.label } : null;
    }
    case 'timeout': {
      const e = pick(doc.edges, c.a);
      return e ? { type: 'updateEdge', id: e.id, props: { timeoutMs: c.n } } : null;
    }
    case 'removeNode': {
      const n = node(c.a);
      return n ? { type: 'removeNode', id: n.id } : null;
    }
    case 'removeEdge': {
      const e = pick(doc.edges, c.a);
      return e ? { type: 'removeEdge', id: e.id } : null;
    }
    case 'removeGroup': {
      const g = pick(doc.groups, c.a);
      return g ? { type: 'removeGroup', id: g.id } : null;
    }
    case 'kill': {
      const n = node(c.a);
      const s = doc.scenarios[0];
      if (!n || !s) return null;
      const entry = { atS: c.at, action: 'kill-pod', target: n.id, params: {} };
      return { type: 'updateScenario', name: s.name, patch: { timeline: [...s.timeline, entry] } };
    }
    case 'saga': {
      const [a, b] = [node(c.a), node(c.b)];
      if (!a || !b) return null;
      const steps = [a, b].map((n) => ({ participant: n.id, action: 'do' }));
      return {
        type: 'addTransaction',
        transaction: { id: id(), name: 'flow', protocol: 'saga', steps },
      };
    }
    case 'name':
      return { type: 'setName', name: c.name };
  }
}

/** Apply the commands that make sense; return the document and the inverses, in order. */
function run(start: ArchDocument, commands: readonly Command[]) {
  let doc = start;
  const inverses: Op[][] = [];
  for (const c of commands) {
    const op = toOp(doc, c);
    if (!op) continue;
    const step = applyOp(doc, op);
    if (!step.ok) continue;
    doc = step.doc;
    inverses.push(step.inverse);
  }
  return { doc, inverses };
}

const only = <T extends Command['t']>(t: T) =>
  command.filter((c): c is Extract<Command, { t: T }> => c.t === t);
/** Documents built the way a user builds one: nodes, groups, parents, links, then anything. */
const documents = fc
  .tuple(
    fc.array(only('node'), { minLength: 2, maxLength: 10 }),
    fc.array(only('group'), { maxLength: 3 }),
    fc.array(only('parent'), { maxLength: 6 }),
    fc.array(only('edge'), { maxLength: 15 }),
    fc.array(fc.oneof(only('kill'), only('saga')), { maxLength: 4 }),
    fc.array(command, { maxLength: 10 }),
  )
  .map((parts) => run(emptyDocument('Random'), parts.flat()).doc);

describe('property: documents and edits', () => {
  it('generates documents with nodes, edges, groups and references', () => {
    const sample = fc.sample(documents, { numRuns: 200, seed: 7 });
    const total = (f: (d: ArchDocument) => number) => sample.reduce((n, d) => n + f(d), 0);
    expect(total((d) => d.edges.length)).toBeGreaterThan(200);
    expect(total((d) => d.groups.length)).toBeGreaterThan(100);
    expect(total((d) => d.nodes.filter((n) => n.parentId !== undefined).length)).toBeGreaterThan(
      50,
    );
    expect(
      total((d) => d.transactions.length + (d.scenarios[0]?.timeline.length ?? 0)),
    ).toBeGreaterThan(50);
  });

  it('every generated document is valid and survives save → load unchanged', () => {
    fc.assert(
      fc.property(documents, (doc) => {
        expect(validateDocument(doc)).toEqual([]);
        const text = serializeDocument(doc);
        expect(loadDocument(text)).toEqual({ ok: true, doc });
        expect(serializeDocument(doc)).toBe(text);
      }),
      { numRuns: 150 },
    );
  });

  it('any sequence of edits followed by as many undos gives back the original document', () => {
    fc.assert(
      fc.property(documents, fc.array(command, { maxLength: 25 }), (original, edits) => {
        const { doc, inverses } = run(original, edits);
        expect(validateDocument(doc)).toEqual([]);
        let undone = doc;
        for (const inverse of inverses.reverse()) {
          for (const op of inverse) {
            const step = applyOp(undone, op);
            if (!step.ok) throw new Error(`undo failed: ${JSON.stringify(step.problems)}`);
            undone = step.doc;
          }
        }
        expect(undone).toEqual(original);
        expect(serializeDocument(undone)).toBe(serializeDocument(original));
      }),
      { numRuns: 150 },
    );
  });
});
