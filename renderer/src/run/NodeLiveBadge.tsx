import { memo } from 'react';
import { useNodeLive } from './liveStore';

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** The live figures on a canvas node while a run goes: rps and ok/s, p99, errors in %, by health. */
export const NodeLiveBadge = memo(function NodeLiveBadge({ id }: { id: string }) {
  const live = useNodeLive(id);
  if (!live) return null;
  return (
    <div
      className={`live-badge health-${live.health}`}
      data-testid={`live-${id}`}
      title={`Utilisation ${(live.utilisation * 100).toFixed(0)} %, queue ${live.queueDepth.toFixed(1)}`}
    >
      <span title="Arrivals per second">{live.rps.toFixed(0)} rps</span>
      <span
        className={live.okPerS === live.rps ? 'live-ok same' : 'live-ok'}
        title="Answered ok per second (goodput)"
      >
        {live.okPerS.toFixed(0)} ok/s
      </span>
      <span>p99 {fmtMs(live.p99Ms)}</span>
      <span className={live.errorRate === 0 ? 'live-err zero' : 'live-err'}>
        {(live.errorRate * 100).toFixed(1)} % err
      </span>
    </div>
  );
});
