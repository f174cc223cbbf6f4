import { describe, expect, it } from 'vitest';
import {
  NODE_KINDS,
  defaultProps,
  documentJsonSchema,
  edgeFieldsOf,
  emptyDocument,
  fieldsOf,
  getAt,
  newNode,
  nextId,
  placeNode,
  propsPatchFor,
  validateField,
  type FieldMeta,
} from '../../../shared/model';
import { shop } from '../../fixtures/build';

const DEFAULTS = {
  client: { rps: 100, arrival: 'poisson', shapes: [] },
  gateway: {
    overheadMs: 1,
    concurrency: 1000,
    authFailureRate: 0,
    routes: [],
    loadBalancing: 'round-robin',
    fallback: 'none',
  },
  service: {
    replicas: 2,
    concurrency: 4,
    queueCapacity: 1000,
    serviceTime: { dist: 'exponential', meanMs: 10 },
    errorRate: 0,
    loadBalancing: 'round-robin',
    strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    minReadySeconds: 0,
    progressDeadlineSeconds: 600,
    revisionHistoryLimit: 10,
    terminationGracePeriodSeconds: 30,
    startupSeconds: 2,
    version: 'v1',
    schedulingDelaySeconds: 0,
    preStopSeconds: 0,
    behaviour: 'healthy',
    behaviourAfterS: 30,
    leakMsPerS: 5,
    sessionAffinity: 'None',
    sessionAffinityTimeoutSeconds: 10_800,
    endpointsDelayMs: 1000,
  },
  pod: {
    concurrency: 4,
    queueCapacity: 1000,
    serviceTime: { dist: 'exponential', meanMs: 10 },
    errorRate: 0,
  },
  database: {
    poolSize: 20,
    poolTimeoutMs: 1000,
    readLatency: { dist: 'exponential', meanMs: 2 },
    writeLatency: { dist: 'exponential', meanMs: 5 },
    writeRatio: 0.2,
    replicas: 0,
    failoverSeconds: 30,
  },
  cache: { hitRatio: 0.8, hitLatency: { dist: 'constant', meanMs: 0.5 } },
  queue: { capacity: 1_000_000, publishLatency: { dist: 'constant', meanMs: 1 } },
  external: { latency: { dist: 'exponential', meanMs: 50 }, errorRate: 0 },
};

/** Values just outside a numeric field's range, with the message each must get. */
function outside(f: FieldMeta): [number, string][] {
  const out: [number, string][] = [];
  if (f.min !== undefined) {
    out.push(f.minExclusive ? [f.min, `must be > ${f.min}`] : [f.min - 1, `must be ≥ ${f.min}`]);
  }
  if (f.max !== undefined) {
    out.push(f.maxExclusive ? [f.max, `must be < ${f.max}`] : [f.max + 1, `must be ≤ ${f.max}`]);
  }
  return out;
}

describe.each(NODE_KINDS)('the %s kind', (kind) => {
  it('has the documented defaults', () => {
    expect(defaultProps(kind)).toEqual(DEFAULTS[kind]);
    expect(newNode(kind, 'x', { x: 1, y: 2 }).props).toEqual(DEFAULTS[kind]);
  });

  it('accepts every numeric field at its bounds and refuses it just outside, with the bound', () => {
    const props = defaultProps(kind);
    const numeric = fieldsOf(kind).filter(
      (f) =>
        (f.type === 'number' || f.type === 'integer') &&
        f.within === undefined &&
        f.when === undefined,
    );
    expect(numeric.length).toBeGreaterThan(0);
    for (const f of numeric) {
      for (const bound of [f.min, f.max]) {
        if (bound === undefined || f.minExclusive || f.maxExclusive) continue;
        expect({ path: f.path, ok: validateField(kind, props, f.path, bound).ok }).toEqual({
          path: f.path,
          ok: true,
        });
      }
      for (const [value, message] of outside(f)) {
        expect(validateField(kind, props, f.path, value)).toEqual({
          ok: false,
          problems: [{ path: f.path, message }],
        });
      }
    }
  });

  it('gives every field a label, and every default matches the props default', () => {
    for (const f of fieldsOf(kind)) {
      expect(f.label).not.toBe('');
      if (f.default !== undefined && f.within === undefined) {
        expect({ path: f.path, value: getAt(defaultProps(kind), f.path) }).toEqual({
          path: f.path,
          value: f.default,
        });
      }
    }
  });
});

