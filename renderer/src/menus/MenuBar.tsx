// The web edition's menu bar: File, Edit, Arrange, View, Run, Help, built from the same command
// catalogue as the desktop's native menus. A WAI-ARIA menubar: one tab stop, Left/Right move
// between menus, Down/Enter/Space open one, Escape closes it and gives the focus back.
import { useEffect, useRef, useState } from 'react';
import { MENU_ORDER, commandCatalogue, type MenuName } from '../../../shared/commands';
import { MenuList, type MenuEntry } from './MenuList';

/** A menu's entries in catalogue order, with '-' where the catalogue starts a group. */
export function menuEntries(name: MenuName): MenuEntry[] {
  const out: MenuEntry[] = [];
  for (const c of commandCatalogue) {
    if (!('menu' in c) || c.menu !== name) continue;
    if ('separatorBefore' in c && c.separatorBefore && out.length > 0) out.push('-');
    out.push(c.id);
  }
  return out;
}

export function MenuBar() {
  const [open, setOpen] = useState<MenuName | null>(null);
  const [current, setCurrent] = useState(0);
  const bar = useRef<HTMLDivElement>(null);
  const button = (i: number) =>
    bar.current?.querySelectorAll<HTMLButtonElement>('.menubar-item')[i] ?? null;

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (e.target instanceof Node && bar.current?.contains(e.target)) return;
      setOpen(null);
    };
    window.addEventListener('pointerdown', away, true);
    return () => window.removeEventListener('pointerdown', away, true);
  }, [open]);

  const focusTop = (i: number) => {
    const n = (i + MENU_ORDER.length) % MENU_ORDER.length;
    setCurrent(n);
    button(n)?.focus();
    return n;
  };
  const onTopKey = (e: React.KeyboardEvent, i: number) => {
    const name = MENU_ORDER[i];
    if (!name) return;
    if (e.key === 'ArrowRight' || e.key === 'ArrowLeft') {
      e.preventDefault();
      const n = focusTop(i + (e.key === 'ArrowRight' ? 1 : -1));
      if (open) setOpen(MENU_ORDER[n] ?? null);
    } else if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      setOpen(name);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      focusTop(e.key === 'Home' ? 0 : MENU_ORDER.length - 1);
    } else if (e.key === 'Escape') {
      setOpen(null);
    }
  };

  return (
    <div className="menubar" role="menubar" aria-label="Menu bar" ref={bar}>
      {MENU_ORDER.map((name, i) => (
        <div className="menubar-slot" key={name}>
          <button
            type="button"
            role="menuitem"
            className="menubar-item"
            aria-haspopup="menu"
            aria-expanded={open === name}
            aria-controls={open === name ? `menu-${name}` : undefined}
            tabIndex={i === current ? 0 : -1}
            onClick={() => {
              setCurrent(i);
              setOpen(open === name ? null : name);
            }}
            onPointerEnter={() => {
              if (open && open !== name) {
                setCurrent(i);
                setOpen(name);
              }
            }}
            onKeyDown={(e) => onTopKey(e, i)}
          >
            {name}
          </button>
          {open === name && (
            <MenuList
              id={`menu-${name}`}
              label={name}
              className="menubar-menu"
              entries={menuEntries(name)}
              onClose={(returnFocus) => {
                setOpen(null);
                if (returnFocus) button(i)?.focus();
              }}
              onSideways={(step) => {
                const n = focusTop(i + step);
                setOpen(MENU_ORDER[n] ?? null);
              }}
            />
          )}
        </div>
      ))}
    </div>
  );
}
