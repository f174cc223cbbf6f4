// The inside of the pods after a run, in the CLI summary and both reports: the CPU throttling
// sample's limited service shows most of its periods throttled, the unlimited one none, and a
// document without a runtime has no such table anywhere.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { loadDocument } from '../../../shared/model/validate';
import { cpuLines, cpuRows, CPU_COLUMNS } from '../../../shared/io/cpuTable';
import { reportHtml } from '../../../shared/io/report';
import { reportMarkdown } from '../../../shared/io/reportMarkdown';
import { summaryText } from '../../../electron/node/cli/commands';

function sample(name: string) {
  const loaded = loadDocument(readFileSync(`assets/samples/${name}.archlab.json`, 'utf8'));
  if (!loaded.ok) throw new Error(`${name} does not load`);
  return loaded.doc;
}

describe('the inside of the pods', () => {
  const doc = sample('cpu-throttling');
  const result = runToEnd(doc, { scenario: 'busier', durationS: 30 });

  it('has a row a service with a runtime, with its quota and throttling as cAdvisor counts them', () => {
    const rows = cpuRows(doc, result);
    expect(rows.map((r) => r.id)).toEqual(['api-limited', 'api-unlimited']);
    const col = (title: string) => CPU_COLUMNS.findIndex((c) => c.title === title);
    const limited = rows[0]!.cells;
    const cpu = result.nodes['api-limited']!.cpu!;
    expect(limited[col('CPU limit a pod')]).toBe('1');
    expect(limited[col('Runtime')]).toBe('thread pool, 16 threads a pod');
    expect(limited[col('Throttled periods')]).toBe(
      `${cpu.throttledPeriods.toLocaleString('en-US')} of ${cpu.periods.toLocaleString('en-US')} (${Math.round((cpu.throttledPeriods / cpu.periods) * 100)} %)`,
    );
    expect(cpu.throttledPeriods / cpu.periods).toBeGreaterThan(0.25);
    const unlimited = rows[1]!.cells;
    expect(unlimited[col('CPU limit a pod')]).toBe('none');
    expect(unlimited[col('Throttled periods')]).toBe('–');
    // And why, in the lab's words: the quota for one, nothing for the other.
    expect(rows[0]!.why).toMatch(
      /^The CPU quota limits it: \d+ % of the 100 ms periods were throttled/,
    );
    expect(rows[1]!.why).toMatch(/^Nothing limits it at this load/);
  });

  it('is in the CLI summary, the HTML report and the Markdown report', () => {
    const text = summaryText(result, doc);
    expect(cpuLines(doc, result)).toHaveLength(2);
    expect(text).toMatch(
      /^cpu api \(limit 1 core\) {2}runtime thread pool.* throttled periods \d/m,
    );
    const html = reportHtml({ doc, result });
    expect(html).toContain('<h3>Inside the pods</h3>');
    expect(html).toContain('nr_throttled');
    expect(html).toContain('The CPU quota limits it');
    expect(text).toMatch(/^ {2}why: The CPU quota limits it/m);
    const md = reportMarkdown({ doc, result }, { images: 'svg' }).markdown;
    expect(md).toContain('### Inside the pods');
  });

  it('is nowhere for a document without a runtime', () => {
    const shop = sample('web-shop');
    const r = runToEnd(shop, { durationS: 10 });
    expect(cpuRows(shop, r)).toEqual([]);
    expect(summaryText(r, shop)).not.toMatch(/^cpu /m);
    expect(reportHtml({ doc: shop, result: r })).not.toContain('Inside the pods');
  });
});
