// The inspector's pod fields read as a pod spec: the container's resources (requests, limits as
// Kubernetes quantities, with their units), then the runtime inside it, with units and help.
import { describe, expect, it } from 'vitest';
import { fieldsOf } from '../../../shared/model';
import { parseField } from '../../../renderer/src/inspector/fieldValue';
import { grouped, subheading } from '../../../renderer/src/inspector/sections';

const byPath = (kind: 'service' | 'pod') => new Map(fieldsOf(kind).map((f) => [f.path, f]));

describe('pod fields in the inspector', () => {
  it('gives requests and limits as quantities in cores and bytes, with help', () => {
    const f = byPath('service');
    expect(f.get('resources.requests.cpu')).toMatchObject({ type: 'quantity', unit: 'cores' });
    expect(f.get('resources.limits.memory')).toMatchObject({ type: 'quantity', unit: 'bytes' });
    expect(f.get('resources.limits.cpu')?.description).toMatch(/core/);
    expect(f.get('resources.limits.cpu')?.label).toBe('CPU');
  });

  it('reads a quantity as Kubernetes writes it and refuses what it refuses', () => {
    const cpu = byPath('service').get('resources.limits.cpu')!;
    expect(parseField(cpu, '250m')).toEqual({ ok: true, value: '250m' });
    expect(parseField(cpu, '1.5')).toEqual({ ok: true, value: 1.5 });
    expect(parseField(cpu, '2')).toEqual({ ok: true, value: 2 });
    const bad = parseField(cpu, 'two cores');
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.message).toMatch(/not a Kubernetes quantity.*250m/);
    const mem = byPath('service').get('resources.limits.memory')!;
    expect(parseField(mem, '512Mi')).toEqual({ ok: true, value: '512Mi' });
    expect(parseField(mem, '')).toEqual({ ok: true, value: undefined });
  });

  it('spells the runtime’s units: µs, KiB, MiB, and shares in %', () => {
    const f = byPath('service');
    expect(f.get('runtime.contextSwitchUs')).toMatchObject({ label: 'Context switch', unit: 'µs' });
    expect(f.get('runtime.lock.spinLimitUs')).toMatchObject({ unit: 'µs' });
    expect(f.get('runtime.stackKiB')).toMatchObject({ label: 'Stack per thread', unit: 'KiB' });
    expect(f.get('runtime.baseMemoryMi')).toMatchObject({ label: 'Base memory', unit: 'MiB' });
    expect(f.get('runtime.lock.criticalShare')).toMatchObject({ percent: true, unit: '%' });
    expect(f.get('runtime.cpuTime.meanMs')?.section).toBe('Runtime › CPU time');
  });

  it('groups a service as a pod spec reads: workload, container resources, then the runtime', () => {
    for (const kind of ['service', 'pod'] as const) {
      const tops: string[] = [];
      for (const f of grouped(kind, fieldsOf(kind))) {
        const top = f.section!.split(' › ')[0]!;
        if (tops.at(-1) !== top) tops.push(top);
      }
      expect(tops.slice(0, 3)).toEqual(['Workload', 'Container', 'Inside the pod']);
      expect(new Set(tops).size).toBe(tops.length);
    }
    const cpu = grouped('service', fieldsOf('service')).find(
      (f) => f.path === 'resources.limits.cpu',
    )!;
    expect(subheading(cpu.section!)).toBe('resources › limits');
  });
});
