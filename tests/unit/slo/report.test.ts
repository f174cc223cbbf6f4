// How the verdict and the report show windowed and recovery SLOs (reportData.ts sloViews).
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { drillVerdict } from '../../../shared/drills/verdict';
import { firstBrokeText, sloFigure, sloViews } from '../../../shared/io/reportData';
import { ArchDocument } from '../../../shared/model';
import { stressed } from './docs';

describe('windowed and recovery SLOs in the verdict and the report', () => {
  it('states the window, the worst window and each recovery', () => {
    const doc = ArchDocument.parse(
      stressed(1, [
        { name: 'recovers within 5 s', metric: 'recovery', op: '<=', value: 5 },
        { name: 'p99 < 15 ms over 5 s', metric: 'p99', value: 15, windowS: 5 },
      ]),
    );
    const result = runToEnd(doc, { scenario: 'drill' });
    const [rec, win] = sloViews({ doc, result });
    expect(rec).toMatchObject({
      value: '8 s',
      threshold: '≤ 5 s after each fault ends',
      chart: null,
    });
    expect(rec?.detail).toBe(
      'worst: cpu-stress api ended at 15 s, recovered at 23 s (8 s) (recovered = 3 s in a row with errors ≤ 1 % and p99 ≤ 15 ms)',
    );
    expect(rec && firstBrokeText(rec)).toBe(rec?.detail);
    expect(win?.threshold).toBe('< 15 ms in every 5 s window');
    expect(win?.detail).toMatch(/^worst 5 s window: \d+–\d+ s$/);
    const v = drillVerdict(doc, doc.scenarios[0], result);
    expect(v.pass).toBe(false);
    expect(v.slos.map((s) => [s.metric, s.pass, s.detail !== null])).toEqual([
      ['recovery', false, true],
      ['p99', false, true],
    ]);
    // A recovery never seen is Infinity in memory and null through JSON: both read "never".
    expect(sloFigure('recovery', Infinity)).toBe('never (not recovered)');
    expect(sloFigure('recovery', null)).toBe('never (not recovered)');
  });
});
