import { memo } from 'react';
import { LIVE_FIGURES } from '../../../shared/io/figureHelp';
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
      title={`${LIVE_FIGURES.badge} Utilisation ${(live.utilisation * 100).toFixed(0)} %, queue ${live.queueDepth.toFixed(1)}.`}
    >
      <span title={LIVE_FIGURES.rps}>{live.rps.toFixed(0)} rps</span>
      <span
        className={live.okPerS === live.rps ? 'live-ok same' : 'live-ok'}
        title={LIVE_FIGURES.ok}
      >
        {live.okPerS.toFixed(0)} ok/s
      </span>
      <span title={LIVE_FIGURES.p99}>p99 {fmtMs(live.p99Ms)}</span>
      <span
        className={live.errorRate === 0 ? 'live-err zero' : 'live-err'}
        title={LIVE_FIGURES.err}
      >
        {(live.errorRate * 100).toFixed(1)} % err
      </span>
    </div>
  );
});
