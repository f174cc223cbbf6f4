import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  emptyDocument,
  loadDocument,
  serializeDocument,
  validateDocument,
} from '../../../shared/model';
import { shop } from '../../fixtures/build';

const fixtures = new URL('../../fixtures/model/', import.meta.url);
const samples = new URL('../../../assets/samples/', import.meta.url);

const node = (extra: Record<string, unknown>) => ({
  id: 'n',
  kind: 'service',
  position: { x: 0, y: 0 },
  props: {},
  ...extra,
});
const doc = (extra: Record<string, unknown>) =>
  JSON.stringify({ format: 'archlab', version: 1, name: 'T', ...extra });
const svc = (id: string, props: Record<string, unknown> = {}) => node({ id, props });

// Each bad file and the exact problems it must produce: `path: message`.
const badFiles: [string, string, string[]][] = [
  ['empty text', '  ', ['(document): is empty, not an ArchLab document']],
  ['an array', '[]', ['(document): is not an ArchLab document (expected a JSON object)']],
  [
    'no format',
    '{"version":1}',
    ['format: is missing: this is not an ArchLab document (expected "archlab")'],
  ],
  [
    'a draw.io file',
    '{"format":"drawio"}',
    ['format: is "drawio": this is not an ArchLab document (expected "archlab")'],
  ],
  [
    'clipboard content',
    '{"format":"archlab-clipboard"}',
    ['format: is "archlab-clipboard": this is copied content; paste it instead'],
  ],
  ['no version', '{"format":"archlab"}', ['version: is required']],
  [
    'a fractional version',
    '{"format":"archlab","version":1.5}',
    ['version: must be a whole number'],
  ],
  [
    'a newer version',
    '{"format":"archlab","version":7}',
    ['version: is 7: this file was made by a newer ArchLab (this one reads up to version 2)'],
  ],
  [
    'an older version',
    '{"format":"archlab","version":0}',
    ['version: is 0: this ArchLab reads versions 1 to 2, and has no migration from version 0'],
  ],
  [
    'negative replicas',
    doc({ nodes: [svc('a'), svc('b'), svc('c'), svc('d', { replicas: -1 })] }),
    ['nodes[3].props.replicas: must be ≥ 0'],
  ],
  [
    'fractional concurrency',
    doc({ nodes: [svc('a', { concurrency: 1.5 })] }),
    ['nodes[0].props.concurrency: must be a whole number'],
  ],
  [
    'a bad arrival',
    doc({ nodes: [node({ kind: 'client', props: { arrival: 'burst' } })] }),
    ['nodes[0].props.arrival: must be one of poisson, constant'],
  ],
  [
    'an unknown kind',
    doc({ nodes: [node({ kind: 'lambda' })] }),
    [
      'nodes[0].kind: must be one of client, gateway, service, pod, database, cache, queue, external',
    ],
  ],
  [
    'a missing position',
    doc({ nodes: [node({ position: undefined })] }),
    ['nodes[0].position: is required'],
  ],
  [
    'text for a number',
    doc({ nodes: [svc('a', { replicas: 'three' })] }),
    ['nodes[0].props.replicas: must be a number'],
  ],
  [
    'too many retries',
    doc({
      nodes: [svc('a'), svc('b')],
      edges: [{ id: 'e', from: 'a', to: 'b', kind: 'call', props: { retries: 11 } }],
    }),
    ['edges[0].props.retries: must be ≤ 10'],
  ],
  [
    'zero duration',
    doc({ scenarios: [{ name: 'x', durationS: 0 }] }),
    ['scenarios[0].durationS: must be > 0'],
  ],
  [
    'an empty scenario name',
    doc({ scenarios: [{ name: '' }] }),
    ['scenarios[0].name: must not be empty'],
  ],
  [
    'a bad id',
    doc({ nodes: [svc('a b')] }),
    ['nodes[0].id: must start with a letter or digit, then letters, digits, and _ . : - only'],
  ],
  [
    'a bad maxSurge',
    doc({ nodes: [svc('a', { strategy: { rollingUpdate: { maxSurge: 'lots' } } })] }),
    ['nodes[0].props.strategy.rollingUpdate.maxSurge: must be a percentage like "25%"'],
  ],
  [
    'a bad distribution',
    doc({ nodes: [svc('a', { serviceTime: { dist: 'gamma', meanMs: 3 } })] }),
    ['nodes[0].props.serviceTime.dist: must be one of constant, exponential, lognormal, empirical'],
  ],
  [
    'an empirical table that does not start at p = 0, goes back in p and in ms, and ends short of 1',
    doc({
      nodes: [
        svc('a', {
          serviceTime: {
            dist: 'empirical',
            quantiles: [
              { p: 0.1, ms: 2 },
              { p: 0.6, ms: 8 },
              { p: 0.5, ms: 5 },
              { p: 0.9, ms: 9 },
            ],
          },
        }),
      ],
    }),
    [
      'nodes[0].props.serviceTime.quantiles[0].p: the first row must have p = 0',
      'nodes[0].props.serviceTime.quantiles[3].p: the last row must have p = 1',
      'nodes[0].props.serviceTime.quantiles[2].p: p must increase: 0.5 follows 0.6',
      'nodes[0].props.serviceTime.quantiles[2].ms: ms must not decrease: 5 follows 8',
    ],
  ],
  [
    'an empirical probability above 1',
    doc({
      nodes: [
        svc('a', {
          serviceTime: {
            dist: 'empirical',
            quantiles: [
              { p: 0, ms: 2 },
              { p: 1.5, ms: 8 },
            ],
          },
        }),
      ],
    }),
    [
      'nodes[0].props.serviceTime.quantiles[1].p: must be ≤ 1',
      'nodes[0].props.serviceTime.quantiles[1].p: the last row must have p = 1',
    ],
  ],
  [
    'p99 below p50',
    doc({ nodes: [svc('a', { serviceTime: { dist: 'lognormal', p50Ms: 9, p99Ms: 3 } })] }),
    ['nodes[0].props.serviceTime.p99Ms: must be ≥ p50Ms'],
  ],
  [
    'an unknown field',
    doc({ nodes: [svc('a', { replcas: 3 })] }),
    ['nodes[0].props.replcas: is not a known field'],
  ],
  [
    'a duplicate id',
    doc({
      nodes: [svc('a')],
      groups: [
        { id: 'a', kind: 'zone', position: { x: 0, y: 0 }, size: { width: 100, height: 100 } },
      ],
    }),
    ['groups[0].id: duplicate id "a" (also nodes[0])'],
  ],
  [
    'a dangling edge',
    doc({ nodes: [svc('a')], edges: [{ id: 'e', from: 'a', to: 'ghost', kind: 'call' }] }),
    ['edges[0].to: node "ghost" does not exist'],
  ],
  [
    'a parent that is a node',
    doc({ nodes: [svc('a'), node({ id: 'b', parentId: 'a' })] }),
    ['nodes[1].parentId: group "a" is a node, not a group'],
  ],
  [
    'a database calling a service',
    doc({
      nodes: [svc('a'), node({ id: 'db', kind: 'database' })],
      edges: [{ id: 'e', from: 'db', to: 'a', kind: 'call' }],
    }),
    ['edges[0]: invalid link: a database answers calls; it cannot call a service'],
  ],
  [
    'a call cycle',
    doc({
      nodes: [svc('a'), svc('b')],
      edges: [
        { id: 'e1', from: 'a', to: 'b', kind: 'call' },
        { id: 'e2', from: 'b', to: 'a', kind: 'call' },
      ],
    }),
    [
      'edges[1]: invalid link: it would make a call cycle: a → b → a (set maxDepth on the edge to bound it)',
    ],
  ],
  [
    'a dangling timeline target',
    doc({
      scenarios: [{ name: 's', timeline: [{ atS: 1, action: 'kill-pod', target: 'ghost' }] }],
    }),
    ['scenarios[0].timeline[0].target: no node, edge, group or transaction flow has id "ghost"'],
  ],
  [
    'a missing participant',
    doc({
      transactions: [
        { id: 't', name: 'T', protocol: 'saga', steps: [{ participant: 'ghost', action: 'x' }] },
      ],
    }),
    ['transactions[0].steps[0].participant: node "ghost" does not exist'],
  ],
  [
    'duplicate scenario names',
    doc({ scenarios: [{ name: 's' }, { name: 's' }] }),
    ['scenarios[1].name: duplicate scenario name "s"'],
  ],
];

