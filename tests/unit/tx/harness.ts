// A small lab for transaction tests: a deterministic test net, a transaction system over it, and
// a money-transfer setup (alice at bank-a pays bob at bank-b) with a balance observer.
import {
  BalanceObserver,
  checkInvariants,
  createTestNet,
  createTxSystem,
  type Latency,
  type Protocol,
  type TxOptions,
  type TxStep,
} from '../../../shared/engine/tx';

/** Options that make hand-worked timelines short: 1 ms links are the default latency. */
export const FAST: Partial<TxOptions> = {
  voteTimeoutMs: 50,
  decisionTimeoutMs: 100,
  idleTimeoutMs: 30,
  stepTimeoutMs: 50,
  retryMs: 10,
  pollMs: 10,
  lockWaitTimeoutMs: 1000,
};

export function lab(latency: Latency = 1, options: Partial<TxOptions> = {}) {
  const net = createTestNet(latency);
  const sys = createTxSystem(net, net.log, { ...FAST, ...options });
  return {
    net,
    sys,
    /** `t reason object` lines of the event log. */
    trace: (tx?: string) => net.log.trace(tx),
    check: (observer?: BalanceObserver) => checkInvariants(sys, observer),
  };
}

/** alice (bank-a, 1000) pays `amount` to bob (bank-b, 500); balances may not go below 0. */
export function transfer(
  protocol: Protocol,
  opts: {
    latency?: Latency;
    options?: Partial<TxOptions>;
    amount?: number;
    extra?: TxStep[];
    /** Index of a step whose business action fails. */
    failStep?: number;
  } = {},
) {
  const l = lab(opts.latency ?? 1, opts.options ?? {});
  const amount = opts.amount ?? 100;
  l.sys.db('bank-a').seed('alice', 1000, 0);
  l.sys.db('bank-b').seed('bob', 500, 0);
  const rows = [
    { db: 'bank-a', row: 'alice' },
    { db: 'bank-b', row: 'bob' },
  ];
  if (protocol === 'tcc') rows.push({ db: 'bank-a', row: 'alice#hold:T1' });
  const observer = new BalanceObserver(l.sys, rows);
  const steps: TxStep[] = [
    { participant: 'bank-a', row: 'alice', delta: -amount },
    { participant: 'bank-b', row: 'bob', delta: amount },
    ...(opts.extra ?? []),
  ].map((s, i) => (i === opts.failStep ? { ...s, fail: true } : s));
  const tx = l.sys.create(protocol, { id: 'T1', coordinator: 'coord', steps });
  const balance = (db: string, row: string) => l.sys.db(db).committed(row);
  return { ...l, tx, observer, balance, report: () => l.check(observer) };
}

/** The lock holds of one database row as [from, to] pairs (to = null while held). */
export function holds(
  sys: ReturnType<typeof lab>['sys'],
  db: string,
  row: string,
): [number, number | null][] {
  return sys
    .db(db)
    .locks.holds.filter((h) => h.row === row)
    .map((h) => [h.fromMs, h.toMs ?? null]);
}
