// SLOs of the scenario, evaluated on the whole run after warm-up: latency percentiles (ms),
// error-rate and availability (fractions 0…1), end to end (all clients) or at one node.
import type { Histogram } from './histogram';
import type { Sim } from './sim';

export interface SloResult {
  name: string;
  metric: string;
  target: string | null;
  op: string;
  threshold: number;
  value: number;
  pass: boolean;
  /** Requests the figure is computed from. */
  requests: number;
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export function evaluateSlos(sim: Sim): SloResult[] {
  return sim.g.slos.map((slo) => {
    let requests: number;
    let ok: number;
    let latency: Histogram;
    if (slo.target === null) {
      ({ requests, ok, latency } = sim.w.e2e);
    } else {
      ({ requests, ok, latency } = slo.target.stats);
    }
    let value: number;
    switch (slo.metric) {
      case 'p50':
        value = latency.quantile(0.5);
        break;
      case 'p95':
        value = latency.quantile(0.95);
        break;
      case 'p99':
        value = latency.quantile(0.99);
        break;
      case 'error-rate':
        value = requests > 0 ? (requests - ok) / requests : 0;
        break;
      case 'availability':
        value = requests > 0 ? ok / requests : 1;
        break;
    }
    value = slo.metric.startsWith('p') ? r3(value) : Math.round(value * 1e6) / 1e6;
    const pass =
      slo.op === '<'
        ? value < slo.value
        : slo.op === '<='
          ? value <= slo.value
          : slo.op === '>'
            ? value > slo.value
            : value >= slo.value;
    return {
      name: slo.name,
      metric: slo.metric,
      target: slo.target?.id ?? null,
      op: slo.op,
      threshold: slo.value,
      value,
      pass,
      requests,
    };
  });
}
