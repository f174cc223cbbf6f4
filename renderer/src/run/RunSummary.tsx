interface Summary {
  requests?: number;
  ok?: number;
  errors?: Record<string, number>;
  throughputRps?: number;
  latencyMs?: Record<string, number>;
}

const fmt = (n: number | undefined, digits = 1) =>
  n === undefined || Number.isNaN(n) ? '–' : n.toLocaleString('en', { maximumFractionDigits: digits });

/** The headline figures of a finished run (end to end, over client requests). */
export function RunSummary({ result, stopped }: { result: unknown; stopped: boolean }) {
  const summary = ((result ?? {}) as { summary?: Summary }).summary ?? {};
  const errors = Object.entries(summary.errors ?? {});
  const errorCount = errors.reduce((a, [, n]) => a + n, 0);
  const lat = summary.latencyMs ?? {};
  return (
    <div className="summary" data-testid="run-summary">
      {stopped && <p className="muted small">Stopped early: the figures cover the simulated time reached.</p>}
      <div className="figures">
        <Figure label="Requests" value={fmt(summary.requests, 0)} />
        <Figure label="Throughput" value={`${fmt(summary.throughputRps)} /s`} />
        <Figure label="Errors" value={`${fmt(errorCount, 0)}`} tone={errorCount > 0 ? 'bad' : 'good'} />
        <Figure label="p50" value={`${fmt(lat['p50'])} ms`} />
        <Figure label="p95" value={`${fmt(lat['p95'])} ms`} />
        <Figure label="p99" value={`${fmt(lat['p99'])} ms`} />
        <Figure label="Mean" value={`${fmt(lat['mean'])} ms`} />
      </div>
      {errors.length > 0 && (
        <p className="small">
          Errors by cause: {errors.map(([cause, n]) => `${cause} ${n.toLocaleString('en')}`).join(', ')}
        </p>
      )}
    </div>
  );
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'bad' }) {
  return (
    <div className={`figure${tone ? ` ${tone}` : ''}`}>
      <div className="figure-value">{value}</div>
      <div className="figure-label">{label}</div>
    </div>
  );
}
