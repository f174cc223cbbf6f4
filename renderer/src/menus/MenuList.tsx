// A list of commands shown as an ARIA menu: the web menu bar's drop-downs and the canvas's
// right-click menus. Arrow keys move, Home/End jump, Enter or Space runs, Escape closes; every
// item is a command of the one registry, shown with its shortcut and greyed when it cannot run.
import { useEffect, useRef } from 'react';
import { displayShortcut } from '../../../shared/commands';
import { commands, runCommand, type Command } from '../app/commands';

/** A command id, or '-' for a separator. */
export type MenuEntry = string;

const mac = () => /Mac|iPhone|iPad/.test(navigator.platform);

/** The entries of a list, as commands (unknown ids left out, separators never doubled). */
export function resolveEntries(entries: readonly MenuEntry[]): (Command | '-')[] {
  const byId = new Map(commands().map((c) => [c.id, c]));
  const out: (Command | '-')[] = [];
  for (const e of entries) {
    if (e === '-') {
      if (out.length > 0 && out[out.length - 1] !== '-') out.push('-');
      continue;
    }
    const c = byId.get(e);
    if (c) out.push(c);
  }
  if (out[out.length - 1] === '-') out.pop();
  return out;
}

interface Props {
  entries: readonly MenuEntry[];
  label: string;
  className?: string;
  style?: React.CSSProperties;
  onClose(returnFocus: boolean): void;
  /** Left/Right arrows (the menu bar moves to the next menu). */
  onSideways?(step: -1 | 1): void;
  id?: string;
}

export function MenuList({ entries, label, className, style, onClose, onSideways, id }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const items = resolveEntries(entries);
  useEffect(() => {
    ref.current
      ?.querySelector<HTMLElement>('[role="menuitem"]:not([aria-disabled="true"])')
      ?.focus();
  }, []);
  const move = (from: HTMLElement | null, step: number | 'first' | 'last') => {
    const all = [...(ref.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])].filter(
      (el) => el.getAttribute('aria-disabled') !== 'true',
    );
    if (all.length === 0) return;
    const at = from ? all.indexOf(from) : -1;
    const next =
      step === 'first'
        ? 0
        : step === 'last'
          ? all.length - 1
          : (at + step + all.length) % all.length;
    all[next]?.focus();
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const here = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const keys: Record<string, () => void> = {
      ArrowDown: () => move(here, 1),
      ArrowUp: () => move(here, -1),
      Home: () => move(here, 'first'),
      End: () => move(here, 'last'),
      Escape: () => onClose(true),
      Tab: () => onClose(false),
      ArrowLeft: () => onSideways?.(-1),
      ArrowRight: () => onSideways?.(1),
    };
    const act = keys[e.key];
    if (!act) return;
    if (e.key !== 'Tab') e.preventDefault();
    e.stopPropagation();
    act();
  };
  const run = (c: Command) => {
    if (c.enabled && !c.enabled()) return;
    onClose(true);
    runCommand(c.id);
  };
  return (
    <div
      ref={ref}
      id={id}
      role="menu"
      aria-label={label}
      className={`menu-list${className ? ` ${className}` : ''}`}
      style={style}
      onKeyDown={onKeyDown}
      onContextMenu={(e) => e.preventDefault()}
    >
      {items.map((c, i) =>
        c === '-' ? (
          <div key={`sep-${i}`} role="separator" className="menu-separator" />
        ) : (
          <MenuItem key={c.id} command={c} onRun={run} />
        ),
      )}
    </div>
  );
}

function MenuItem({ command: c, onRun }: { command: Command; onRun(c: Command): void }) {
  const disabled = c.enabled ? !c.enabled() : false;
  return (
    <button
      type="button"
      role="menuitem"
      tabIndex={-1}
      aria-disabled={disabled || undefined}
      data-command={c.id}
      className="menu-item"
      onClick={() => onRun(c)}
      // The pointer and the keyboard share one highlight, as native menus do.
      onPointerEnter={(e) => {
        if (!disabled) e.currentTarget.focus();
      }}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        onRun(c);
      }}
    >
      <span className="menu-item-label">{c.label}</span>
      {c.shortcut && <kbd>{displayShortcut(c.shortcut, mac())}</kbd>}
    </button>
  );
}
