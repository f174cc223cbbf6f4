// Transactional outbox / local message table (docs/semantics.md §13.6): step 1's participant (the
// producer) writes its business row and one outbox row per consumer step in ONE local
// transaction. A relay on the producer polls the outbox every pollMs, publishes each NEW row to the
// broker (spec.coordinator) and, once the broker confirms, marks it SENT in another local
// transaction. A crash between publish and mark-sent leaves the row NEW, so the restarted relay
// publishes it again: delivery is at least once. An idempotent consumer inserts the message id
// into its inbox table in the same local transaction as its effect and skips a duplicate; with
// `idempotentConsumer: false` the duplicate is applied twice (recorded as an anomaly).
import { Broker } from './broker';
import {
  localId,
  type BranchState,
  type TxAnomaly,
  type TxContext,
  type TxInstance,
  type TxSpec,
} from './common';
import type { RowOp } from './localDb';

export function createOutbox(ctx: TxContext, spec: TxSpec): TxInstance {
  const { net, log, options } = ctx;
  const tx = spec.id;
  const producerStep = spec.steps[0];
  const producer = producerStep?.participant ?? '';
  const broker = new Broker(net, log, spec.coordinator, options.retryMs);
  const consumers = spec.steps.slice(1);
  const applied = consumers.map(() => 0);
  const anomalies: TxAnomaly[] = [];
  let inFlight = new Set<number>();
  let polling = false;
  let startMs: number | undefined;
  let endMs: number | undefined;

  const outboxRow = (k: number) => `outbox:${tx}:${k + 1}`;
  const msgId = (k: number) => `${tx}:${k + 1}`;
  const topic = (k: number) => `${tx}/out${k + 1}`;
  const pdb = ctx.db(producer);
  const data = (extra: Record<string, unknown> = {}) => ({ tx, ...extra });

  function start(): void {
    startMs = net.now();
    if (producerStep === undefined) return;
    const ops: RowOp[] = [{ row: producerStep.row, delta: producerStep.delta }];
    consumers.forEach((_, k) => ops.push({ row: outboxRow(k), insert: 'NEW' }));
    if (producerStep.fail) {
      log.warning('TransactionRolledBack', producer, `${tx} failed: business_error`, data());
      return void (endMs = net.now());
    }
    pdb.atomically(localId(tx, 0), ops, (r) => {
      if (!r.ok) {
        log.warning('TransactionRolledBack', producer, `${tx} failed: ${r.cause}`, data());
        endMs = net.now();
        return;
      }
      log.normal(
        'TransactionCommitted',
        producer,
        `Committed ${tx} with ${ops.length - 1} outbox row(s)`,
        data(),
      );
      poll();
    });
  }

  /** The relay: publish every NEW row not already on its way; mark it SENT once confirmed. */
  function poll(): void {
    if (!net.isUp(producer)) return;
    const pending = consumers.map((_, k) => k).filter((k) => pdb.committed(outboxRow(k)) === 'NEW');
    polling = pending.length > 0;
    if (!polling) return;
    for (const k of pending) {
      if (inFlight.has(k)) continue;
      inFlight.add(k);
      log.normal(
        'RelayPublishing',
        producer,
        `Relay publishes ${msgId(k)}`,
        data({ id: msgId(k) }),
      );
      broker.publish(producer, { type: 'EVENT', tx, id: msgId(k), topic: topic(k) }, () =>
        pdb.atomically(
          localId(tx, 0, `:sent${ctx.seq()}`),
          [{ row: outboxRow(k), value: 'SENT' }],
          (r) => {
            inFlight.delete(k);
            if (r.ok) log.normal('RelayMarkedSent', producer, `Marked ${msgId(k)} sent`, data());
          },
        ),
      );
    }
    net.schedule(options.pollMs, poll, producer);
  }

  net.register(producer, {
    onCrash: () => {
      inFlight = new Set();
      polling = false;
    },
    onRecover: () => {
      if (pdb.state(localId(tx, 0)) === 'committed') net.schedule(options.pollMs, poll, producer);
    },
  });

  consumers.forEach((s, k) => {
    const db = ctx.db(s.participant);
    broker.subscribe(topic(k), s.participant, (m, ack) => {
      const ops: RowOp[] = [{ row: s.row, delta: s.delta }];
      if (options.idempotentConsumer) ops.unshift({ row: `inbox:${m.id}`, insert: true });
      db.atomically(localId(tx, k + 1, `:recv${ctx.seq()}`), ops, (r) => {
        if (!r.ok && r.cause === 'duplicate_key') {
          log.normal(
            'DuplicateIgnored',
            s.participant,
            `Already processed ${m.id}`,
            data({ id: m.id }),
          );
          return ack();
        }
        if (!r.ok) return; // not acked: redelivered
        applied[k] = (applied[k] ?? 0) + 1;
        if ((applied[k] ?? 0) > 1) {
          anomalies.push({ kind: 'duplicate_delivery', step: k + 1, atMs: net.now() });
          log.warning(
            'DuplicateApplied',
            s.participant,
            `Applied ${m.id} again`,
            data({ id: m.id }),
          );
        } else log.normal('MessageConsumed', s.participant, `Applied ${m.id}`, data({ id: m.id }));
        ack();
        if (applied.every((a) => a > 0) && endMs === undefined) {
          endMs = net.now();
          log.normal('TransactionCompleted', s.participant, `Every consumer applied ${tx}`, data());
        }
      });
    });
  });

  function branches(): Record<string, BranchState> {
    const out: Record<string, BranchState> = {};
    if (producerStep === undefined) return out;
    const p = pdb.state(localId(tx, 0));
    out[`0:${producer}`] = p === 'committed' ? 'committed' : p === 'aborted' ? 'aborted' : 'none';
    consumers.forEach((s, k) => {
      out[`${k + 1}:${s.participant}`] = (applied[k] ?? 0) > 0 ? 'committed' : 'none';
    });
    return out;
  }

  return {
    id: tx,
    protocol: 'outbox',
    spec,
    start,
    branches,
    finished: () => endMs !== undefined,
    anomalies: () => anomalies,
    get startMs() {
      return startMs;
    },
    get endMs() {
      return endMs;
    },
  };
}
