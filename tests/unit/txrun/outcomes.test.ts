// Outcome counts per protocol under each failure kind, through whole runs (docs/semantics.md §13's
// tables). One instance at 1 s; participants a, b, c at 1, 2 and 3 ms from the coordinator.
import { describe, expect, it } from 'vitest';
import type { BankOptions } from './build';
import { flowOf, run } from './build';

type Case = [name: string, o: BankOptions, outcome: string];

const crash = (step: string, forS?: number) => ({
  atS: 0,
  action: 'crash-coordinator',
  target: 'pay',
  params: { protocolStep: step },
  ...(forS === undefined ? {} : { forS }),
});

const CASES: Case[] = [
  ['local: no failure', { protocol: 'local' }, 'committed'],
  ['2PC: no failure', {}, 'committed'],
  [
    '2PC: participant b crashes before voting',
    {
      timeline: [
        {
          atS: 0,
          action: 'crash-participant',
          target: 'pay',
          forS: 1,
          params: { step: 2, protocolStep: 'before-VOTE' },
        },
      ],
    },
    'rolled_back',
  ],
  [
    '2PC: step 2 votes NO',
    { timeline: [{ atS: 0, action: 'fail-step', target: 'pay', params: { step: 2 } }] },
    'rolled_back',
  ],
  [
    '2PC: coordinator crashes before PREPARE',
    { timeline: [crash('before-PREPARE', 1)] },
    'rolled_back',
  ],
  [
    '2PC: coordinator crashes after the votes, no decision',
    { timeline: [crash('after-votes', 1)] },
    'rolled_back',
  ],
  [
    '2PC: coordinator crashes after COMMIT is logged, restarts',
    { timeline: [crash('after-commit-logged', 1)] },
    'committed',
  ],
  [
    '2PC: coordinator crashes after COMMIT is logged, stays down',
    { timeline: [crash('after-commit-logged')] },
    'in_doubt',
  ],
  [
    '2PC: the first COMMIT to c is dropped (resent)',
    {
      timeline: [
        {
          atS: 0,
          action: 'drop-messages',
          target: 'pay',
          params: { type: 'COMMIT', to: 'c', count: 1 },
        },
      ],
    },
    'committed',
  ],
  [
    '2PC: the votes are delayed past the vote timeout',
    {
      timeline: [
        { atS: 0, action: 'delay-messages', target: 'pay', params: { type: 'VOTE', ms: 500 } },
      ],
    },
    'rolled_back',
  ],
  ['3PC: no failure', { protocol: '3pc' }, 'committed'],
  [
    // PRE_COMMIT reaches a at 1.007 but b only at 1.009: cut at 1.008, a times out forward
    // (commits), b backward (aborts).
    '3PC: partition between the PreCommits',
    {
      protocol: '3pc',
      timeline: [
        { atS: 1.008, action: 'tx-partition', params: { a: ['app'], b: ['a', 'b', 'c'] } },
      ],
    },
    'inconsistent',
  ],
  [
    // The same cut with the fault library's network partition: one partition state for requests
    // and transaction messages alike.
    '3PC: network partition (fault library) between the PreCommits',
    {
      protocol: '3pc',
      timeline: [{ atS: 1.008, action: 'partition', params: { a: ['app'], b: ['a', 'b', 'c'] } }],
    },
    'inconsistent',
  ],
  ['TCC: no failure', { protocol: 'tcc' }, 'committed'],
  [
    'TCC: Try of step 2 fails',
    {
      protocol: 'tcc',
      timeline: [{ atS: 0, action: 'fail-step', target: 'pay', params: { step: 2 } }],
    },
    'rolled_back',
  ],
  ['Saga: no failure', { protocol: 'saga', kind: 'service' }, 'committed'],
  [
    'Saga: step 3 fails',
    {
      protocol: 'saga',
      kind: 'service',
      timeline: [{ atS: 0, action: 'fail-step', target: 'pay', params: { step: 3 } }],
    },
    'compensated',
  ],
  [
    'Saga: the orchestrator crashes after T2 and resumes',
    { protocol: 'saga', kind: 'service', timeline: [crash('after-STEP', 1)] },
    'committed',
  ],
];

describe('outcome per protocol and failure', () => {
  for (const [name, o, outcome] of CASES) {
    it(`${name} → ${outcome}`, () => {
      const f = flowOf(run(o));
      expect(f.started).toBe(1);
      const got = Object.entries(f.outcomes).filter(([, n]) => n > 0);
      expect(got).toEqual([[outcome, 1]]);
    });
  }
});

describe('compile problems name the flow and the step', () => {
  it('a participant the coordinator cannot reach over call edges', () => {
    const doc = {
      format: 'archlab',
      version: 1,
      nodes: [
        { id: 'app', kind: 'service', position: { x: 0, y: 0 }, props: {} },
        { id: 'a', kind: 'database', position: { x: 0, y: 0 }, props: {} },
        { id: 'b', kind: 'database', position: { x: 0, y: 0 }, props: {} },
      ],
      edges: [{ id: 'e', from: 'app', to: 'a', kind: 'call', props: {} }],
      transactions: [
        {
          id: 'pay',
          name: 'Pay',
          protocol: '2pc',
          options: { coordinator: 'app' },
          steps: [
            { participant: 'a', action: 'debit x' },
            { participant: 'b', action: 'credit y' },
          ],
        },
      ],
      scenarios: [{ name: 's' }],
    };
    expect(() => run(doc as never)).toThrow(
      'transactions[0].steps[1].participant: flow "pay" step 2: no path of call edges from coordinator "app" to "b"',
    );
  });

  it('a transaction fault aimed at a flow that does not exist', () => {
    expect(() =>
      run({ timeline: [{ atS: 0, action: 'crash-coordinator', target: 'nope' }] }),
    ).toThrow('scenarios[0].timeline[0].target: no transaction flow "nope" runs (have: "pay")');
  });
});
