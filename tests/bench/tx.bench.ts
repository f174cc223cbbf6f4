// Transactions per second of simulation for each protocol (instances through a whole engine run,
// per wall-clock second), and a check that a 3-participant 2PC costs what its message rounds and
// lock holds imply: participants 1, 2 and 3 ms from the coordinator, so each of the three rounds
// (EXEC, PREPARE, COMMIT with their answers) waits for the farthest one — 3 × 2 × 3 ms = 18 ms —
// and each row is locked from its write until its COMMIT arrives, 4 one-way trips of the farthest
// link later — 12 ms. (Choreographed saga and outbox need a queue, which the bank document lacks.)
import { createRun } from '../../shared/engine';
import { bankDoc, type BankOptions } from '../unit/txrun/build';

const RATE = 40;
const SECONDS = 120;

const CASES: [string, BankOptions][] = [
  ['local', { protocol: 'local' }],
  ['2pc', { protocol: '2pc' }],
  ['3pc', { protocol: '3pc' }],
  ['tcc', { protocol: 'tcc' }],
  ['saga', { protocol: 'saga', kind: 'service' }],
];

export function benchTx(): string[] {
  const out = [
    `transaction flows: ${RATE} instances/s for ${SECONDS} simulated s, participants at 1, 2, 3 ms`,
  ];
  for (const [name, o] of CASES) {
    const doc = bankDoc({ ...o, ratePerS: RATE, durationS: SECONDS });
    const t0 = performance.now();
    const sim = createRun(doc, { traceEvery: 0 });
    sim.advanceTo(sim.durationMs);
    const r = sim.result();
    const s = (performance.now() - t0) / 1000;
    const f = r.transactions[0];
    if (!f) continue;
    const done = f.started - f.outcomes.pending;
    out.push(
      `  ${name.padEnd(6)} ${done.toLocaleString('en-US')} finished (${f.outcomes.committed} committed) ` +
        `in ${s.toFixed(2)} s: ${Math.round(done / s).toLocaleString('en-US')} transactions/s of ` +
        `simulation, ${Math.round(sim.w.k.scheduled / s).toLocaleString('en-US')} events/s; ` +
        `latency mean ${f.latencyMs?.mean ?? '–'} ms`,
    );
  }
  const r2 = createRun(bankDoc({ protocol: '2pc', ratePerS: RATE, durationS: 10 }), {
    traceEvery: 0,
  });
  r2.advanceTo(r2.durationMs);
  const f = r2.result().transactions[0];
  const lat = [1, 2, 3];
  const far = Math.max(...lat);
  const expectedLatency = 3 * 2 * far;
  const expectedHold = 4 * far;
  out.push(
    `  2PC, 3 participants: latency expected ${expectedLatency} ms (3 rounds × 2 × ${far} ms), ` +
      `measured mean ${f?.latencyMs?.mean} ms, p99 ${f?.latencyMs?.p99} ms`,
    `  2PC, 3 participants: lock hold per row expected ${expectedHold} ms (4 one-way trips × ${far} ms), ` +
      `measured ${f?.locks.map((l) => `${l.row} mean ${l.meanMs} max ${l.maxMs}`).join(', ')}`,
    `  2PC, 3 participants: ${f ? f.messages.sent / f.started : '–'} messages per transaction (expected 18: 6 kinds × 3)`,
  );
  return out;
}
