// Saga inside a whole run: step 3 fails, so C2 then C1 run and the balance is restored; between
// T2's commit and C2 the money is missing (no isolation). Participants are services a, b, c at
// 1, 2 and 3 ms from the orchestrator in app.
import { describe, expect, it } from 'vitest';
import { flowOf, run, trace } from './build';

describe('Saga in a run: step 3 fails', () => {
  const r = run({
    protocol: 'saga',
    kind: 'service',
    timeline: [{ atS: 0, action: 'fail-step', target: 'pay', params: { step: 3 } }],
  });

  it('runs compensations 2 then 1, each after the answer before it', () => {
    // T1 at a (1.001), answer 1.002; T2 at b (1.004), answer 1.006; T3 fails at c (1.009),
    // answer 1.012; C2 at b 1.014, answer 1.016; C1 at a 1.017, answer 1.018.
    expect(trace(r, 'pay-1')).toEqual([
      '1 TransactionStarted app/tm-0',
      '1.001 StepCommitted a',
      '1.004 StepCommitted b',
      '1.009 StepFailed c',
      '1.012 Compensating app/tm-0',
      '1.014 Compensated b',
      '1.017 Compensated a',
      '1.018 TransactionCompensated app/tm-0',
    ]);
  });

  it('restores the balance: inconsistent from T2 to C2, never blocked', () => {
    const f = flowOf(r);
    expect(f.outcomes).toMatchObject({ compensated: 1, committed: 0 });
    expect(f.balance).toMatchObject({
      verdict: 'conserved eventually',
      expected: 2_000_000,
      final: 2_000_000,
      min: 1_999_900,
      inconsistentMs: 10,
      blockedMs: 0,
    });
    expect(f.summary).toContain('conserved eventually; inconsistent for 10 ms in all');
  });

  it('a saga that completes is inconsistent from T2 until T3 commits', () => {
    const f = flowOf(run({ protocol: 'saga', kind: 'service' }));
    expect(f.outcomes.committed).toBe(1);
    // T2 commits at 1.004, T3 at 1.009.
    expect(f.balance).toMatchObject({ verdict: 'conserved eventually', inconsistentMs: 5 });
  });
});
