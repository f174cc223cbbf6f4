// Right-click menus on the canvas: a node, a link, a zone or team, a note, a multiple selection,
// the empty canvas. Each lists commands of the one registry, acting on the selection (a right-clicked item
// that was not selected becomes the selection first, as in draw.io). During a live run a node or
// link gets the live-drill menu instead (drills/LiveMenu.tsx).
import { useEffect, useLayoutEffect, useRef } from 'react';
import { create } from 'zustand';
import { MenuList, type MenuEntry } from './MenuList';

export type ContextTarget = 'node' | 'edge' | 'group' | 'note' | 'selection' | 'canvas';

const ENTRIES: Record<ContextTarget, readonly MenuEntry[]> = {
  node: [
    'edit.connectTo',
    '-',
    'edit.cut',
    'edit.copy',
    'edit.duplicate',
    'edit.delete',
    '-',
    'arrange.groupZone',
    'arrange.groupTeam',
  ],
  edge: ['edit.delete', '-', 'view.toggleInspector'],
  group: ['arrange.ungroup', '-', 'edit.cut', 'edit.copy', 'edit.duplicate', 'edit.delete'],
  note: [
    'note.colorYellow',
    'note.colorBlue',
    'note.colorGreen',
    'note.colorPink',
    '-',
    'edit.cut',
    'edit.copy',
    'edit.duplicate',
    'edit.delete',
  ],
  selection: [
    'edit.cut',
    'edit.copy',
    'edit.duplicate',
    'edit.delete',
    '-',
    'arrange.groupZone',
    'arrange.groupTeam',
    '-',
    'arrange.alignLeft',
    'arrange.alignCenter',
    'arrange.alignTop',
    'arrange.alignMiddle',
    'arrange.distributeH',
    'arrange.distributeV',
    '-',
    'arrange.autoLayout',
  ],
  canvas: [
    'edit.paste',
    'edit.quickAdd',
    'edit.selectAll',
    '-',
    'arrange.autoLayoutAll',
    'arrange.snapToGrid',
    '-',
    'view.zoomToFit',
    'view.toggleMinimap',
  ],
};

const LABELS: Record<ContextTarget, string> = {
  node: 'Component',
  edge: 'Link',
  group: 'Zone or team',
  note: 'Note',
  selection: 'Selection',
  canvas: 'Canvas',
};

interface OpenMenu {
  x: number;
  y: number;
  target: ContextTarget;
  /** Where the focus goes back to when the menu closes with Escape or runs a command. */
  returnTo: HTMLElement | SVGElement | null;
}

export const useContextMenu = create<{ menu: OpenMenu | null }>(() => ({ menu: null }));

export function openContextMenu(
  e: React.MouseEvent | MouseEvent,
  target: ContextTarget,
  returnTo: Element | null = document.activeElement,
) {
  e.preventDefault();
  const back = returnTo instanceof HTMLElement || returnTo instanceof SVGElement ? returnTo : null;
  useContextMenu.setState({ menu: { x: e.clientX, y: e.clientY, target, returnTo: back } });
}

export function ContextMenu() {
  const menu = useContextMenu((s) => s.menu);
  const ref = useRef<HTMLDivElement>(null);
  const close = (returnFocus = false) => {
    const back = useContextMenu.getState().menu?.returnTo;
    useContextMenu.setState({ menu: null });
    if (returnFocus && back?.isConnected) back.focus();
  };
  useEffect(() => {
    if (!menu) return;
    const away = (e: Event) => {
      if (e.target instanceof Node && ref.current?.contains(e.target)) return;
      useContextMenu.setState({ menu: null });
    };
    window.addEventListener('pointerdown', away, true);
    window.addEventListener('wheel', away, true);
    window.addEventListener('blur', away);
    return () => {
      window.removeEventListener('pointerdown', away, true);
      window.removeEventListener('wheel', away, true);
      window.removeEventListener('blur', away);
    };
  }, [menu]);
  // Kept inside the window: a menu opened near the right or bottom edge opens leftwards/upwards.
  useLayoutEffect(() => {
    const el = ref.current?.firstElementChild;
    if (!menu || !(el instanceof HTMLElement)) return;
    const box = el.getBoundingClientRect();
    const x = Math.max(4, Math.min(menu.x, window.innerWidth - box.width - 4));
    const y = Math.max(4, Math.min(menu.y, window.innerHeight - box.height - 4));
    el.style.setProperty('left', `${x}px`);
    el.style.setProperty('top', `${y}px`);
  }, [menu]);
  if (!menu) return null;
  return (
    <div ref={ref} className="context-menu" data-target={menu.target}>
      <MenuList
        key={`${menu.target}-${menu.x}-${menu.y}`}
        label={LABELS[menu.target]}
        entries={ENTRIES[menu.target]}
        style={{ left: menu.x, top: menu.y }}
        onClose={close}
      />
    </div>
  );
}
