// @vitest-environment jsdom
// What the reports say a run did: no SLOs is "no SLOs to judge" with the figures that matter,
// never PASSED; a run stopped early is judged on its part and its later timeline entries are not
// reached; goodput beside offered and failed rates; retry amplification and requests in flight
// (Little's L) from the JSON result.
import { describe, expect, it } from 'vitest';
import { createRun, type RunResult } from '../../../shared/engine';
import { reportHtml } from '../../../shared/io/report';
import { mdText, reportMarkdown } from '../../../shared/io/reportMarkdown';
import { fmt } from '../../../shared/slo/text';
import type { ArchDocument } from '../../../shared/model';
import { drillRuns, runOf } from './reportRuns';

const { doc, drill } = drillRuns();
const parse = (text: string) => new DOMParser().parseFromString(text, 'text/html');
const verdictText = (html: string) =>
  (parse(html).querySelector('section.verdict')?.textContent ?? '').replace(/\s+/g, ' ');

/** The drill document with its scenarios' SLOs taken away. */
const withoutSlos = (d: ArchDocument): ArchDocument => ({
  ...d,
  scenarios: d.scenarios.map((s) => ({ ...s, slos: [] })),
});

describe('a run without SLOs', () => {
  const bare = withoutSlos(doc);
  const result = runOf(bare, 'payments slow');
  const errorPct = `${fmt(((result.summary.requests - result.summary.ok) / result.summary.requests) * 100, 2)} %`;

  it('the HTML report says there was nothing to judge, with error rate, worst p99 and blast radius', () => {
    const text = verdictText(reportHtml({ doc: bare, result }));
    expect(text).not.toContain('PASSED');
    expect(text).toContain('No SLOs to judge');
    expect(text).toContain(`Error rate ${errorPct}`);
    expect(text).toMatch(/worst per-second p99 [\d.,]+ ms/);
    expect(text).toMatch(/blast radius: \S/);
  });

  it('the Markdown report too', () => {
    const { markdown } = reportMarkdown({ doc: bare, result });
    const verdict = markdown.slice(markdown.indexOf('## Verdict'), markdown.indexOf('## Scenario'));
    expect(verdict).not.toContain('PASSED');
    expect(verdict).toContain('No SLOs to judge');
    expect(verdict).toContain(`Error rate ${errorPct}`);
  });
});

describe('a run stopped early', () => {
  const sim = createRun(doc, { scenario: 'payments slow' });
  sim.advanceTo(15_000);
  const result: RunResult = sim.result();

  it('is judged on the part run, and says so', () => {
    const text = verdictText(reportHtml({ doc, result }));
    expect(text).toContain('judged on the first 15 s of 60 (stopped early)');
    const { markdown } = reportMarkdown({ doc, result });
    expect(markdown).toContain(mdText('judged on the first 15 s of 60 (stopped early)'));
  });

  it('lists timeline entries after that point as not reached', () => {
    const page = parse(reportHtml({ doc, result }));
    const rows = Array.from(page.querySelectorAll('section.scenario tbody tr')).map((r) =>
      (r.textContent ?? '').replace(/\s+/g, ' '),
    );
    expect(rows.filter((r) => r.includes('not reached'))).toHaveLength(2); // 20 s and 42 s
    expect(rows.find((r) => r.includes('kill-pod'))).not.toContain('not reached');
    const { markdown } = reportMarkdown({ doc, result });
    expect(markdown.split('\n').filter((l) => l.includes('not reached'))).toHaveLength(2);
  });
});

describe('rates, amplification and requests in flight', () => {
  const html = reportHtml({ doc, result: drill });
  const { markdown } = reportMarkdown({ doc, result: drill });
  const s = drill.summary;
  const failed = fmt(s.throughputRps - s.goodputRps);

  it('shows goodput beside the offered and failed rates', () => {
    const text = verdictText(html);
    expect(text).toContain(`${fmt(s.throughputRps)} req/s`);
    expect(text).toContain(`${fmt(s.goodputRps)} req/s`);
    expect(text).toContain(`${failed} req/s`);
    expect(markdown).toContain(
      `| ${fmt(s.throughputRps)} req/s | ${fmt(s.goodputRps)} req/s | ${failed} req/s |`,
    );
  });

  it('gives retry amplification overall and per edge, and requests in flight per node', () => {
    const page = parse(html);
    const a = s.retryAmplification;
    expect(verdictText(html)).toContain(
      `×${fmt(a.attemptsPerCall)} per call; ${fmt(a.attemptsPerUserRequest)} attempts per user request over all hops (fan-out and retries)`,
    );
    const edges = page.querySelector('section.edges')?.textContent ?? '';
    for (const e of Object.values(drill.edges))
      expect(edges).toContain(`×${fmt(e.attemptsPerCall)}`);
    const nodes = Array.from(page.querySelectorAll('section.nodes thead th')).map(
      (th) => th.textContent,
    );
    expect(nodes).toContain('In flight (L)');
    const ordersRow = Array.from(page.querySelectorAll('section.nodes tbody tr')).find((r) =>
      r.textContent?.includes('orders'),
    );
    expect(ordersRow?.textContent).toContain(fmt(drill.nodes['orders']!.inFlight.mean));
    expect(markdown).toContain('In flight (L)');
    expect(markdown).toContain(`${fmt(a.attemptsPerUserRequest)} attempts per user request`);
  });
});
