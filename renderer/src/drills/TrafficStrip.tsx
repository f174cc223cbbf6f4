// The traffic shape above the drill timeline: the clients' request rate over the scenario, as the
// engine computes it from each client's rps and shapes.
import { useMemo } from 'react';
import { compileTraffic } from '../../../shared/engine/traffic';
import type { Problem } from '../../../shared/protocol';
import { useStore } from '../store';

const POINTS = 240;

export function TrafficStrip({ durationS }: { durationS: number }) {
  const nodes = useStore((s) => s.doc.nodes);
  const { path, max } = useMemo(() => {
    const problems: Problem[] = [];
    const traffic = nodes.flatMap((n) =>
      n.kind === 'client' ? [compileTraffic(n.props.rps, n.props.shapes, 'x', problems)] : [],
    );
    const values = Array.from({ length: POINTS + 1 }, (_, i) => {
      const t = (i / POINTS) * durationS;
      return traffic.reduce((sum, tr) => sum + tr.rateAt(t), 0);
    });
    const top = Math.max(1, ...values);
    const d = values
      .map((v, i) => `${i === 0 ? 'M' : 'L'}${(i / POINTS) * 1000},${40 - (v / top) * 36}`)
      .join(' ');
    return { path: `${d} L1000,40 L0,40 Z`, max: top };
  }, [nodes, durationS]);
  return (
    <div className="traffic-strip" title="Requests per second sent by the clients">
      <span className="lane-label small">
        traffic
        <br />
        <span className="muted">≤ {Math.round(max).toLocaleString('en')} req/s</span>
      </span>
      <svg viewBox="0 0 1000 40" preserveAspectRatio="none" aria-label="Traffic shape">
        <path d={path} className="traffic-area" />
      </svg>
    </div>
  );
}
