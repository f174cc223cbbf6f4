// A sweep worker rehearses its first task (shared/sweep/rehearse.ts): a short run of the task's own
// document before the real one, so V8 compiles the engine once. It must run for real on every
// kind of document, and never change a result.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runToEnd } from '../../../shared/engine';
import { loadDocument } from '../../../shared/model/validate';
import { REHEARSAL_S, rehearsalDocument, workerRunner } from '../../../shared/sweep/rehearse';
import { runOne, type RunTask } from '../../../shared/sweep/runOne';

const samples = readdirSync('assets/samples').filter((f) => f.endsWith('.archlab.json'));

function firstTask(file: string): RunTask {
  const loaded = loadDocument(readFileSync(`assets/samples/${file}`, 'utf8'));
  if (!loaded.ok) throw new Error(`${file} does not load`);
  const scenario = loaded.doc.scenarios[0]!;
  return {
    sweep: 's',
    run: 0,
    cell: 0,
    params: {},
    seed: 7,
    scenario: scenario.name,
    doc: loaded.doc,
  };
}

describe('the rehearsal of a worker’s first task', () => {
  it.each(samples)(
    'runs the first seconds of %s’s first scenario, drills and warm-ups included',
    (file) => {
      const task = firstTask(file);
      const doc = rehearsalDocument(task);
      const r = runToEnd(doc, { scenario: task.scenario, seed: task.seed, traceEvery: 0 });
      expect(r.durationS).toBe(Math.min(REHEARSAL_S, task.doc.scenarios[0]!.durationS));
      expect(r.summary.requests).toBeGreaterThan(0);
      // The other scenarios are the document's own.
      expect(doc.scenarios.slice(1)).toEqual(task.doc.scenarios.slice(1));
    },
  );

  it('leaves every line byte for byte what a single run gives', () => {
    for (const file of ['web-shop.archlab.json', 'slow-database.archlab.json']) {
      const task = firstTask(file);
      const alone = JSON.stringify(runOne(task));
      const runner = workerRunner();
      expect(JSON.stringify(runner(task))).toBe(alone);
      expect(JSON.stringify(runner({ ...task, seed: 8 }))).toBe(
        JSON.stringify(runOne({ ...task, seed: 8 })),
      );
    }
  });
});
