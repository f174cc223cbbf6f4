// Documents for transaction runs: an app service with call edges to three participants (a, b, c)
// of 1, 2 and 3 ms latency, one flow, and a timeline of transaction faults.
import type { ArchDocumentInput } from '../../../shared/model';
import { runToEnd, type RunResult } from '../../../shared/engine';
import { buildDoc } from '../../fixtures/build';

type Entry = NonNullable<NonNullable<ArchDocumentInput['scenarios']>[number]['timeline']>[number];
type Flow = NonNullable<ArchDocumentInput['transactions']>[number];

/** Short timeouts so hand-worked timelines stay short. */
export const FAST = {
  voteTimeoutMs: 200,
  decisionTimeoutMs: 100,
  idleTimeoutMs: 300,
  stepTimeoutMs: 200,
  retryMs: 50,
  pollMs: 20,
  lockWaitTimeoutMs: 5000,
};

export interface BankOptions {
  protocol?: Flow['protocol'];
  /** Participants are databases (2PC, 3PC, TCC, local) or services (saga). */
  kind?: 'database' | 'service';
  options?: Record<string, unknown>;
  timeline?: Entry[];
  durationS?: number;
  /** Actions of the three steps. */
  actions?: [string, string, string];
  /** Instances: one at 1 s unless a rate is given. */
  ratePerS?: number;
}

export function bankDoc(o: BankOptions = {}): ArchDocumentInput {
  const kind = o.kind ?? 'database';
  const b = buildDoc().service('app', { replicas: 1 });
  for (const p of ['a', 'b', 'c']) {
    if (kind === 'database') b.database(p);
    else b.service(p, { replicas: 1 });
  }
  b.call('app', 'a', { latencyMs: 1, timeoutMs: 0 })
    .call('app', 'b', { latencyMs: 2, timeoutMs: 0 })
    .call('app', 'c', { latencyMs: 3, timeoutMs: 0 })
    .scenario({ name: 'drill', durationS: o.durationS ?? 10, timeline: o.timeline ?? [] });
  const actions = o.actions ?? ['add -1 stock', 'debit wallet', 'credit merchant'];
  const protocol = o.protocol ?? '2pc';
  const rate =
    o.ratePerS === undefined ? { ratePerS: 1, fromS: 1, toS: 1.5 } : { ratePerS: o.ratePerS };
  const doc = b.build();
  doc.transactions = [
    {
      id: 'pay',
      name: 'Pay',
      protocol,
      options: { ...FAST, ...rate, ...o.options },
      steps: (protocol === 'local' ? ['a', 'a', 'a'] : ['a', 'b', 'c']).map((participant, i) => ({
        participant,
        action: actions[i] as string,
      })),
    },
  ];
  return doc;
}

/** Run a bank document (built from options) or a whole document given as is. */
export const run = (o: BankOptions | ArchDocumentInput = {}): RunResult =>
  runToEnd('format' in o ? o : bankDoc(o));

/** `t reason object` lines of the run's events about transaction `tx` and process crashes. */
export function trace(r: RunResult, tx: string): string[] {
  return r.events
    .filter(
      (e) =>
        e.data['tx'] === tx || e.reason === 'ProcessCrashed' || e.reason === 'ProcessRecovered',
    )
    .map((e) => `${e.t} ${e.reason} ${e.object}`);
}

export const flowOf = (r: RunResult) => {
  const f = r.transactions[0];
  if (!f) throw new Error('no transaction flow in the result');
  return f;
};
