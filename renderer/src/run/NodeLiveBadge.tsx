import { memo } from 'react';
import { useNodeLive } from './liveStore';

const fmtMs = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

/** The live figures drawn on a canvas node while a run goes: rps, p99 and errors, by health. */
export const NodeLiveBadge = memo(function NodeLiveBadge({ id }: { id: string }) {
  const live = useNodeLive(id);
  if (!live) return null;
  return (
    <div
      className={`live-badge health-${live.health}`}
      data-testid={`live-${id}`}
      title={`Utilisation ${(live.utilisation * 100).toFixed(0)} %, queue ${live.queueDepth.toFixed(1)}`}
    >
      <span>{live.rps.toFixed(0)} rps</span>
      <span>p99 {fmtMs(live.p99Ms)}</span>
      <span className={live.errorRate === 0 ? 'live-err zero' : 'live-err'}>
        {(live.errorRate * 100).toFixed(1)} % err
      </span>
    </div>
  );
});
