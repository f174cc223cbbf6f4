// The Sweep tab: the current scenario's sweep (parameters picked with "sweep this" in the
// inspector or added here), a run on Web Workers with progress and cancel, each metric against
// the first parameter with its interval band, the SLO pass probability as a heatmap over two
// parameters, and the cheapest design, which Apply writes into the document as one undo step.
import './sweep.css';
import { useState } from 'react';
import { cellOps } from '../../../shared/sweep/apply';
import type { SweepMetric } from '../../../shared/model';
import type { CellSummary } from '../../../shared/sweep/summary';
import { useScenario } from '../drills/scenarioEdit';
import { useStore } from '../store';
import { BandChart, type BandSeries } from './BandChart';
import { RunProgress } from './RunProgress';
import { EMPTY_SWEEP, parseValues, setSweep, valuesText } from './sweepEdit';
import { useSweep, type SweepOutcome } from './sweepStore';

const COLORS = ['#2563eb', '#d97706', '#059669', '#9333ea', '#dc2626', '#0891b2'];
const CHARTS: { metric: SweepMetric | 'allSlos'; title: string; unit: string; scale: number }[] = [
  { metric: 'mean', title: 'Mean response', unit: 'ms', scale: 1 },
  { metric: 'p99', title: 'p99', unit: 'ms', scale: 1 },
  { metric: 'throughputRps', title: 'Throughput', unit: 'req/s', scale: 1 },
  { metric: 'allSlos', title: 'P(every SLO)', unit: '%', scale: 100 },
];

const pct = (p: number) => `${Math.round(p * 100)} %`;

export function SweepTab({ theme }: { theme: 'light' | 'dark' }) {
  const scenario = useScenario();
  const sweepState = useSweep();
  const [stop, setStop] = useState(false);
  const [errors, setErrors] = useState<Record<number, string>>({});
  if (scenario === undefined)
    return <p className="muted pad">Add a scenario in the Drill tab to sweep it.</p>;
  const sweep = scenario.sweep ?? EMPTY_SWEEP;
  const running = sweepState.status === 'running';
  const change = (next: typeof sweep) => setSweep(scenario, next);
  const seedsCount = Array.isArray(sweep.seeds) ? sweep.seeds.length : sweep.seeds;
  return (
    <div className="sweep-tab">
      <div className="sweep-setup">
        <h3>Sweep of “{scenario.name}”</h3>
        {sweep.parameters.length === 0 && (
          <p className="muted small">
            No parameters: choose “Sweep this” beside a number in the inspector.
          </p>
        )}
        {sweep.parameters.map((p, i) => (
          <div className="sweep-param" key={p.path}>
            <code title={p.path}>{p.path}</code>
            <input
              aria-label={`Values of ${p.path}`}
              defaultValue={valuesText(p.values)}
              onBlur={(e) => {
                const values = parseValues(e.target.value);
                if (typeof values === 'string') {
                  setErrors({ ...errors, [i]: values });
                  return;
                }
                setErrors({ ...errors, [i]: '' });
                change({
                  ...sweep,
                  parameters: sweep.parameters.map((q, k) => (k === i ? { ...q, values } : q)),
                });
              }}
            />
            <button
              type="button"
              className="tool small"
              aria-label={`Remove ${p.path}`}
              onClick={() =>
                change({ ...sweep, parameters: sweep.parameters.filter((_, k) => k !== i) })
              }
            >
              ✕
            </button>
            {errors[i] && <div className="field-error">{errors[i]}</div>}
          </div>
        ))}
        <label className="sweep-row">
          Seeds per cell
          <input
            type="number"
            min={1}
            max={10000}
            defaultValue={seedsCount}
            key={`seeds-${seedsCount}`}
            onBlur={(e) => {
              const n = Math.round(Number(e.target.value));
              if (n >= 1 && n !== seedsCount) change({ ...sweep, seeds: n });
            }}
          />
        </label>
        <label className="sweep-row">
          Cheapest design by
          <select
            value={sweep.objective?.minimize ?? ''}
            onChange={(e) =>
              change({
                ...sweep,
                objective:
                  e.target.value === ''
                    ? undefined
                    : {
                        minimize: e.target.value as 'replicas' | 'cpu' | 'cost',
                        subjectTo: 'slos',
                        probability: sweep.objective?.probability ?? 0.95,
                      },
              })
            }
          >
            <option value="">(none)</option>
            <option value="replicas">replicas</option>
            <option value="cpu">CPU</option>
            <option value="cost">cost</option>
          </select>
        </label>
        <label className="sweep-row check">
          <input
            type="checkbox"
            checked={stop}
            onChange={(e) => {
              setStop(e.target.checked);
              if (e.target.checked && sweep.stop === undefined)
                change({ ...sweep, stop: { metric: 'p99', relHalfWidth: 0.05, minRuns: 5 } });
            }}
          />
          Stop a cell once its interval is narrow
        </label>
        <div className="sweep-run">
          {running ? (
            <RunProgress
              done={sweepState.done}
              total={sweepState.total}
              onCancel={() => sweepState.cancel?.()}
            />
          ) : (
            <button
              type="button"
              className="tool primary"
              disabled={sweep.parameters.length === 0}
              onClick={() => void sweepState.start(useStore.getState().doc, scenario.name, stop)}
            >
              Run sweep
            </button>
          )}
        </div>
        {sweepState.error && (
          <pre className="field-error sweep-error" role="alert">
            {sweepState.error}
          </pre>
        )}
      </div>
      {sweepState.outcome && <Results outcome={sweepState.outcome} theme={theme} />}
    </div>
  );
}

