// Compare two finished runs (two scenarios, or two versions of the document) figure by figure:
// summary, SLOs, and per node p99 and errors, with the change coloured better or worse.
import { useState } from 'react';
import type { RunResult } from '../../../shared/engine';
import { fmt } from '../../../shared/io/reportData';
import { useStore } from '../store';
import { docRuns, runLabel } from '../store/runSelectors';
import type { FinishedRun } from '../store/runSlice';

/** Lower is better for latencies and errors; higher for rates and availability. */
type Better = 'lower' | 'higher';

interface Row {
  label: string;
  a: number | null;
  b: number | null;
  better: Better;
  unit: string;
}

const errorsOf = (e: Record<string, number>) => Object.values(e).reduce((x, y) => x + y, 0);

function rows(a: RunResult, b: RunResult): { group: string; rows: Row[] }[] {
  const sum = (r: RunResult) => r.summary;
  const summary: Row[] = [
    { label: 'requests', a: sum(a).requests, b: sum(b).requests, better: 'higher', unit: '' },
    {
      label: 'offered',
      a: sum(a).throughputRps,
      b: sum(b).throughputRps,
      better: 'higher',
      unit: 'req/s',
    },
    {
      label: 'goodput (ok)',
      a: sum(a).goodputRps ?? null,
      b: sum(b).goodputRps ?? null,
      better: 'higher',
      unit: 'req/s',
    },
    {
      label: 'errors',
      a: errorsOf(sum(a).errors),
      b: errorsOf(sum(b).errors),
      better: 'lower',
      unit: '',
    },
    { label: 'p50', a: sum(a).latencyMs.p50, b: sum(b).latencyMs.p50, better: 'lower', unit: 'ms' },
    { label: 'p95', a: sum(a).latencyMs.p95, b: sum(b).latencyMs.p95, better: 'lower', unit: 'ms' },
    { label: 'p99', a: sum(a).latencyMs.p99, b: sum(b).latencyMs.p99, better: 'lower', unit: 'ms' },
  ];
  const sloNames = [...new Set([...a.slos, ...b.slos].map((s) => s.name))];
  const slos: Row[] = sloNames.map((name) => {
    const x = a.slos.find((s) => s.name === name);
    const y = b.slos.find((s) => s.name === name);
    const metric = x?.metric ?? y?.metric ?? '';
    const percent = metric === 'error-rate' || metric === 'availability';
    const scale = percent ? 100 : 1;
    return {
      label: name,
      a: x ? x.value * scale : null,
      b: y ? y.value * scale : null,
      better: metric === 'availability' ? 'higher' : 'lower',
      unit: percent ? '%' : 'ms',
    };
  });
  const ids = [...new Set([...Object.keys(a.nodes), ...Object.keys(b.nodes)])];
  const nodes: Row[] = ids.flatMap((id) => {
    const x = a.nodes[id];
    const y = b.nodes[id];
    return [
      {
        label: `${id} p99`,
        a: x ? x.latencyMs.p99 : null,
        b: y ? y.latencyMs.p99 : null,
        better: 'lower' as const,
        unit: 'ms',
      },
      {
        label: `${id} errors`,
        a: x ? errorsOf(x.errors) : null,
        b: y ? errorsOf(y.errors) : null,
        better: 'lower' as const,
        unit: '',
      },
    ];
  });
  return [
    { group: 'Summary', rows: summary },
    { group: 'SLOs', rows: slos },
    { group: 'Nodes', rows: nodes },
  ];
}

function change(r: Row): { text: string; tone: 'better' | 'worse' | 'same' } {
  if (r.a === null || r.b === null) return { text: '—', tone: 'same' };
  if (r.a === r.b) return { text: '=', tone: 'same' };
  const tone = r.b < r.a === (r.better === 'lower') ? 'better' : 'worse';
  const text =
    r.a === 0
      ? r.b > 0
        ? 'new'
        : '='
      : `${r.b > r.a ? '+' : ''}${fmt(((r.b - r.a) / Math.abs(r.a)) * 100, 1)} %`;
  return { text, tone };
}

function Picker({
  label,
  runs,
  value,
  onChange,
}: {
  label: string;
  runs: FinishedRun[];
  value: number | undefined;
  onChange(k: number): void;
}) {
  return (
    <label className="small">
      {label}{' '}
      <select
        aria-label={label}
        value={value ?? ''}
        onChange={(e) => onChange(Number(e.target.value))}
      >
        {runs.map((r) => (
          <option key={r.key} value={r.key}>
            {runLabel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Compare this document's runs; runs of other documents only when asked. */
export function CompareTab() {
  const [everyDocument, setEveryDocument] = useState(false);
  const all = useStore((s) => s.runs);
  const mine = useStore(docRuns);
  const runs = everyDocument ? all : mine;
  const [keys, setKeys] = useState<{ a?: number; b?: number }>({});
  const others = all.length > mine.length && (
    <label className="small">
      <input
        type="checkbox"
        checked={everyDocument}
        onChange={(e) => setEveryDocument(e.target.checked)}
      />{' '}
      Runs of every document
    </label>
  );
  if (runs.length < 2)
    return (
      <div>
        <p className="muted">
          Finish two runs of this document (two scenarios, or the same one before and after an edit)
          to compare them here.
        </p>
        {others}
      </div>
    );
  const a = runs.find((r) => r.key === keys.a) ?? (runs[1] as FinishedRun);
  const b = runs.find((r) => r.key === keys.b) ?? (runs[0] as FinishedRun);
  return (
    <div className="compare" data-testid="compare">
      <div className="compare-pick">
        {others}
        <Picker
          label="Before (A)"
          runs={runs}
          value={a.key}
          onChange={(k) => setKeys({ ...keys, a: k })}
        />
        <Picker
          label="After (B)"
          runs={runs}
          value={b.key}
          onChange={(k) => setKeys({ ...keys, b: k })}
        />
      </div>
      <table className="mini-table compare-table">
        <thead>
          <tr>
            <th />
            <th>A</th>
            <th>B</th>
            <th>change</th>
          </tr>
        </thead>
        {rows(a.result, b.result).map((g) => (
          <tbody key={g.group}>
            <tr className="group">
              <th colSpan={4}>{g.group}</th>
            </tr>
            {g.rows.map((r) => {
              const c = change(r);
              return (
                <tr key={r.label}>
                  <td>{r.label}</td>
                  <td className="num">{r.a === null ? '—' : `${fmt(r.a, 2)} ${r.unit}`}</td>
                  <td className="num">{r.b === null ? '—' : `${fmt(r.b, 2)} ${r.unit}`}</td>
                  <td className={`num ${c.tone}`}>{c.text}</td>
                </tr>
              );
            })}
          </tbody>
        ))}
      </table>
    </div>
  );
}
