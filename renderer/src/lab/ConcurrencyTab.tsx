// The Concurrency tab: one service's threads (or event loops) swept from 1 to N at the current
// scenario's load, for each model side by side; throughput and p99 against N with the Universal
// Scalability Law fitted over the throughput (σ, κ, N*), and one sentence on what limits the
// service as the document sets it. The runs go to the sweep's Web Workers, with progress and
// cancel.
import './lab.css';
import { useMemo, useState } from 'react';
import { uslThroughput } from '../../../shared/analysis/usl';
import {
  LAB_MODELS,
  currentSetting,
  labModelsFor,
  type LabCurve,
  type LabModelId,
} from '../../../shared/lab/concurrency';
import { labVerdict, podCpuOf } from '../../../shared/lab/verdict';
import { useScenario } from '../drills/scenarioEdit';
import { useStore } from '../store';
import { RunProgress } from '../sweep/RunProgress';
import { LabChart, type LabSeries } from './LabChart';
import { useLab, type LabOutcome } from './labStore';

const COLORS: Record<LabModelId, string> = {
  slots: '#2563eb',
  threadPool: '#2563eb',
  eventLoop: '#059669',
  spin: '#dc2626',
  mutex: '#d97706',
  adaptive: '#9333ea',
};
const ALL_RUNTIME: LabModelId[] = ['threadPool', 'eventLoop', 'spin', 'mutex', 'adaptive'];

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** A message as a sentence: capital first letter, full stop. */
const sentence = (text: string) =>
  `${text.charAt(0).toUpperCase()}${text.slice(1)}${text.endsWith('.') ? '' : '.'}`;

const fmt = (x: number, digits = 3) =>
  !Number.isFinite(x) ? '∞' : Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(digits);

export function ConcurrencyTab({ theme }: { theme: 'light' | 'dark' }) {
  const scenario = useScenario();
  const doc = useStore((s) => s.doc);
  const selected = useStore((s) => s.selectedNodes);
  const lab = useLab();
  const services = doc.nodes.filter((n) => n.kind === 'service' || n.kind === 'pod');
  const picked = selected.find((id) => services.some((n) => n.id === id));
  const [chosen, setChosen] = useState<string | null>(null);
  const nodeId =
    picked ?? (chosen !== null && services.some((n) => n.id === chosen) ? chosen : services[0]?.id);
  const [maxN, setMaxN] = useState(16);
  const [seeds, setSeeds] = useState(2);
  const [load, setLoad] = useState(1);
  const [extra, setExtra] = useState<Record<string, boolean>>({});
  if (scenario === undefined)
    return <p className="muted pad">Add a scenario in the Drill tab to load the service.</p>;
  if (nodeId === undefined)
    return <p className="muted pad">Add a service to try its threads and event loops.</p>;
  const defaults = labModelsFor(doc, nodeId);
  const offered = defaults[0] === 'slots' ? defaults : ALL_RUNTIME;
  const models = offered.filter((m) => extra[`${nodeId}:${m}`] ?? defaults.includes(m));
  const running = lab.status === 'running';
  return (
    <div className="lab-tab">
      <div className="lab-setup">
        <h3>Concurrency of a service</h3>
        <label className="sweep-row">
          Service
          <select
            aria-label="Service"
            value={nodeId}
            disabled={picked !== undefined}
            onChange={(e) => setChosen(e.target.value)}
          >
            {services.map((n) => (
              <option key={n.id} value={n.id}>
                {n.label ?? n.id}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="lab-models">
          <legend className="small">Models</legend>
          {offered.map((m) => (
            <label key={m} className="sweep-row check">
              <input
                type="checkbox"
                checked={models.includes(m)}
                disabled={offered.length === 1}
                onChange={(e) => setExtra({ ...extra, [`${nodeId}:${m}`]: e.target.checked })}
              />
              <span className="lab-swatch" style={{ background: COLORS[m] }} />
              {LAB_MODELS[m].label}
            </label>
          ))}
          {offered.length === 1 && (
            <p className="muted small">
              Give the service a runtime in the inspector to compare a thread pool, an event loop
              and locks.
            </p>
          )}
        </fieldset>
        <label className="sweep-row">
          Threads (or loops) up to
          <input
            aria-label="Largest N"
            type="number"
            min={3}
            max={512}
            value={maxN}
            onChange={(e) =>
              setMaxN(Math.max(3, Math.min(512, Math.round(Number(e.target.value)))))
            }
          />
        </label>
        <label className="sweep-row">
          Seeds per point
          <input
            aria-label="Seeds per point"
            type="number"
            min={1}
            max={20}
            value={seeds}
            onChange={(e) =>
              setSeeds(Math.max(1, Math.min(20, Math.round(Number(e.target.value)))))
            }
          />
        </label>
        <label className="sweep-row">
          Load ×
          <input
            aria-label="Load ×"
            title="The scenario's client rates times this: raise it when the service serves all it is offered at most N"
            type="number"
            min={0.1}
            max={20}
            step={0.5}
            value={load}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isFinite(v) && v > 0) setLoad(Math.min(20, Math.max(0.1, v)));
            }}
          />
        </label>
        <p className="muted small">
          At {load === 1 ? 'the load' : `${load}× the load`} of “{scenario.name}”; now{' '}
          {describe(currentSetting(doc, nodeId))}.
        </p>
        <div className="sweep-run">
          {running ? (
            <RunProgress
              label="Lab progress"
              done={lab.done}
              total={lab.total}
              onCancel={() => lab.cancel?.()}
            />
          ) : (
            <button
              type="button"
              className="tool primary"
              disabled={models.length === 0}
              onClick={() =>
                void lab.start(useStore.getState().doc, {
                  nodeId,
                  scenario: scenario.name,
                  models,
                  maxN,
                  load,
                  seeds,
                })
              }
            >
              Run the lab
            </button>
          )}
        </div>
        {lab.error && (
          <p className="field-error small" role="alert">
            {lab.error}
          </p>
        )}
      </div>
      {lab.outcome && <Results outcome={lab.outcome} theme={theme} />}
    </div>
  );
}

