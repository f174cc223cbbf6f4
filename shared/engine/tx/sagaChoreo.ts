// Saga, choreographed (docs/semantics.md §13.5): no coordinator; each service reacts to the
// previous one's event on a queue. Participant 1 runs T1 when the request arrives and publishes
// "T1 done"; participant k runs Tk on "Tk−1 done". When Tk fails it publishes "Tk failed";
// participant k−1 compensates and publishes "Ck−1 done", and so on back to C1. The broker
// redelivers until the consumer acknowledges, which it does only after its local transaction —
// so a compensation that cannot run (its database is down) is retried until it succeeds. The
// broker process is `spec.coordinator`.
import { Broker, type BrokerMessage } from './broker';
import type { TxContext, TxInstance, TxSpec } from './common';
import { sagaBranches, sagaStep } from './saga';

export function createChoreographedSaga(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const tx = spec.id;
  const n = spec.steps.length;
  const broker = new Broker(net, log, spec.coordinator, options.retryMs);
  let startMs: number | undefined;
  let endMs: number | undefined;
  let outcome: 'committed' | 'compensated' | undefined;

  const topic = (kind: 'T' | 'F' | 'C', k: number) => `${tx}/${kind}${k + 1}`;
  const participant = (k: number) => spec.steps[k]?.participant ?? '';

  function publish(k: number, kind: 'T' | 'F' | 'C'): void {
    const id = topic(kind, k);
    broker.publish(participant(k), { type: 'EVENT', tx, id, topic: id });
  }

  function finish(o: 'committed' | 'compensated'): void {
    if (outcome !== undefined) return;
    outcome = o;
    endMs = net.now();
    const P = participant(o === 'committed' ? n - 1 : 0);
    if (o === 'committed') log.normal('TransactionCommitted', P, `Saga ${tx} completed`, { tx });
    else log.normal('TransactionCompensated', P, `Saga ${tx} compensated`, { tx });
  }

  /** Run Tk; publish its outcome. `ack` (the delivery of Tk−1's event) after the local tx. */
  function forward(k: number, ack: () => void): void {
    sagaStep(ctx, spec, k, 'forward', (ok) => {
      ack();
      if (ok && k === n - 1) finish('committed');
      if (ok) return publish(k, 'T');
      if (k === 0) return finish('compensated');
      publish(k, 'F');
    });
  }

  function compensate(k: number, ack: () => void): void {
    sagaStep(ctx, spec, k, 'compensate', (ok) => {
      if (!ok) return; // no ack: the broker redelivers, so the compensation is retried
      ack();
      if (k === 0) finish('compensated');
      else publish(k, 'C');
    });
  }

  for (let k = 0; k < n; k++) {
    const P = participant(k);
    ctx.db(P);
    const onEvent =
      (run: (k: number, ack: () => void) => void) => (_m: BrokerMessage, ack: () => void) =>
        run(k, ack);
    if (k > 0) broker.subscribe(topic('T', k - 1), P, onEvent(forward));
    if (k < n - 1) {
      broker.subscribe(topic('F', k + 1), P, onEvent(compensate));
      broker.subscribe(topic('C', k + 1), P, onEvent(compensate));
    }
  }

  return {
    id: tx,
    protocol: 'saga',
    spec,
    start: () => {
      startMs = net.now();
      log.normal('TransactionStarted', participant(0), `Started saga ${tx} (choreographed)`, {
        tx,
      });
      forward(0, () => {});
    },
    branches: () => sagaBranches(ctx, spec),
    finished: () => outcome !== undefined,
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
