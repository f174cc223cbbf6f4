// A service's pods while a run goes (or after it): one tile per pod, coloured by version, its
// state drawn on it — pending (outline), starting (faint), ready (solid), unready, terminating
// (struck through), crash-looping (red, with its restart count). Hover shows the pod's name,
// ReplicaSet, phase and restarts. Subscribes to this service's pods only.
import { memo, type ReactNode } from 'react';
import type { PodView } from '../../../shared/engine';
import { useNodePods } from '../run/liveStore';

// Deep enough for the white version label on a ready pod to read (4.5:1 or more).
const VERSION_COLOURS = ['#1d4ed8', '#b45309', '#047857', '#7e22ce', '#be185d', '#0f766e'];

/** v1 blue, v2 amber, v3 green…; other names by a hash of the name. */
export function versionColour(version: string | null): string {
  const v = version ?? '';
  const m = /(\d+)$/.exec(v);
  let i: number;
  if (m) i = Number(m[1]) - 1;
  else {
    i = 0;
    for (let k = 0; k < v.length; k++) i = (i * 31 + v.charCodeAt(k)) >>> 0;
  }
  return VERSION_COLOURS[
    ((i % VERSION_COLOURS.length) + VERSION_COLOURS.length) % VERSION_COLOURS.length
  ]!;
}

const MAX_DRAWN = 24;

function tip(p: PodView): string {
  const rs = p.replicaSet === null ? '' : `\nReplicaSet ${p.replicaSet}`;
  const ready = p.ready ? 'Ready' : 'not Ready';
  return `${p.name}${rs}\n${p.version ?? ''} · ${p.phase} · ${ready} · restarts ${p.restarts}`;
}

function PodTile({ pod, compact }: { pod: PodView; compact: boolean }) {
  const colour = versionColour(pod.version);
  return (
    <span
      className={`pod live-pod pod-${pod.state}${compact ? ' compact' : ''}`}
      style={{ ['--pod-colour' as string]: colour }}
      title={tip(pod)}
      data-pod-name={pod.name}
      data-pod-state={pod.state}
      data-pod-version={pod.version ?? ''}
    >
      {!compact && <span className="live-pod-version">{pod.version}</span>}
      {pod.restarts > 0 && <span className="live-pod-restarts">{pod.restarts}</span>}
    </span>
  );
}

/** The live pods of a service, or `fallback` (the document's replicas) when no run reported any. */
export const LivePods = memo(function LivePods({
  id,
  compact,
  fallback,
}: {
  id: string;
  compact: boolean;
  fallback: ReactNode;
}) {
  const pods = useNodePods(id);
  if (pods === undefined) return <>{fallback}</>;
  const drawn = pods.slice(0, MAX_DRAWN);
  const versions = [...new Set(pods.map((p) => p.version ?? ''))];
  return (
    <div
      className="arch-node-pods live"
      role="img"
      aria-label={`${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}: ${versions.join(', ')}`}
      data-live-pods={pods.length}
    >
      {drawn.map((p) => (
        <PodTile key={p.name} pod={p} compact={compact} />
      ))}
      {pods.length > drawn.length && (
        <span className="pod-more">+{pods.length - drawn.length}</span>
      )}
      {pods.length === 0 && <span className="pod-none">no pods</span>}
    </div>
  );
});
