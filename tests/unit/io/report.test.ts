// @vitest-environment jsdom
// The HTML report, parsed as a browser would (jsdom's DOMParser): what it says and what it leaves out.
import { describe, expect, it } from 'vitest';
import { fmt, sloFigure } from '../../../shared/io/reportData';
import { reportHtml } from '../../../shared/io/report';
import { edgeName, nodeName } from '../../../shared/model';
import { DOCUMENTS } from './samples';
import { HOSTILE_LABEL, drillRuns, runOf } from './reportRuns';
import type { RunResult } from '../../../shared/engine';

const { doc, drill, calm } = drillRuns();
const html = reportHtml({ doc, result: drill });
const parse = (text: string) => new DOMParser().parseFromString(text, 'text/html');
const page = parse(html);
const text = (selector: string) =>
  Array.from(page.querySelectorAll(selector))
    .map((e) => e.textContent ?? '')
    .join('\n');

describe('reportHtml: self-contained', () => {
  it('refers to nothing outside itself: no URL, no script, no link, no CSS import', () => {
    expect(html).not.toMatch(/https?:/i);
    expect(html).not.toMatch(/<script|<link|<iframe|<img|<object|<embed/i);
    expect(html).not.toMatch(/\b(src|href)\s*=/i);
    expect(html).not.toMatch(/url\((?!#)|@import/i); // url(#arrow): a marker in the same SVG
    expect(page.querySelectorAll('script, link, img, iframe')).toHaveLength(0);
    expect(html).toContain('Content-Security-Policy" content="default-src \'none\'');
  });

  it('is the same text for the same run, and shows generatedAt only when given', () => {
    expect(reportHtml({ doc, result: drill })).toBe(html);
    expect(html).not.toContain('generated');
    expect(reportHtml({ doc, result: drill, generatedAt: '2025-01-02 10:00' })).toContain(
      'generated 2025-01-02 10:00',
    );
  });

  for (const [name, sample] of DOCUMENTS) {
    it(`${name}: a report with no external reference either`, () => {
      const out = reportHtml({ doc: sample, result: runOf(sample, sample.scenarios[0]?.name) });
      expect(out).not.toMatch(/https?:|<script|\b(src|href)\s*=/i);
    });
  }
});

describe('reportHtml: the k8s-rollout sample', () => {
  const sample = DOCUMENTS.find(([n]) => n === 'k8s-rollout.archlab.json')?.[1];
  if (!sample) throw new Error('k8s-rollout.archlab.json is not among the sample documents');
  const result = runOf(sample, 'baseline');
  const rollout = parse(reportHtml({ doc: sample, result }));
  const say = (selector: string) => rollout.querySelector(selector)?.textContent ?? '';

  it('lists the rollout on the timeline and the Deployment controller scaling its replica sets', () => {
    expect(say('section.scenario')).toContain('rollout');
    const scalings = result.events.filter((e) => e.reason === 'ScalingReplicaSet');
    // web goes from v1 to v2 at 25 %/25 % over 10 replicas: several syncs up and down.
    expect(scalings.length).toBeGreaterThan(4);
    const events = Array.from(rollout.querySelectorAll('section.events tbody tr')).map(
      (r) => r.textContent ?? '',
    );
    expect(events.filter((r) => r.includes('ScalingReplicaSet'))).toHaveLength(scalings.length);
    expect(say('section.events')).toMatch(/Scaled up replica set web-[a-z0-9]+ to 3/);
  });

  it('gives a verdict for its SLOs and a row for every node', () => {
    expect(result.slos.length).toBeGreaterThan(0);
    const broken = result.slos.filter((s) => !s.pass).length;
    expect(say('.verdict-line')).toMatch(broken === 0 ? /PASSED/ : /FAILED/);
    for (const id of Object.keys(result.nodes))
      expect(say('section.nodes tbody')).toContain(nodeName(sample, id));
  });
});

describe('reportHtml: what it says', () => {
  it('gives the verdict and every SLO with its value, threshold and first broken second', () => {
    expect(text('.verdict-line')).toMatch(/FAILED\s+4 of 4 SLOs broken/);
    const rows = Array.from(page.querySelectorAll('table.slos tbody tr')).map(
      (r) => r.textContent ?? '',
    );
    expect(rows).toHaveLength(drill.slos.length);
    drill.slos.forEach((slo, i) => {
      expect(rows[i]).toContain(slo.name);
      expect(rows[i]).toContain(sloFigure(slo.metric, slo.value));
      expect(rows[i]).toContain('FAIL');
      expect(rows[i]).toMatch(/first broke at \d+ s/);
    });
    // The latency added at 20 s breaks the gateway's p95 within a second or two.
    expect(rows[3]).toMatch(/first broke at 2[01] s/);
    const passed = parse(reportHtml({ doc, result: calm }));
    expect(passed.querySelector('.verdict-line')?.textContent).toMatch(/PASSED\s+All 1 SLO held/);
  });

  it('lists the scenario: duration, seed, traffic and each timeline entry', () => {
    const scenario = text('section.scenario');
    expect(scenario).toContain('Duration 60 s · seed 3 · warm-up 5 s');
    expect(scenario).toContain('Shoppers: 200 req/s, poisson arrivals');
    for (const action of ['kill-pod', 'add-latency', 'fail-node'])
      expect(scenario).toContain(action);
    expect(scenario).toContain('ms=900');
  });

  it('has the diagram, a row per node and per edge, and the architecture warnings', () => {
    expect(page.querySelector('section.diagram svg')).not.toBeNull();
    const nodes = text('section.nodes tbody');
    // Names, not ids: a reader never sees the ids of the file.
    for (const id of Object.keys(drill.nodes)) expect(nodes).toContain(nodeName(doc, id));
    for (const r of Object.values(drill.nodes)) expect(nodes).toContain(fmt(r.latencyMs.p99));
    const edges = text('section.edges tbody');
    for (const [id, e] of Object.entries(drill.edges)) {
      expect(edges).toContain(edgeName(doc, id));
      expect(edges).not.toContain(id);
      expect(edges).toContain(String(e.attempts));
    }
    expect(text('section.checks')).toContain('ARCH006');
  });

  it('charts every SLO with the fault windows shaded and the threshold drawn', () => {
    const figures = Array.from(page.querySelectorAll('figure.slo-chart'));
    expect(figures.map((f) => f.getAttribute('data-slo'))).toEqual(drill.slos.map((s) => s.name));
    for (const f of figures) {
      expect(f.querySelectorAll('.fault-window')).toHaveLength(2);
      expect(f.querySelectorAll('.fault-moment')).toHaveLength(1);
      expect(f.querySelector('.threshold')).not.toBeNull();
      expect(f.querySelector('title')?.textContent).toMatch(/ — /);
    }
    const calmPage = parse(reportHtml({ doc, result: calm }));
    expect(calmPage.querySelectorAll('figure.slo-chart')).toHaveLength(1);
    expect(calmPage.querySelectorAll('.fault-window, .fault-moment')).toHaveLength(0);
  });

  it('lists the events in time order and caps the list with a note', () => {
    const times = Array.from(page.querySelectorAll('section.events tbody tr td:first-child')).map(
      (td) => parseFloat(td.textContent ?? ''),
    );
    expect(times).toHaveLength(drill.events.length);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const capped = parse(reportHtml({ doc, result: drill }, { maxEvents: 3 }));
    expect(capped.querySelectorAll('section.events tbody tr')).toHaveLength(3);
    expect(capped.querySelector('section.events .note')?.textContent).toContain(
      `${drill.events.length - 3} later events`,
    );
  });

  it('shows transaction outcomes when the result has them', () => {
    const withTx = {
      ...drill,
      transactions: [txFlow('place-order', 12)],
    };
    const tx = parse(reportHtml({ doc, result: withTx }));
    expect(tx.querySelector('section.transactions')?.textContent).toMatch(
      /place-order.*12 committed/s,
    );
    expect(tx.querySelectorAll('section.transactions tbody td')[4]?.textContent).toBe('12');
    expect(page.querySelector('section.transactions')).toBeNull();
  });
});

describe('reportHtml: hostile text', () => {
  it('keeps a <script> label and a tagged document name as text', () => {
    expect(page.querySelectorAll('script')).toHaveLength(0);
    expect(page.querySelector('h1')?.textContent).toBe(doc.name);
    expect(page.title).toContain(doc.name);
    expect(text('section.nodes')).toContain(HOSTILE_LABEL);
    expect(text('section.diagram')).toContain(HOSTILE_LABEL);
    expect(html).not.toContain(HOSTILE_LABEL);
  });
});

/** A flow's entry of result.transactions (engine/txrun/report.ts) with `committed` commits. */
function txFlow(flow: string, committed: number): RunResult['transactions'][number] {
  return {
    flow,
    name: flow,
    protocol: 'saga',
    coordinator: 'checkout',
    participants: ['a', 'b'],
    started: committed,
    rejected: 0,
    capped: false,
    outcomes: {
      committed,
      rolled_back: 0,
      compensated: 0,
      in_doubt: 0,
      inconsistent: 0,
      pending: 0,
    },
    inDoubt: [],
    inDoubtEver: { instances: 0, branches: 0, maxS: 0, totalS: 0 },
    locks: [],
    lockWaits: { count: 0, behindInDoubt: 0, timedOut: 0, maxMs: 0, totalMs: 0 },
    balance: null,
    latencyMs: null,
    messages: { sent: 0, lost: {} },
    anomalies: {},
    summary: `Saga ${flow}: ${committed} instances started; ${committed} committed.`,
    timelines: [],
  };
}
