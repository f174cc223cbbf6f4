// kill-pod by name: what a right-click on a live pod sends, and what its recorded replay re-sends.
import { describe, expect, it } from 'vitest';
import { createRun, runToEnd } from '../../../shared/engine';
import { webDoc } from './build';

describe('kill-pod by name', () => {
  it('kills exactly the named pod, and the Deployment replaces it', () => {
    const doc = webDoc({ replicas: 3 }, [], { durationS: 20 });
    const names = runToEnd(doc, { durationS: 1 }).nodes['web']?.pods?.map((p) => p.name) ?? [];
    expect(names).toHaveLength(3);
    const victim = names[2] as string;
    const r = runToEnd(
      webDoc(
        { replicas: 3 },
        [{ atS: 5, action: 'kill-pod', target: 'web', params: { name: victim } }],
        {
          durationS: 20,
        },
      ),
    );
    const killed = r.events.filter((e) => e.reason === 'Killing').map((e) => e.object);
    expect(killed).toEqual([victim]);
    const alive = (r.nodes['web']?.pods ?? []).filter((p) => !p.terminating).map((p) => p.name);
    expect(alive).toHaveLength(3);
    expect(alive).not.toContain(victim);
    expect(alive).toEqual(expect.arrayContaining(names.filter((n) => n !== victim)));
  });

  it('skips, with an event, a pod that is already gone', () => {
    const sim = createRun(webDoc({ replicas: 2 }, [], { durationS: 10 }));
    sim.advanceTo(3000);
    sim.command({ action: 'kill-pod', target: 'web', params: { name: 'web-0000000000-gone0' } });
    sim.advanceTo(sim.durationMs);
    const r = sim.result();
    expect(r.events.filter((e) => e.reason === 'Killing')).toEqual([]);
    expect(r.events.find((e) => e.reason === 'FaultSkipped')?.message).toBe(
      'No running pod of web to kill',
    );
  });

  it('refuses a name that is not a string, naming the field', () => {
    const sim = createRun(webDoc({ replicas: 2 }, [], { durationS: 10 }));
    expect(() => sim.command({ action: 'kill-pod', target: 'web', params: { name: 42 } })).toThrow(
      /command\.params\.name: must be text/,
    );
  });
});