describe('field metadata', () => {
  it('describes a service for the inspector: units, ranges, help, options, nested paths', () => {
    const byPath = new Map(fieldsOf('service').map((f) => [f.path, f]));
    expect(byPath.get('replicas')).toMatchObject({
      label: 'Replicas',
      type: 'integer',
      min: 0,
      max: 10_000,
      default: 2,
      description: 'Desired pods (Deployment)',
    });
    expect(byPath.get('serviceTime.dist')).toMatchObject({
      type: 'enum',
      options: ['constant', 'exponential', 'lognormal', 'empirical'],
      default: 'exponential',
      section: 'Service time',
    });
    expect(byPath.get('serviceTime.meanMs')).toMatchObject({
      unit: 'ms',
      default: 10,
      when: { path: 'serviceTime.dist', values: ['constant', 'exponential'] },
    });
    expect(byPath.get('serviceTime.p50Ms')).toMatchObject({
      min: 0,
      minExclusive: true,
      when: { values: ['lognormal'] },
    });
    expect(byPath.get('serviceTime.quantiles')).toMatchObject({
      type: 'list',
      when: { path: 'serviceTime.dist', values: ['empirical'] },
    });
    expect(byPath.get('strategy.rollingUpdate.maxSurge')).toMatchObject({
      type: 'intOrPercent',
      default: '25%',
      section: 'Strategy › Rolling update',
    });
    expect(byPath.get('terminationGracePeriodSeconds')).toMatchObject({
      label: 'Termination grace period',
      unit: 's',
    });
    expect(byPath.get('readinessProbe.periodSeconds')).toMatchObject({
      within: 'readinessProbe',
      default: 10,
      min: 1,
    });
    expect(fieldsOf('client').find((f) => f.path === 'rps')).toMatchObject({
      label: 'Rate',
      unit: 'requests/s',
    });
    expect(edgeFieldsOf('call').map((f) => f.path)).toEqual([
      'latencyMs',
      'timeoutMs',
      'retries',
      'backoffBaseMs',
      'backoffMaxMs',
      'jitter',
      'maxDepth',
      'probability',
      'calls',
      'mode',
      'optional',
      'circuitBreaker.slidingWindowType',
      'circuitBreaker.slidingWindowSize',
      'circuitBreaker.minimumNumberOfCalls',
      'circuitBreaker.failureRateThreshold',
      'circuitBreaker.slowCallRateThreshold',
      'circuitBreaker.slowCallDurationThresholdMs',
      'circuitBreaker.waitDurationInOpenStateMs',
      'circuitBreaker.permittedNumberOfCallsInHalfOpenState',
      'circuitBreaker.automaticTransitionFromOpenToHalfOpenEnabled',
      'outlierDetection.consecutive5xx',
      'outlierDetection.intervalMs',
      'outlierDetection.baseEjectionTimeMs',
      'outlierDetection.maxEjectionPercent',
      'outlierDetection.maxEjectionTimeMs',
      'onCacheMiss',
    ]);
    const call = new Map(edgeFieldsOf('call').map((f) => [f.path, f]));
    expect(call.get('probability')).toMatchObject({ percent: true, unit: '%', default: 1 });
    expect(call.get('calls')).toMatchObject({ type: 'integer', min: 1, default: 1 });
    expect(call.get('mode')).toMatchObject({
      type: 'enum',
      options: ['sequential', 'parallel'],
      default: 'sequential',
    });
    expect(call.get('optional')).toMatchObject({ type: 'boolean', optional: true });
  });

  it('builds props patches for nested paths and converts distributions', () => {
    const props = defaultProps('service');
    expect(propsPatchFor(props, 'strategy.rollingUpdate.maxSurge', 2)).toEqual({
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } },
    });
    expect(propsPatchFor(props, 'serviceTime.dist', 'lognormal')).toEqual({
      serviceTime: { dist: 'lognormal', p50Ms: 10, p99Ms: 50 },
    });
    expect(validateField('service', props, 'strategy.rollingUpdate.maxSurge', '3 pods')).toEqual({
      ok: false,
      problems: [
        { path: 'strategy.rollingUpdate.maxSurge', message: 'must be a percentage like "25%"' },
      ],
    });
  });
});

describe('defaults', () => {
  it('starts a document with a baseline scenario', () => {
    expect(emptyDocument('New')).toMatchObject({
      format: 'archlab',
      version: 2,
      name: 'New',
      scenarios: [{ name: 'baseline', durationS: 60, seed: 1 }],
    });
  });
  it('finds free ids across nodes, edges and groups, and labels new nodes', () => {
    const doc = shop();
    expect(nextId(doc, 'zone')).toBe('zone-1');
    expect(nextId({ ...doc, groups: [{ ...doc.groups[0]!, id: 'zone-1' }] }, 'zone')).toBe(
      'zone-2',
    );
    expect(placeNode(doc, 'service', { x: 0, y: 0 })).toMatchObject({
      id: 'service-1',
      label: 'Service',
    });
  });
});

describe('JSON Schema', () => {
  it('describes the document with defaults and ranges', () => {
    const schema = documentJsonSchema() as {
      title: string;
      properties: Record<string, unknown>;
      required?: string[];
    };
    expect(schema.title).toBe('ArchLab document');
    expect(Object.keys(schema.properties)).toEqual([
      'format',
      'version',
      'name',
      'description',
      'nodes',
      'edges',
      'groups',
      'notes',
      'transactions',
      'scenarios',
      'prices',
    ]);
    expect(schema.required).toEqual(['format', 'version']);
    expect(JSON.stringify(schema)).toContain('"Desired pods (Deployment)"');
  });
});