describe('loadDocument refuses bad files with the path and a plain reason', () => {
  it.each(badFiles)('%s', (_name, text, expected) => {
    const result = loadDocument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((p) => `${p.path}: ${p.message}`)).toEqual(expected);
  });

  it('says where broken JSON breaks', () => {
    const result = loadDocument('{\n  "format": "archlab",\n  "version": 1,\n}');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.path).toBe('(document)');
    expect(result.problems[0]?.message).toMatch(/^is not valid JSON \(line 4, column 1\): /);
  });

  it.each([
    ['a YAML file', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n', 1, 1],
    ['a bare word in an object', '{\n  "format": "archlab",\n  "version": x\n}', 3, 14],
    ['a trailing comma in an array', '{\n  "nodes": [1, 2,]\n}', 2, 18],
  ])('points at the problem in %s, not at the end of the file', (_what, text, line, column) => {
    const result = loadDocument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]?.message).toMatch(
      new RegExp(`^is not valid JSON \\(line ${line}, column ${column}\\): `),
    );
  });

  it('reports schema problems and broken references in one pass', () => {
    const text = JSON.stringify({
      format: 'archlab',
      version: 1,
      nodes: [
        node({ id: 'users', kind: 'client', props: { rps: 10 } }),
        node({ id: 'api', props: { replicas: -1 } }),
      ],
      edges: [{ id: 'e1', from: 'users', to: 'ghost', kind: 'call' }],
      scenarios: [
        { name: 's', slos: [{ name: 'x', metric: 'p99', op: '<', value: 1, target: 'nope' }] },
      ],
    });
    const result = loadDocument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const lines = result.problems.map((p) => `${p.path}: ${p.message}`);
    expect(lines.some((l) => l.startsWith('nodes[1].props.replicas: '))).toBe(true);
    expect(lines).toContain('edges[0].to: node "ghost" does not exist');
    expect(lines).toContain('scenarios[0].slos[0].target: node "nope" does not exist');
  });

  it('reads the fixture files of tests/fixtures/model with their expected problems', () => {
    for (const name of readdirSync(fixtures).filter((f) => f.endsWith('.archlab.json'))) {
      const text = readFileSync(new URL(name, fixtures), 'utf8');
      const expected = JSON.parse(
        readFileSync(new URL(name.replace('.archlab.json', '.expected.json'), fixtures), 'utf8'),
      ) as string[];
      const result = loadDocument(text);
      const got = result.ok ? [] : result.problems.map((p) => `${p.path}: ${p.message}`);
      expect({ name, got }).toEqual({ name, got: expected });
    }
  });
});

