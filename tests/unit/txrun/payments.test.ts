// The payments sample's drill: 2PC blocks under a coordinator crash (in doubt, locks held,
// transactions queued behind them until recovery); the saga stays available but is briefly
// inconsistent. The report states both in figures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { reportHtml } from '../../../shared/io/report';
import { ArchDocument } from '../../../shared/model';

const doc = ArchDocument.parse(
  JSON.parse(
    readFileSync(join(__dirname, '../../../assets/samples/payments.archlab.json'), 'utf8'),
  ),
);
const flow = (scenario: string, id: string) => {
  const f = runToEnd(doc, { scenario }).transactions.find((t) => t.flow === id);
  if (!f) throw new Error(`no flow ${id}`);
  return f;
};

describe('payments drill: 2pc coordinator crash', () => {
  const r = runToEnd(doc, { scenario: '2pc coordinator crash' });
  const twoPc = r.transactions.find((t) => t.flow === 'place-order-2pc');

  it('blocks: one instance in doubt on three participants, the others queue behind its locks', () => {
    expect(twoPc?.started).toBe(60);
    expect(twoPc?.outcomes).toMatchObject({ committed: 46, rolled_back: 14, in_doubt: 0 });
    expect(twoPc?.inDoubtEver).toMatchObject({ instances: 1, branches: 3, maxS: 7.004 });
    expect(Math.max(...(twoPc?.locks.map((l) => l.maxMs) ?? []))).toBe(8008);
    expect(twoPc?.lockWaits).toMatchObject({ count: 16, behindInDoubt: 16, timedOut: 0 });
    expect(twoPc?.balance).toMatchObject({
      verdict: 'conserved at every instant',
      inconsistentMs: 0,
    });
    expect(twoPc?.balance?.blockedMs).toBeGreaterThan(8000);
  });

  it('logs the crash, the in-doubt participants and the recovery', () => {
    const lines = r.events
      .filter((e) =>
        ['ProcessCrashed', 'InDoubt', 'ProcessRecovered', 'CoordinatorRecovery'].includes(e.reason),
      )
      .map((e) => `${e.t} ${e.reason} ${e.object}`);
    expect(lines).toEqual([
      '10.008 ProcessCrashed checkout/tm-0',
      '11.006 InDoubt inventory-db',
      '11.006 InDoubt payments-db',
      '11.006 InDoubt orders-db',
      '18.008 ProcessRecovered checkout/tm-0',
      '18.008 CoordinatorRecovery checkout/tm-0',
    ]);
  });

  it('the report states the blocking in figures', () => {
    const html = reportHtml({ doc, result: r });
    expect(html).toContain(
      'Blocked: 1 instance went in doubt (3 participants), for up to 7.004 s, with locks held up to 8.008 s; 16 transactions waited behind in-doubt locks.',
    );
  });
});

describe('payments drill: saga step failure', () => {
  const r = runToEnd(doc, { scenario: 'saga step failure' });
  const saga = r.transactions.find((t) => t.flow === 'place-order-saga');

  it('stays available (nothing rejected, nothing blocked) but is briefly inconsistent', () => {
    expect(saga?.started).toBe(60);
    expect(saga?.rejected).toBe(0);
    expect(saga?.outcomes).toMatchObject({
      committed: 50,
      compensated: 10,
      in_doubt: 0,
      inconsistent: 0,
    });
    expect(saga?.balance).toMatchObject({
      verdict: 'conserved eventually',
      inconsistentMs: 140,
      blockedMs: 0,
    });
    expect(saga?.lockWaits.count).toBe(0);
  });

  it('the report states it in figures', () => {
    expect(reportHtml({ doc, result: r })).toContain(
      'Balance (payments/wallet + orders/merchant): conserved eventually; inconsistent for 140 ms in all.',
    );
  });

  it('is byte-identical run after run', () => {
    expect(JSON.stringify(flow('saga step failure', 'place-order-saga'))).toBe(
      JSON.stringify(saga),
    );
  });
});
