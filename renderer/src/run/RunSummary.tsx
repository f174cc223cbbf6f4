import { nodeName, thingName } from '../../../shared/model';
import { CPU_FIGURES, NODE_FIGURES, RUN_FIGURES } from '../../../shared/io/figureHelp';
import { CPU_COLUMNS, cpuRows } from '../../../shared/io/cpuTable';
import { coverage } from '../../../shared/slo/judge';
import { rates, sloFigure, thresholdText } from '../../../shared/slo/text';
import { useStore } from '../store';
import type { FinishedRun } from '../store/runSlice';

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n)
    ? '–'
    : n.toLocaleString('en', { maximumFractionDigits: digits });

const sum = (r: Record<string, number>) => Object.values(r).reduce((a, n) => a + n, 0);

/** The figures of a finished run: end to end, the SLO verdicts, and every node. */
export function RunSummary({ run }: { run: FinishedRun }) {
  const select = useStore((s) => s.select);
  const r = run.result;
  const stopped = run.stopped;
  const summary = r.summary;
  const errors = Object.entries(summary.errors);
  const errorCount = sum(summary.errors);
  const lat = summary.latencyMs;
  const rate = rates(summary);
  const cover = coverage(r);
  return (
    <div className="summary" data-testid="run-summary">
      {(stopped || cover.early) && (
        <p className="muted small">
          Stopped early at {fmt(cover.ranS)} s of {fmt(cover.durationS)}: the figures and SLOs cover
          the part that ran.
        </p>
      )}
      <div className="figures">
        <Figure label="Requests" help={RUN_FIGURES.requests} value={fmt(summary.requests, 0)} />
        <Figure label="Offered" help={RUN_FIGURES.offered} value={`${rate.offered} /s`} />
        <Figure
          label="Goodput (ok)"
          help={RUN_FIGURES.goodput}
          value={`${rate.goodput} /s`}
          tone={summary.goodputRps < summary.throughputRps ? 'bad' : 'good'}
        />
        <Figure
          label="Failed"
          help={RUN_FIGURES.failed}
          value={`${rate.failed} /s`}
          tone={errorCount > 0 ? 'bad' : 'good'}
        />
        <Figure
          label="Error rate"
          help={RUN_FIGURES.errorRate}
          value={`${fmt(summary.requests > 0 ? (errorCount / summary.requests) * 100 : 0, 2)} %`}
          tone={errorCount > 0 ? 'bad' : 'good'}
        />
        <Figure label="p50" help={RUN_FIGURES.p50} value={`${fmt(lat.p50)} ms`} />
        <Figure label="p95" help={RUN_FIGURES.p95} value={`${fmt(lat.p95)} ms`} />
        <Figure label="p99" help={RUN_FIGURES.p99} value={`${fmt(lat.p99)} ms`} />
        <Figure label="Mean" help={RUN_FIGURES.mean} value={`${fmt(lat.mean)} ms`} />
      </div>
      {errors.length > 0 && (
        <p className="small">
          Errors by cause:{' '}
          {errors.map(([cause, n]) => `${cause} ${n.toLocaleString('en')}`).join(', ')}
        </p>
      )}
      {r.slos.length > 0 && (
        <ul className="slo-list" aria-label="SLO verdicts">
          {r.slos.map((slo) => (
            <li key={slo.name} className={slo.pass ? 'pass' : 'fail'}>
              <strong>{slo.pass ? 'PASS' : 'FAIL'}</strong> {slo.name}
              <span className="muted">
                {' '}
                — {slo.metric} {sloFigure(slo.metric, slo.value)} {thresholdText(slo)}
                {slo.target ? ` on ${thingName(run.doc, slo.target)}` : ' end to end'}
              </span>
            </li>
          ))}
        </ul>
      )}
      <table className="node-table">
        <thead>
          <tr>
            <th title={NODE_FIGURES.node}>Node</th>
            <th title={NODE_FIGURES.kind}>Kind</th>
            <th title={NODE_FIGURES.requests} className="num">
              Requests
            </th>
            <th title={NODE_FIGURES.errors} className="num">
              Errors
            </th>
            <th title={NODE_FIGURES.p50} className="num">
              p50 ms
            </th>
            <th title={NODE_FIGURES.p99} className="num">
              p99 ms
            </th>
            <th title={NODE_FIGURES.utilisation} className="num">
              Utilisation
            </th>
            <th title={NODE_FIGURES.queue} className="num">
              Queue (mean / max)
            </th>
            <th className="num" title={NODE_FIGURES.inFlight}>
              In flight
            </th>
          </tr>
        </thead>
        <tbody>
          {Object.entries(r.nodes).map(([id, n]) => (
            <tr key={id} onClick={() => select([id])} title="Select on the canvas">
              <td>{nodeName(run.doc, id)}</td>
              <td>{n.kind}</td>
              <td className="num">{fmt(n.requests, 0)}</td>
              <td className={`num${sum(n.errors) > 0 ? ' bad' : ''}`}>{fmt(sum(n.errors), 0)}</td>
              <td className="num">{fmt(n.latencyMs.p50)}</td>
              <td className="num">{fmt(n.latencyMs.p99)}</td>
              <td className="num">{fmt(n.utilisation * 100, 0)} %</td>
              <td className="num">
                {fmt(n.queueDepth.mean)} / {fmt(n.queueDepth.max, 0)}
              </td>
              <td className="num">{fmt(n.inFlight?.mean, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <CpuTable run={run} onSelect={(id) => select([id])} />
    </div>
  );
}

/** The inside of the pods of the services with a runtime: cores, quota, switches, lock, OOM. */
function CpuTable({ run, onSelect }: { run: FinishedRun; onSelect: (id: string) => void }) {
  const rows = cpuRows(run.doc, run.result);
  if (rows.length === 0) return null;
  return (
    <div className="cpu-inside">
      <table className="node-table cpu-table" aria-label="Inside the pods">
        <caption>Inside the pods</caption>
        <thead>
          <tr>
            {CPU_COLUMNS.map((c, i) => (
              <th
                key={c.key}
                className={i > 1 ? 'num' : undefined}
                title={c.key === 'service' ? NODE_FIGURES.node : CPU_FIGURES[c.key]}
              >
                {c.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id} onClick={() => onSelect(r.id)} title="Select on the canvas">
              {r.cells.map((cell, i) => (
                <td key={CPU_COLUMNS[i]!.key} className={i > 1 ? 'num' : undefined}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="cpu-why" aria-label="What limits each service">
        {rows.map((r) => (
          <li key={r.id}>
            <strong>{r.cells[0]}</strong>: {r.why}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Figure({
  label,
  value,
  help,
  tone,
}: {
  label: string;
  value: string;
  help: string;
  tone?: 'good' | 'bad';
}) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`} title={help}>
      <div className="figure-value">{value}</div>
      <div className="figure-label">{label}</div>
    </div>
  );
}
