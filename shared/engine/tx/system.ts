// The transaction subsystem's entry point: one per run. It owns the participants' databases and
// the transaction instances, and creates an instance of the right protocol for a flow.
//
//   const sys = createTxSystem(net, log, { retryMs: 200 });
//   sys.db('bank-a').seed('alice', 1000, 0);
//   const t = sys.create('2pc', { id: 'tx1', coordinator: 'coord', steps });
//   net.at(0, () => t.start());            // or start it from the engine's kernel
//   ... run ...
//   checkInvariants(sys, observer)         // outcomes, locks, in-doubt, balance
import {
  txOptions,
  type Protocol,
  type TxContext,
  type TxInstance,
  type TxOptions,
  type TxSpec,
} from './common';
import type { TxLog } from './events';
import { LocalDb } from './localDb';
import { createLocal } from './local';
import type { TxNet } from './txNet';
import { createOutbox } from './outbox';
import { createSaga } from './saga';
import { createChoreographedSaga } from './sagaChoreo';
import { createTcc } from './tcc';
import { createThreePhase } from './threePhase';
import { createTwoPhase } from './twoPhase';

export interface TxSystem {
  readonly net: TxNet;
  readonly log: TxLog;
  readonly dbs: ReadonlyMap<string, LocalDb>;
  readonly instances: readonly TxInstance[];
  /** The database of a participant process, created on first use. */
  db(participant: string): LocalDb;
  /** A new transaction instance (not started). Options override the system's per instance. */
  create(protocol: Protocol, spec: TxSpec, options?: Partial<TxOptions>): TxInstance;
}

export function createTxSystem(net: TxNet, log: TxLog, options: Partial<TxOptions> = {}): TxSystem {
  const base = txOptions(options);
  const dbs = new Map<string, LocalDb>();
  const instances: TxInstance[] = [];
  let seq = 0;

  function db(name: string): LocalDb {
    let d = dbs.get(name);
    if (d === undefined) {
      d = new LocalDb(name, net, log, { lockWaitTimeoutMs: base.lockWaitTimeoutMs });
      dbs.set(name, d);
    }
    return d;
  }

  return {
    net,
    log,
    dbs,
    instances,
    db,
    create(protocol, spec, overrides = {}) {
      const ctx: TxContext = {
        net,
        log,
        options: txOptions({ ...base, ...overrides }),
        db,
        seq: () => seq++,
      };
      const inst = build(protocol, ctx, spec);
      instances.push(inst);
      return inst;
    },
  };
}

function build(protocol: Protocol, ctx: TxContext, spec: TxSpec): TxInstance {
  switch (protocol) {
    case 'local':
      return createLocal(ctx, spec);
    case '2pc':
      return createTwoPhase(ctx, spec);
    case '3pc':
      return createThreePhase(ctx, spec);
    case 'tcc':
      return createTcc(ctx, spec);
    case 'saga':
      return ctx.options.sagaMode === 'choreographed'
        ? createChoreographedSaga(ctx, spec)
        : createSaga(ctx, spec);
    case 'outbox':
      return createOutbox(ctx, spec);
  }
}
