// Pods, ReplicaSets and event messages carry the name a reader gave a node, not its id.
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { deploymentNames, kubeName } from '../../../shared/model';
import { buildDoc } from '../../fixtures/build';

function renamed(label: string) {
  const doc = buildDoc()
    .client('client-1', { rps: 20 })
    .service('service-1', { replicas: 2 })
    .call('client-1', 'service-1')
    .scenario({
      name: 'baseline',
      durationS: 10,
      seed: 1,
      timeline: [{ atS: 3, action: 'kill-pod', target: 'service-1' }],
      slos: [],
    })
    .build();
  const n = doc.nodes?.find((x) => x.id === 'service-1');
  if (n) n.label = label;
  return doc;
}

describe('names in the run', () => {
  it('names the pods of a renamed service after its name, as Kubernetes would', () => {
    const r = runToEnd(renamed('Orders'));
    const pods = r.nodes['service-1']?.pods?.map((p) => p.name) ?? [];
    expect(pods.length).toBeGreaterThan(0);
    for (const p of pods) expect(p).toMatch(/^orders-[a-z0-9]{10}-[a-z0-9]{5}$/);
    const created = r.events.filter((e) => e.reason === 'SuccessfulCreate');
    expect(created.every((e) => e.message.includes('Created pod: orders-'))).toBe(true);
  });

  it('turns a name with spaces and brackets into a DNS-1123 label of at most 63 characters', () => {
    const r = runToEnd(renamed('Checkout (orchestrator) — EU/West '.repeat(4)));
    for (const p of r.nodes['service-1']?.pods ?? []) {
      expect(p.name.length).toBeLessThanOrEqual(63);
      expect(p.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(p.name.startsWith('checkout-orchestrator-eu-west-checkout')).toBe(true);
    }
  });

  it('writes names, not ids, in the messages a reader reads', () => {
    const r = runToEnd(renamed('Orders'));
    const kill = r.events.find((e) => e.reason === 'Killing');
    expect(kill?.message).toBe('Stopping container orders');
    expect(JSON.stringify(r.events.map((e) => e.message))).not.toContain('service-1');
  });

  it('falls back to the id when the name gives no letters or digits', () => {
    expect(kubeName('—  ', 'service-1')).toBe('service-1');
    expect(kubeName('Ünïcode Café', 'x')).toBe('unicode-cafe');
    const names = deploymentNames({
      nodes: [
        { id: 'a', label: 'Orders' },
        { id: 'b', label: 'orders!' },
        { id: 'c', label: '***' },
      ] as never,
    });
    expect([...names.values()]).toEqual(['orders', 'orders-2', 'c']);
  });
});
