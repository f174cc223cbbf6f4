import { useMemo } from 'react';
import { useStore } from '../store';
import { Chart, type ChartLine } from './Chart';
import { useLive, type Series } from './liveStore';

const UTILISATION_AXIS = { unit: 'utilisation %', range: [0, 100] as [number, number] };
const THROTTLED_AXIS = { unit: 'throttled %', range: [0, 100] as [number, number] };
const ERROR_COLORS = ['#d23c3c', '#e07b39', '#b8498a', '#8a5cd6', '#c79a1e'];

function throughputLines(s: Series): ChartLine[] {
  const lines: ChartLine[] = [
    { label: 'arrivals /s', color: '#2f6fed', values: s.rps },
    { label: 'ok /s', color: '#1d8a4e', values: s.ok },
  ];
  Object.entries(s.errors).forEach(([cause, values], i) => {
    lines.push({
      label: `${cause} /s`,
      color: ERROR_COLORS[i % ERROR_COLORS.length] ?? '#d23c3c',
      values,
    });
  });
  return lines;
}

/** Per-node charts of the current run: throughput and errors, latency percentiles, load. */
export function ChartsTab({ theme }: { theme: 'light' | 'dark' }) {
  const doc = useStore((s) => s.doc);
  const selected = useStore((s) => s.selectedNodes);
  const series = useLive((s) => s.series);
  const cpuOf = useLive((s) => s.cpu);
  useLive((s) => s.version);
  const ids = Object.keys(series);
  const fallback = doc.nodes.find((n) => n.kind === 'client')?.id ?? ids[0];
  const chosen = selected.find((id) => series[id]) ?? fallback;
  const s = chosen ? series[chosen] : undefined;
  const node = doc.nodes.find((n) => n.id === chosen);

  const latency = useMemo<ChartLine[]>(
    () =>
      s
        ? [
            { label: 'p50', color: '#1d8a4e', values: s.p50Ms },
            { label: 'p95', color: '#d9822b', values: s.p95Ms },
            { label: 'p99', color: '#d23c3c', values: s.p99Ms },
          ]
        : [],
    [s],
  );
  const load = useMemo<ChartLine[]>(
    () =>
      s
        ? [
            { label: 'queue depth', color: '#a0782c', values: s.queueDepth },
            {
              label: 'utilisation %',
              color: '#326ce5',
              values: s.utilisation.map((u) => u * 100),
              axis: 'right',
            },
          ]
        : [],
    [s],
  );
  const throughput = useMemo(() => (s ? throughputLines(s) : []), [s]);
  const c = chosen ? cpuOf[chosen] : undefined;
  // The CPU series close each second with the node's own, so they line up with its seconds.
  const cpuN = c && s ? Math.min(s.t.length, c.usageCores.length) : 0;
  const cpu = useMemo<ChartLine[]>(
    () =>
      c
        ? [
            { label: 'cores used', color: '#7c4dcc', values: c.usageCores.slice(0, cpuN) },
            {
              label: 'throttled periods %',
              color: '#d23c3c',
              values: c.throttled.slice(0, cpuN).map((x) => x * 100),
              axis: 'right',
            },
          ]
        : [],
    [c, cpuN],
  );

  if (!s || !chosen) {
    return (
      <p className="muted">Charts appear here once a run starts. Select a node to chart it.</p>
    );
  }
  return (
    <div className="charts">
      <p className="small muted">
        {node?.label ?? chosen} <span className="muted">({node?.kind})</span> — select another node
        on the canvas to chart it.{' '}
        {chosen === fallback && node?.kind === 'client' ? 'Client figures are end to end.' : ''}
      </p>
      <div className="chart-grid">
        <Chart title="Throughput" unit="req/s" t={s.t} lines={throughput} theme={theme} />
        <Chart title="Latency" unit="ms" t={s.t} lines={latency} theme={theme} />
        <Chart
          title="Load"
          unit="queue depth"
          right={UTILISATION_AXIS}
          t={s.t}
          lines={load}
          theme={theme}
        />
        {c && (
          <Chart
            title="CPU (all pods)"
            unit="cores"
            right={THROTTLED_AXIS}
            t={s.t.slice(0, cpuN)}
            lines={cpu}
            theme={theme}
          />
        )}
      </div>
    </div>
  );
}