function describe(s: { model: LabModelId; n: number }) {
  if (s.model === 'eventLoop')
    return `an event loop with ${s.n} loop${s.n === 1 ? '' : 's'} per pod`;
  if (s.model === 'slots') return `${s.n} slots per pod`;
  return `${LAB_MODELS[s.model].label.toLowerCase()} with ${s.n} threads per pod`;
}

function Results({ outcome, theme }: { outcome: LabOutcome; theme: 'light' | 'dark' }) {
  const { curves, doc, request } = outcome;
  const data = useMemo(() => chartData(curves), [curves]);
  const setting = currentSetting(doc, request.nodeId);
  const verdict = labVerdict(curves, setting, podCpuOf(doc, request.nodeId));
  return (
    <div className="lab-results">
      {verdict && (
        <p className={`lab-verdict ${verdict.limit}`} role="status" data-testid="lab-verdict">
          {verdict.sentence}
        </p>
      )}
      <div className="lab-charts">
        <LabChart
          title="Throughput"
          unit="req/s"
          x={data.x}
          series={data.throughput}
          level={data.offered}
          theme={theme}
        />
        <LabChart title="p99" unit="ms" x={data.x} series={data.p99} theme={theme} />
      </div>
      <table className="lab-fits" aria-label="USL fits">
        <thead>
          <tr>
            <th>Model</th>
            <th title="Contention: the serial share">σ</th>
            <th title="Coherency: the cost per pair of workers">κ</th>
            <th title="Where throughput peaks: √((1 − σ)/κ)">N*</th>
            <th title="Throughput of one worker alone">λ (req/s)</th>
            <th title="Share of the throughput's variance the curve explains">R²</th>
            <th>Best measured</th>
          </tr>
        </thead>
        <tbody>
          {curves.map((c) => {
            const best = c.points.reduce<LabCurve['points'][number] | null>(
              (a, p) => (a === null || p.throughputRps > a.throughputRps ? p : a),
              null,
            );
            return (
              <tr key={c.model}>
                <th>
                  <span className="lab-swatch" style={{ background: COLORS[c.model] }} />
                  {LAB_MODELS[c.model].label}
                </th>
                {c.usl ? (
                  <>
                    <td>{fmt(c.usl.sigma)}</td>
                    <td>{c.usl.kappa === 0 ? '0' : c.usl.kappa.toExponential(2)}</td>
                    <td>{fmt(c.usl.nStar)}</td>
                    <td>{fmt(c.usl.lambda)}</td>
                    <td>{c.usl.r2.toFixed(3)}</td>
                  </>
                ) : (
                  <td colSpan={5} className="muted lab-no-fit">
                    {sentence(c.uslError ?? 'no fit')}
                  </td>
                )}
                <td>{best ? `${fmt(best.throughputRps)} req/s at N = ${best.n}` : '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <KeptUpNote curves={curves} />
      {outcome.cancelled && <p className="muted small">Cancelled: the points run so far.</p>}
    </div>
  );
}

/** Where a curve kept up with its load, e.g. "from N = 4 on" or "at N = 9–12". */
function keptUpAt(c: LabCurve): string {
  const ns = c.points.map((p) => p.n);
  const kept = c.points.map((p) => p.loadBound);
  const first = kept.indexOf(true);
  if (kept.slice(first).every(Boolean)) return `from N = ${ns[first]} on`;
  const runs: string[] = [];
  for (let i = 0; i < ns.length; i++) {
    if (!kept[i]) continue;
    let j = i;
    while (j + 1 < ns.length && kept[j + 1]) j++;
    runs.push(i === j ? `${ns[i]}` : `${ns[i]}–${ns[j]}`);
    i = j;
  }
  return `at N = ${runs.join(', ')}`;
}

/**
 * Which models served all of their offered load at some N, one sentence per such pattern: the
 * USL fit leaves those points out (shared/lab/concurrency.ts, KEPT_UP).
 */
function KeptUpNote({ curves }: { curves: readonly LabCurve[] }) {
  const groups = new Map<string, LabCurve[]>();
  for (const c of curves) {
    if (c.usl === null || !c.points.some((p) => p.loadBound)) continue;
    const key = `${keptUpAt(c)}|${c.fitMaxN}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  if (groups.size === 0) return null;
  const fitted = curves.filter((c) => c.usl !== null).length;
  return (
    <p className="muted small lab-kept-up" data-testid="lab-kept-up">
      {[...groups].map(([key, group]) => {
        const one = group.length === 1;
        const who = one
          ? LAB_MODELS[group[0]!.model].label
          : group.length === fitted
            ? group.length === 2
              ? 'Both models'
              : 'Every model'
            : group.map((c) => LAB_MODELS[c.model].label).join(' · ');
        const c = group[0]!;
        const kept = group.flatMap((g) => g.points.filter((p) => p.loadBound));
        const load = Math.round(mean(kept.map((p) => p.offeredRps)));
        const what = c.model === 'eventLoop' ? 'loops' : 'threads';
        const last = c.points.at(-1)!.n;
        const stops =
          c.fitMaxN !== null && c.fitMaxN < last
            ? `, and ${one ? 'its dashed curve stops' : 'their dashed curves stop'} at N = ${c.fitMaxN}`
            : '';
        return (
          <span key={key}>
            {who} served all of the offered load ({load} req/s) {keptUpAt(c)}: those points show the
            load, not what more {what} can do, so {one ? 'the fit leaves' : 'the fits leave'} them
            out{stops}.{' '}
          </span>
        );
      })}
    </p>
  );
}

function chartData(curves: readonly LabCurve[]) {
  const top = Math.max(1, ...curves.flatMap((c) => c.points.map((p) => p.n)));
  const x = Array.from({ length: top }, (_, k) => k + 1);
  const at = (c: LabCurve, pick: (p: LabCurve['points'][number]) => number) =>
    x.map((n) => {
      const p = c.points.find((q) => q.n === n);
      return p === undefined ? null : pick(p);
    });
  const throughput: LabSeries[] = curves.map((c) => ({
    label: LAB_MODELS[c.model].label,
    color: COLORS[c.model],
    points: at(c, (p) => p.throughputRps),
    fit:
      c.usl === null
        ? undefined
        : x.map((n) => (n <= (c.fitMaxN ?? 0) ? uslThroughput(c.usl!, n) : null)),
  }));
  // The load offered to the service, when some model kept up with it (then its curve is flat
  // there): the same arrivals whatever the model, so one line.
  const kept = curves.flatMap((c) => c.points.filter((p) => p.loadBound));
  const offered =
    kept.length === 0
      ? undefined
      : { label: 'offered load', value: mean(kept.map((p) => p.offeredRps)) };
  const p99: LabSeries[] = curves.map((c) => ({
    label: LAB_MODELS[c.model].label,
    color: COLORS[c.model],
    points: at(c, (p) => p.p99Ms),
  }));
  return { x, throughput, p99, offered };
}
