import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { fmt, sloFigure } from '../../../shared/io/reportData';
import { mdText, reportMarkdown } from '../../../shared/io/reportMarkdown';
import { nodeName } from '../../../shared/model';
import { HOSTILE_LABEL, drillRuns } from './reportRuns';

const { doc, drill, calm } = drillRuns();
const { markdown, charts } = reportMarkdown({ doc, result: drill });

/** The cells of the Markdown table row that starts with `first`. */
function row(first: string): string[] {
  const line = markdown.split('\n').find((l) => l.startsWith(`| ${first} |`));
  if (line === undefined) throw new Error(`no row starting with ${first}`);
  return line.slice(2, -2).split(' | ');
}

describe('reportMarkdown', () => {
  it('gives the verdict and each SLO with the figures of the JSON result', () => {
    expect(markdown).toContain('**FAILED**: 4 of 4 SLOs broken. Error rate ');
    for (const slo of drill.slos) {
      const line = markdown.split('\n').find((l) => l.includes(mdText(slo.name)));
      expect(line).toContain(mdText(sloFigure(slo.metric, slo.value)));
      expect(line).toContain('**FAIL**');
    }
    expect(reportMarkdown({ doc, result: calm }).markdown).toContain(
      '**PASSED**: All 1 SLO held. Error rate ',
    );
  });

  it('has the summary and per-node figures of the JSON result', () => {
    const s = drill.summary;
    expect(row(String(s.requests))).toEqual([
      String(s.requests),
      String(s.ok),
      mdText(
        Object.entries(s.errors)
          .map(([cause, n]) => `${cause} ${n}`)
          .join(', '),
      ),
      `${fmt(s.throughputRps)} req/s`,
      `${fmt(s.goodputRps)} req/s`,
      `${fmt(s.throughputRps - s.goodputRps)} req/s`,
      `${fmt(s.latencyMs.p50)} ms`,
      `${fmt(s.latencyMs.p95)} ms`,
      `${fmt(s.latencyMs.p99)} ms`,
      `${fmt(s.latencyMs.max)} ms`,
    ]);
    const nodes = markdown.slice(markdown.indexOf('## Nodes'), markdown.indexOf('## Edges'));
    for (const [id, n] of Object.entries(drill.nodes)) {
      const cells = nodes
        .split('\n')
        .find((l) => l.startsWith(`| ${mdText(nodeName(doc, id))} |`) && l.includes(` ${n.kind} `));
      expect(cells, id).toContain(` ${n.requests} | ${n.ok} |`);
      expect(cells).toContain(` ${fmt(n.latencyMs.p99)} |`);
    }
  });

  it('refers to the diagram and one chart per SLO as PNG files and returns their SVG sources', () => {
    expect(charts.map((c) => c.file)).toEqual([
      'diagram.png',
      'chart-traffic.png',
      'chart-p99.png',
      'chart-error-rate.png',
      'chart-availability-orders.png',
      'chart-p95-gateway.png',
    ]);
    for (const c of charts) {
      expect(markdown).toContain(`](${c.file})`);
      expect(XMLValidator.validate(c.svg)).toBe(true);
      expect(c.svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    }
    for (const c of charts.filter((c) => c.name.startsWith('chart-') && c.name !== 'chart-traffic'))
      expect(c.svg).toContain('class="fault-window"');
    const svg = reportMarkdown({ doc, result: drill }, { images: 'svg' });
    expect(svg.charts.map((c) => c.file)).toContain('chart-p99.svg');
    expect(svg.markdown).toContain('](chart-p99.svg)');
  });

  it('lists the timeline and the events', () => {
    expect(row('20 s').slice(0, 4)).toEqual(['20 s', 'add-latency', 'e-orders-payments', '15 s']);
    expect(row('10 s').slice(0, 4)).toEqual(['10 s', 'kill-pod', 'orders', 'a moment']);
    for (const e of drill.events) expect(markdown).toContain(mdText(e.message));
  });

  it('keeps hostile text inert: no HTML, no table break, no link', () => {
    expect(markdown).not.toContain('<script>');
    expect(markdown).toContain(mdText(HOSTILE_LABEL));
    expect(mdText('a | b [x](http://e) <b>')).toBe('a \\| b \\[x\\]\\(http://e\\) &lt;b&gt;');
    expect(markdown.split('\n')[0]).toBe('# Web shop &lt;drill&gt; &amp; "friends" — drill report');
  });
});