function Results({ outcome, theme }: { outcome: SweepOutcome; theme: 'light' | 'dark' }) {
  const { plan, summaries, objective } = outcome;
  const [a, b] = plan.axes;
  const best = objective?.found === true ? objective.best : null;
  return (
    <div className="sweep-results">
      <p className="muted small">
        {outcome.runs} runs, {plan.cells.length} cells × {plan.seeds.length} seeds;{' '}
        {Math.round(plan.sweep.confidence * 100)} % intervals.
      </p>
      {objective !== null && (
        <div className={best ? 'sweep-best' : 'sweep-best none'} role="status">
          {best ? (
            <>
              <strong>Cheapest design:</strong>{' '}
              {Object.entries(best.params)
                .map(([k, v]) => `${k} = ${String(v)}`)
                .join(', ')}{' '}
              — {best.footprint.replicas} replicas, {best.footprint.cpu} cores
              {best.footprint.costPerHour !== null && `, ${best.footprint.costPerHour}/h`}; every
              SLO in {pct(best.allSlos.mean)} of runs [{pct(best.allSlos.lo)},{' '}
              {pct(best.allSlos.hi)}]
              <button
                type="button"
                className="tool small"
                onClick={() => {
                  const doc = useStore.getState().doc;
                  const r = useStore.getState().apply(cellOps(doc, plan, best.cell));
                  if (!r.ok)
                    useStore.getState().showToast(r.problems[0]?.message ?? 'Not applied', 'error');
                  else
                    useStore
                      .getState()
                      .showToast('Applied the cheapest design (Undo reverts it)', 'info');
                }}
              >
                Apply to the document
              </button>
            </>
          ) : (
            <>Cheapest design: none — {objective.found ? '' : objective.reason}.</>
          )}
        </div>
      )}
      {a && (
        <div className="sweep-charts">
          {CHARTS.map((c) => (
            <BandChart
              key={c.metric}
              title={c.title}
              unit={c.unit}
              theme={theme}
              {...chartData(outcome, c.metric, c.scale)}
            />
          ))}
        </div>
      )}
      {a && b && <Heatmap outcome={outcome} />}
      {!a && <SummaryLine s={summaries[0]} />}
    </div>
  );
}

function chartData(o: SweepOutcome, metric: SweepMetric | 'allSlos', scale: number) {
  const [a, b] = o.plan.axes;
  const numeric = a!.values.every((v) => typeof v === 'number');
  const x = a!.values.map((v, i) => (numeric ? (v as number) : i));
  const order = x.map((_, i) => i).sort((i, j) => x[i]! - x[j]!);
  const groups = b ? b.values : [null];
  const series: BandSeries[] = groups.map((g, k) => {
    const pick = (i: number) =>
      o.summaries.find(
        (s) => s.params[a!.path] === a!.values[i] && (b === undefined || s.params[b.path] === g),
      );
    const iv = (i: number) => {
      const s = pick(i);
      return s ? (metric === 'allSlos' ? s.allSlos : s.metrics[metric]) : undefined;
    };
    return {
      label: b ? `${b.path.split('.').pop()} = ${String(g)}` : '',
      color: COLORS[k % COLORS.length]!,
      mean: order.map((i) => (iv(i) ? iv(i)!.mean * scale : null)),
      lo: order.map((i) => (iv(i) ? iv(i)!.lo * scale : null)),
      hi: order.map((i) => (iv(i) ? iv(i)!.hi * scale : null)),
    };
  });
  return {
    x: order.map((i) => x[i]!),
    xLabels: order.map((i) => String(a!.values[i])),
    series,
  };
}

function Heatmap({ outcome }: { outcome: SweepOutcome }) {
  const [a, b] = outcome.plan.axes as [
    SweepOutcome['plan']['axes'][number],
    SweepOutcome['plan']['axes'][number],
  ];
  const best = outcome.objective?.found === true ? outcome.objective.best.cell : -1;
  const find = (va: unknown, vb: unknown) =>
    outcome.summaries.find((s) => s.params[a.path] === va && s.params[b.path] === vb);
  return (
    <table className="sweep-heatmap" aria-label="SLO pass probability">
      <caption>
        P(every SLO): rows <code>{a.path}</code>, columns <code>{b.path}</code>
      </caption>
      <thead>
        <tr>
          <th />
          {b.values.map((v) => (
            <th key={String(v)}>{String(v)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {a.values.map((va) => (
          <tr key={String(va)}>
            <th>{String(va)}</th>
            {b.values.map((vb) => {
              const s = find(va, vb);
              if (!s) return <td key={String(vb)}>–</td>;
              const hue = Math.round(s.allSlos.mean * 130);
              return (
                <td
                  key={String(vb)}
                  className={s.cell === best ? 'best' : undefined}
                  style={{ background: `hsl(${hue} 65% 45% / 0.35)` }}
                  title={`[${pct(s.allSlos.lo)}, ${pct(s.allSlos.hi)}]`}
                >
                  {pct(s.allSlos.mean)}
                  {s.cell === best && ' ★'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function SummaryLine({ s }: { s: CellSummary | undefined }) {
  if (!s) return null;
  const m = s.metrics.mean;
  return (
    <p>
      Mean {m.mean} ms [{m.lo}, {m.hi}], P(every SLO) {pct(s.allSlos.mean)}.
    </p>
  );
}
