// Keys on a focused component or link (each is a tab stop): Enter or Space selects it (Shift or
// Ctrl adds it to the selection), Shift+F10 or the context-menu key opens its right-click menu.
// Moving and deleting the selection are registry commands (arrows, Delete).
import { useStore } from '../store';
import { openContextMenu } from '../menus/ContextMenu';

function focused(
  target: EventTarget | null,
): { kind: 'node' | 'edge'; id: string; el: Element } | null {
  if (!(target instanceof Element)) return null;
  const el = target.closest('.react-flow__node, .react-flow__edge');
  const id = el?.getAttribute('data-id');
  if (!el || !id || el !== target) return null;
  return { kind: el.classList.contains('react-flow__edge') ? 'edge' : 'node', id, el };
}

export function onCanvasKeyDown(e: React.KeyboardEvent) {
  const hit = focused(e.target);
  if (!hit) return;
  const s = useStore.getState();
  if (e.key === 'Enter' || e.key === ' ') {
    e.preventDefault();
    const adding = e.shiftKey || e.ctrlKey || e.metaKey;
    if (hit.kind === 'node') {
      s.select(
        adding ? [...new Set([...s.selectedNodes, hit.id])] : [hit.id],
        adding ? s.selectedEdges : [],
      );
    } else {
      s.select(
        adding ? s.selectedNodes : [],
        adding ? [...new Set([...s.selectedEdges, hit.id])] : [hit.id],
      );
    }
    return;
  }
  if ((e.key === 'F10' && e.shiftKey) || e.key === 'ContextMenu') {
    e.preventDefault();
    const box = hit.el.getBoundingClientRect();
    const isGroup = hit.el.classList.contains('react-flow__node-container');
    const picked = hit.kind === 'node' ? s.selectedNodes : s.selectedEdges;
    if (!picked.includes(hit.id)) {
      if (hit.kind === 'node') s.select([hit.id]);
      else s.select([], [hit.id]);
    }
    const several = picked.includes(hit.id) && s.selectedNodes.length + s.selectedEdges.length > 1;
    const at = new MouseEvent('contextmenu', {
      clientX: box.left + Math.min(box.width / 2, 40),
      clientY: box.top + Math.min(box.height / 2, 30),
    });
    openContextMenu(
      at,
      several ? 'selection' : hit.kind === 'edge' ? 'edge' : isGroup ? 'group' : 'node',
      hit.el,
    );
  }
}
