// A message broker on TxNet, at least once: a publisher resends until the broker confirms
// (PUBACK); the broker keeps each message durably and redelivers it to every subscriber of its
// topic until that subscriber acknowledges. Nothing is deduplicated here — a message published
// twice (a lost PUBACK, a relay that crashed before marking its row sent) is delivered twice, so
// consumers deduplicate by message id (docs/semantics.md §13.6).
import { retryUntil } from './common';
import type { TxLog } from './events';
import type { TxMessage, TxNet } from './txNet';

export interface BrokerMessage extends TxMessage {
  /** The message id consumers deduplicate by. */
  readonly id: string;
  readonly topic: string;
}

type Handler = (m: BrokerMessage, ack: () => void) => void;

interface Delivery {
  m: BrokerMessage;
  consumer: string;
  handle: Handler;
  acked: boolean;
}

export class Broker {
  private readonly subs = new Map<string, { consumer: string; handle: Handler }[]>();
  private readonly stored: Delivery[] = [];
  /** Messages the broker accepted, in order (duplicates included). */
  readonly accepted: BrokerMessage[] = [];

  constructor(
    private readonly net: TxNet,
    private readonly log: TxLog,
    readonly id: string,
    private readonly retryMs: number,
  ) {
    net.register(id, {
      onRecover: () => {
        for (const d of this.stored) if (!d.acked) this.deliver(d);
      },
    });
  }

  subscribe(topic: string, consumer: string, handle: Handler): void {
    const list = this.subs.get(topic) ?? [];
    list.push({ consumer, handle });
    this.subs.set(topic, list);
  }

  /**
   * Publish from process `from`; it resends every retryMs until the broker confirms, then
   * `onConfirmed` runs at the publisher. A crash of the publisher stops the resending.
   */
  publish(from: string, m: BrokerMessage, onConfirmed: () => void = () => {}): void {
    let confirmed = false;
    retryUntil(
      this.net,
      from,
      this.retryMs,
      () => confirmed,
      () =>
        this.net.send(from, this.id, m, (msg) => {
          this.accept(msg);
          this.net.send(this.id, from, { type: 'PUBACK', tx: m.tx }, () => {
            if (confirmed) return;
            confirmed = true;
            onConfirmed();
          });
        }),
    );
  }

  private accept(m: BrokerMessage): void {
    this.accepted.push(m);
    this.log.normal('Published', this.id, `Accepted ${m.type} ${m.id} on ${m.topic}`, {
      tx: m.tx,
      id: m.id,
    });
    for (const s of this.subs.get(m.topic) ?? []) {
      const d: Delivery = { m, consumer: s.consumer, handle: s.handle, acked: false };
      this.stored.push(d);
      this.deliver(d);
    }
  }

  private deliver(d: Delivery): void {
    retryUntil(
      this.net,
      this.id,
      this.retryMs,
      () => d.acked,
      () =>
        this.net.send(this.id, d.consumer, d.m, (msg) =>
          d.handle(msg, () =>
            this.net.send(d.consumer, this.id, { type: 'ACK', tx: msg.tx }, () => {
              d.acked = true;
            }),
          ),
        ),
    );
  }
}
