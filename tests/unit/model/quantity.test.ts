// Kubernetes quantities as apimachinery's resource.ParseQuantity reads them (quantity.go and the
// examples of quantity_test.go: TestQuantityParse and its error table), and the resources of a
// service checked on load with the JSON path of a bad value.
import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, parseDocument } from '../../../shared/model';
import { cpuCores, memoryBytes, parseQuantity } from '../../../shared/model/quantity';

describe('Kubernetes quantities (apimachinery resource.Quantity)', () => {
  it.each([
    ['0', 0],
    ['250m', 0.25],
    ['100m', 0.1],
    ['1.5', 1.5],
    ['.5', 0.5],
    ['5.', 5],
    ['+1', 1],
    ['1n', 1e-9],
    ['1u', 1e-6],
    ['1k', 1000],
    ['1M', 1e6],
    ['1G', 1e9],
    ['1T', 1e12],
    ['1P', 1e15],
    ['1E', 1e18],
    ['1Ki', 1024],
    ['512Mi', 512 * 2 ** 20],
    ['5Gi', 5 * 2 ** 30],
    ['1Ti', 2 ** 40],
    ['1e3', 1000],
    ['1E3', 1000],
    ['1e-3', 0.001],
    ['1.5e+2', 150],
    ['-1', -1],
  ])('%s parses to %d', (text, value) => {
    expect(parseQuantity(text)).toBeCloseTo(value, 12);
  });

  it.each([
    '',
    ' 1',
    '1 ',
    '1 M',
    '1.1.M',
    '1+1.0M',
    '0.1mi',
    '0.1am',
    'aoeu',
    '.5i',
    '1i',
    '1K',
    '1ki',
    '-3.01e-',
    '1e',
    '25O m',
    'Mi',
    '.',
  ])('%j is refused', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });

  it('reads numbers as they are and converts to cores and bytes', () => {
    expect(cpuCores(2)).toBe(2);
    expect(cpuCores('250m')).toBe(0.25);
    expect(memoryBytes('1G')).toBe(1e9);
    expect(memoryBytes('512Mi')).toBe(536_870_912);
    expect(() => cpuCores('25O m')).toThrow('"25O m" is not a Kubernetes quantity');
    expect(() => memoryBytes('-1Gi')).toThrow('must be greater than or equal to 0');
  });
});

describe('resources on load', () => {
  const load = (resources: unknown, kind = 'service') =>
    parseDocument({
      format: 'archlab',
      version: CURRENT_VERSION,
      name: 'T',
      nodes: [
        { id: 'a', kind: 'client', position: { x: 0, y: 0 }, props: {} },
        { id: 'b', kind, position: { x: 0, y: 0 }, props: { resources } },
      ],
    });

  it('names the path of a bad quantity', () => {
    const res = load({ limits: { cpu: '25O m' } });
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'nodes[1].props.resources.limits.cpu: "25O m" is not a Kubernetes quantity',
    ]);
  });

  it('refuses a request above its limit and a negative value, on a bare pod too', () => {
    const res = load({ requests: { memory: '2Gi' }, limits: { memory: '1Gi', cpu: '-1' } }, 'pod');
    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.problems.map((p) => `${p.path}: ${p.message}`).sort()).toEqual([
      'nodes[1].props.resources.limits.cpu: "-1" must be greater than or equal to 0',
      'nodes[1].props.resources.requests.memory: must be less than or equal to memory limit of 1Gi',
    ]);
  });

  it('accepts what a pod spec writes', () => {
    const res = load({
      requests: { cpu: '250m', memory: '64Mi' },
      limits: { cpu: 1, memory: '1G' },
    });
    expect(res.ok).toBe(true);
  });
});