describe('samples', () => {
  const files = readdirSync(samples).filter((f) => f.endsWith('.archlab.json'));
  it('has the promised samples', () => {
    expect(files.sort()).toEqual([
      'cpu-throttling.archlab.json',
      'k8s-rollout.archlab.json',
      'payments.archlab.json',
      'slow-database.archlab.json',
      'spin-vs-mutex.archlab.json',
      'web-shop.archlab.json',
    ]);
  });
  it.each(files)('%s loads with no problems and a baseline scenario with SLOs', (file) => {
    const result = loadDocument(readFileSync(new URL(file, samples), 'utf8'));
    if (!result.ok) expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const baseline = result.doc.scenarios.find((s) => s.name === 'baseline');
    expect(baseline?.slos.length).toBeGreaterThan(0);
    expect(loadDocument(serializeDocument(result.doc))).toEqual({ ok: true, doc: result.doc });
  });
  it('k8s-rollout rolls web out to v2 at 20 s with 25 %/25 % over 10 replicas', () => {
    const result = loadDocument(readFileSync(new URL('k8s-rollout.archlab.json', samples), 'utf8'));
    if (!result.ok) throw new Error('sample does not load');
    const web = result.doc.nodes.find((n) => n.id === 'web');
    expect(web?.kind === 'service' && web.props.replicas).toBe(10);
    expect(web?.kind === 'service' && web.props.strategy.rollingUpdate).toEqual({
      maxSurge: '25%',
      maxUnavailable: '25%',
    });
    expect(web?.kind === 'service' && web.props.readinessProbe?.httpGet?.path).toBe('/healthz');
    expect(result.doc.scenarios[0]?.timeline).toEqual([
      { atS: 20, action: 'rollout', target: 'web', params: { version: 'v2' } },
    ]);
  });
  it('payments has a saga and a 2PC flow over three databases', () => {
    const result = loadDocument(readFileSync(new URL('payments.archlab.json', samples), 'utf8'));
    if (!result.ok) throw new Error('sample does not load');
    expect(result.doc.transactions.map((t) => t.protocol)).toEqual(['saga', '2pc']);
    expect(result.doc.transactions[1]?.steps.map((s) => s.participant)).toEqual([
      'inventory-db',
      'payments-db',
      'orders-db',
    ]);
  });
});

describe('serializeDocument', () => {
  it('writes pretty, stable JSON that loads back to the same document', () => {
    const d = shop();
    const text = serializeDocument(d);
    expect(text).toMatch(/^\{\n {2}"format": "archlab",\n {2}"version": 2,\n {2}"name": "Test",/);
    expect(text.endsWith('}\n')).toBe(true);
    expect(loadDocument(text)).toEqual({ ok: true, doc: d });
    expect(serializeDocument({ ...d, name: d.name })).toBe(text);
  });
  it('puts keys in schema order whatever order an edit left them in', () => {
    const d = emptyDocument('X');
    const shuffled = {
      scenarios: d.scenarios,
      name: d.name,
      version: 2,
      format: 'archlab',
    } as typeof d;
    expect(
      serializeDocument({ ...shuffled, nodes: [], edges: [], groups: [], transactions: [] }),
    ).toBe(serializeDocument(d));
  });
  it('accepts a byte-order mark', () => {
    expect(loadDocument(`\uFEFF${serializeDocument(shop())}`).ok).toBe(true);
  });
});

describe('validateDocument', () => {
  it('finds nothing wrong with a good document', () => {
    expect(validateDocument(shop())).toEqual([]);
  });
  it('finds group cycles', () => {
    const d = shop();
    const groups = [
      {
        id: 'g1',
        kind: 'zone' as const,
        parentId: 'g2',
        position: { x: 0, y: 0 },
        size: { width: 50, height: 50 },
      },
      {
        id: 'g2',
        kind: 'zone' as const,
        parentId: 'g1',
        position: { x: 0, y: 0 },
        size: { width: 50, height: 50 },
      },
    ];
    expect(validateDocument({ ...d, groups: [...d.groups, ...groups] })).toEqual([
      { path: 'groups[1].parentId', message: 'groups nest in a cycle through "g1"' },
      { path: 'groups[2].parentId', message: 'groups nest in a cycle through "g2"' },
    ]);
  });
});
