// The canvas's context menu during a live run: kill a pod, fail a node for N s, add latency to a
// node or a link for N s, cut a link (when the engine can). Commands go to the running engine,
// which records them into the run so the drill can be replayed.
import { useEffect, useState } from 'react';
import { unsupportedReason } from '../../../shared/drills/faults';
import { sendLiveCommand } from '../run/engineClient';
import { useStore } from '../store';
import { useDrill } from './drillStore';
import { targetName } from './targets';

const isLive = (status: string) => status === 'running' || status === 'paused';

export function LiveMenu() {
  const menu = useDrill((d) => d.menu);
  const setMenu = useDrill((d) => d.setMenu);
  const doc = useStore((s) => s.doc);
  const status = useStore((s) => s.run.status);
  const [forS, setForS] = useState(10);
  const [ms, setMs] = useState(200);
  useEffect(() => {
    if (!menu) return;
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e.target instanceof Element && e.target.closest('.live-menu')) return;
      setMenu(null);
    };
    window.addEventListener('pointerdown', close, true);
    window.addEventListener('keydown', close);
    return () => {
      window.removeEventListener('pointerdown', close, true);
      window.removeEventListener('keydown', close);
    };
  }, [menu, setMenu]);
  if (!menu || !isLive(status)) return null;
  const node = menu.kind === 'node' ? doc.nodes.find((n) => n.id === menu.id) : undefined;
  const act = (action: string, params: Record<string, unknown>, duration?: number) => {
    sendLiveCommand({
      action,
      target: menu.id,
      params,
      ...(duration !== undefined ? { forS: duration } : {}),
    });
    useStore.getState().showToast(`${action} ${targetName(doc, menu.id)} sent to the live run`);
    setMenu(null);
  };
  const podKillable = node && (node.kind === 'service' || node.kind === 'pod');
  const cutReason = unsupportedReason('partition');
  return (
    <div
      className="live-menu"
      role="menu"
      aria-label="Live drill"
      style={{ left: menu.x, top: menu.y }}
      onContextMenu={(e) => e.preventDefault()}
    >
      <div className="live-menu-title small">
        Live drill · <strong>{targetName(doc, menu.id)}</strong>
      </div>
      {podKillable && (
        <button
          type="button"
          role="menuitem"
          onClick={() =>
            act(
              'kill-pod',
              menu.podName !== undefined
                ? { name: menu.podName }
                : menu.pod !== undefined
                  ? { pod: menu.pod }
                  : {},
            )
          }
        >
          {menu.podName !== undefined
            ? `Kill pod ${menu.podName}`
            : menu.pod !== undefined
              ? `Kill pod ${menu.pod + 1}`
              : 'Kill a pod'}
        </button>
      )}
      {node && node.kind !== 'client' && (
        <button type="button" role="menuitem" onClick={() => act('fail-node', {}, forS)}>
          Fail the node for {forS} s
        </button>
      )}
      {(menu.kind === 'edge' || (node && node.kind !== 'client')) && (
        <button type="button" role="menuitem" onClick={() => act('add-latency', { ms }, forS)}>
          Add {ms} ms latency for {forS} s
        </button>
      )}
      {menu.kind === 'edge' && (
        <button
          type="button"
          role="menuitem"
          disabled={cutReason !== null}
          title={cutReason ?? undefined}
          onClick={() => act('partition', {}, forS)}
        >
          Cut the link for {forS} s
          {cutReason !== null && <span className="why small"> — {cutReason}</span>}
        </button>
      )}
      <div className="live-menu-params small">
        <label>
          for{' '}
          <input
            type="number"
            aria-label="Seconds"
            min={1}
            value={forS}
            onChange={(e) => setForS(Math.max(1, Number(e.target.value) || 1))}
          />{' '}
          s
        </label>
        <label>
          latency{' '}
          <input
            type="number"
            aria-label="Milliseconds"
            min={1}
            value={ms}
            onChange={(e) => setMs(Math.max(1, Number(e.target.value) || 1))}
          />{' '}
          ms
        </label>
      </div>
    </div>
  );
}

/** Open the live menu for a node or edge (only while a live run goes; else the browser's own). */
export function openLiveMenu(e: React.MouseEvent, kind: 'node' | 'edge', id: string) {
  if (!isLive(useStore.getState().run.status)) return;
  e.preventDefault();
  const target = e.target instanceof Element ? e.target : null;
  // A live pod tile names its pod; a document pod dot only has its index.
  const liveEl = target?.closest('[data-pod-name]');
  const podEl = target?.closest('[data-pod]');
  const podName = liveEl?.getAttribute('data-pod-name') ?? undefined;
  const pod = podEl ? Number(podEl.getAttribute('data-pod')) : undefined;
  useDrill.getState().setMenu({ x: e.clientX, y: e.clientY, kind, id, pod, podName });
}
