// A crash at a protocol step names a step the flow's protocol has (validation lists them), and a
// crash whose step no instance reached is reported in the result instead of the drill looking
// clean. The list of each protocol's messages is checked against what its runs send.
import { describe, expect, it } from 'vitest';
import { createRun, type RunResult } from '../../../shared/engine';
import { CompileError } from '../../../shared/engine/api';
import { messageTypes } from '../../../shared/engine/txrun/planActions';
import type { Sim } from '../../../shared/engine/sim';
import { bankDoc, flowOf, run, type BankOptions } from './build';

const crashAt = (protocolStep: string, forS?: number) => ({
  atS: 0,
  action: 'crash-coordinator',
  target: 'pay',
  params: { protocolStep },
  ...(forS === undefined ? {} : { forS }),
});

function problemsOf(o: BankOptions): { path: string; message: string }[] {
  try {
    run(o);
  } catch (e) {
    if (e instanceof CompileError) return e.problems;
    throw e;
  }
  return [];
}

describe('protocol steps', () => {
  it('a misspelt step fails validation, naming the path and the steps 2PC has', () => {
    const [p, ...more] = problemsOf({ timeline: [crashAt('after-PREPAER')] });
    expect(more).toEqual([]);
    expect(p!.path).toBe('scenarios[0].timeline[0].params.protocolStep');
    expect(p!.message).toMatch(/^"after-PREPAER" is not a step of flow "pay" \(2pc\); its steps: /);
    for (const step of ['before-PREPARE', 'after-PREPARE', 'on-VOTE', 'after-commit-logged'])
      expect(p!.message).toContain(step);
  });

  it('a step of another protocol is refused: a saga has no PREPARE', () => {
    const [p] = problemsOf({
      protocol: 'saga',
      kind: 'service',
      timeline: [crashAt('before-PREPARE')],
    });
    expect(p!.message).toMatch(/is not a step of flow "pay" \(saga\); its steps: before-STEP, /);
  });

  it('message names are matched in any case, as before', () => {
    expect(problemsOf({ timeline: [crashAt('before-prepare', 1)] })).toEqual([]);
  });

  it('a crash whose step no instance reached is a FaultNotFired warning, and nothing crashed', () => {
    // QUERY is sent only by a participant in doubt; with no failure nobody is.
    const r: RunResult = run({ timeline: [crashAt('on-QUERY', 1)] });
    expect(flowOf(r).outcomes).toMatchObject({ committed: 1 });
    const notFired = r.events.filter((e) => e.reason === 'FaultNotFired');
    expect(notFired).toHaveLength(1);
    expect(notFired[0]).toMatchObject({
      type: 'Warning',
      object: 'pay',
      data: { timeline: 0, fault: 'crash-coordinator', protocolStep: 'on-QUERY' },
    });
    expect(notFired[0]!.message).toBe(
      'crash-coordinator at on-QUERY never fired: no instance of pay reached that step',
    );
    expect(r.events.some((e) => e.reason === 'ProcessCrashed')).toBe(false);
  });

  it('a crash that fired is not reported as not fired', () => {
    const r = run({ timeline: [crashAt('before-PREPARE', 1)] });
    expect(r.events.some((e) => e.reason === 'ProcessCrashed')).toBe(true);
    expect(r.events.some((e) => e.reason === 'FaultNotFired')).toBe(false);
  });
});

describe("each protocol's message list holds every message its runs send", () => {
  const cases: [string, BankOptions][] = [
    ['local', { protocol: 'local' }],
    ['2pc', {}],
    ['3pc', { protocol: '3pc' }],
    ['tcc', { protocol: 'tcc' }],
    ['saga', { protocol: 'saga', kind: 'service' }],
  ];
  for (const [name, o] of cases) {
    it(name, () => {
      const sent = new Set<string>();
      // A failing step (aborts, cancels, compensations) and a coordinator crash after the
      // decision (queries from participants in doubt) besides the plain run.
      for (const timeline of [
        [],
        [{ atS: 0, action: 'fail-step', target: 'pay', params: { step: 2 } }],
        ...(name === 'local' || name === 'saga' ? [] : [[crashAt('after-decision', 1)]]),
      ]) {
        const sim = createRun(bankDoc({ ...o, timeline })) as Sim;
        sim.w.tx!.net.taps.push({ beforeSend: (rec) => void sent.add(rec.type.toUpperCase()) });
        while (!sim.advanceTo(sim.nowMs + 1000));
      }
      const flow = sim0(o);
      expect(sent.size).toBeGreaterThan(2);
      expect([...sent].filter((t) => !messageTypes(flow).includes(t))).toEqual([]);
    });
  }
});

/** The planned flow of a bank document. */
function sim0(o: BankOptions) {
  const sim = createRun(bankDoc(o)) as Sim;
  return sim.g.tx!.flows[0]!;
}
