import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { shortcutAria, shortcutLabel } from './shortcuts';
import './menubar.css';

/** One entry of an in-page menu. Menus are data: the App builds them from the same command ids as the native menu. */
export type MenuEntry =
  | {
      readonly type: 'item';
      readonly key: string;
      readonly label: string;
      /** Secondary, muted text after the label (e.g. the folder of a recent file). */
      readonly detail?: string;
      /** Accessible name when it should differ from label + detail. */
      readonly ariaLabel?: string;
      readonly role?: 'menuitem' | 'menuitemradio' | 'menuitemcheckbox';
      readonly checked?: boolean;
      readonly disabled?: boolean;
      /** Accelerator of the native menu item with the same command, e.g. `Mod+Shift+S`. */
      readonly shortcut?: string;
      readonly title?: string;
      readonly onSelect: () => void;
    }
  | { readonly type: 'submenu'; readonly key: string; readonly label: string; readonly entries: readonly MenuEntry[] }
  | { readonly type: 'separator'; readonly key: string }
  | { readonly type: 'note'; readonly key: string; readonly label: string };

export interface TopMenu {
  readonly key: string;
  readonly label: string;
  readonly entries: readonly MenuEntry[];
  /** Called when the menu opens (e.g. to refresh the recent-files list). */
  readonly onOpen?: () => void;
}

const ITEM_SELECTOR = ':scope > [role^="menuitem"]';

function menuItems(menu: HTMLElement | null): HTMLElement[] {
  return menu ? Array.from(menu.querySelectorAll<HTMLElement>(ITEM_SELECTOR)) : [];
}

function focusItem(menu: HTMLElement | null, index: 'first' | 'last' | number): void {
  const items = menuItems(menu);
  if (items.length === 0) return;
  const i = index === 'first' ? 0 : index === 'last' ? items.length - 1 : (index + items.length) % items.length;
  items[i]?.focus();
}

function moveFocus(menu: HTMLElement | null, delta: 1 | -1): void {
  const items = menuItems(menu);
  const current = items.indexOf(document.activeElement as HTMLElement);
  focusItem(menu, current === -1 ? (delta === 1 ? 'first' : 'last') : current + delta);
}

interface MenuListProps {
  readonly entries: readonly MenuEntry[];
  readonly labelledBy: string;
  readonly className: string;
  readonly autoFocus: boolean;
  /** Close the whole menu tree (after an item ran, on Escape at the top level, on Tab). */
  readonly onDone: (restoreFocus: boolean) => void;
  /** Left/Right at the top level switches menus; in a submenu, Left closes it. */
  readonly onHorizontal: (direction: 1 | -1) => void;
}

function MenuList({ entries, labelledBy, className, autoFocus, onDone, onHorizontal }: MenuListProps): ReactNode {
  const ref = useRef<HTMLDivElement>(null);
  const [openSubmenu, setOpenSubmenu] = useState<string | null>(null);
  const [submenuFocus, setSubmenuFocus] = useState(false);
  const baseId = useId();

  useEffect(() => {
    if (autoFocus) focusItem(ref.current, 'first');
  }, [autoFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target instanceof HTMLElement && event.target.closest('[role="menu"]') !== ref.current) return;
    switch (event.key) {
      case 'ArrowDown':
        moveFocus(ref.current, 1);
        break;
      case 'ArrowUp':
        moveFocus(ref.current, -1);
        break;
      case 'Home':
        focusItem(ref.current, 'first');
        break;
      case 'End':
        focusItem(ref.current, 'last');
        break;
      case 'ArrowRight': {
        const target = event.target as HTMLElement;
        const key = target.dataset['submenu'];
        if (key) {
          setOpenSubmenu(key);
          setSubmenuFocus(true);
        } else onHorizontal(1);
        break;
      }
      case 'ArrowLeft':
        onHorizontal(-1);
        break;
      case 'Escape':
        onDone(true);
        break;
      case 'Tab':
        onDone(false);
        return;
      default:
        return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={ref} role="menu" aria-labelledby={labelledBy} className={className} onKeyDown={onKeyDown}>
      {entries.map((entry) => {
        switch (entry.type) {
          case 'separator':
            return <div key={entry.key} role="separator" className="menu-separator" />;
          case 'note':
            return (
              <div key={entry.key} className="menu-note" role="presentation">
                {entry.label}
              </div>
            );
          case 'submenu': {
            const id = `${baseId}-${entry.key}`;
            const open = openSubmenu === entry.key;
            return (
              <div
                key={entry.key}
                className="menu-submenu-anchor"
                role="none"
                onPointerEnter={() => {
                  setOpenSubmenu(entry.key);
                  setSubmenuFocus(false);
                }}
                onPointerLeave={() => setOpenSubmenu((k) => (k === entry.key ? null : k))}
              >
                <button
                  id={id}
                  type="button"
                  role="menuitem"
                  tabIndex={-1}
                  aria-haspopup="menu"
                  aria-expanded={open}
                  data-submenu={entry.key}
                  className="menu-item"
                  onClick={() => {
                    setOpenSubmenu(entry.key);
                    setSubmenuFocus(true);
                  }}
                >
                  <span className="menu-check" aria-hidden="true" />
                  <span className="menu-label">{entry.label}</span>
                  <span className="menu-chevron" aria-hidden="true">
                    ›
                  </span>
                </button>
                {open && (
                  <MenuList
                    entries={entry.entries}
                    labelledBy={id}
                    className="menu-popup menu-popup-sub"
                    autoFocus={submenuFocus}
                    onDone={onDone}
                    onHorizontal={(direction) => {
                      if (direction === -1) {
                        setOpenSubmenu(null);
                        document.getElementById(id)?.focus();
                      } else onHorizontal(1);
                    }}
                  />
                )}
              </div>
            );
          }
          case 'item': {
            const role = entry.role ?? 'menuitem';
            return (
              <button
                key={entry.key}
                type="button"
                role={role}
                tabIndex={-1}
                className="menu-item"
                title={entry.title}
                aria-label={entry.ariaLabel}
                aria-disabled={entry.disabled ? true : undefined}
                aria-checked={role === 'menuitem' ? undefined : Boolean(entry.checked)}
                aria-keyshortcuts={entry.shortcut ? shortcutAria(entry.shortcut) : undefined}
                onPointerEnter={(e) => e.currentTarget.focus()}
                onClick={() => {
                  if (entry.disabled) return;
                  onDone(true);
                  entry.onSelect();
                }}
              >
                <span className="menu-check" aria-hidden="true">
                  {entry.checked ? (role === 'menuitemradio' ? '•' : '✓') : ''}
                </span>
                <span className="menu-label">
                  {entry.label}
                  {entry.detail && <span className="menu-detail">{entry.detail}</span>}
                </span>
                {entry.shortcut && (
                  <kbd className="menu-shortcut" aria-hidden="true">
                    {shortcutLabel(entry.shortcut)}
                  </kbd>
                )}
              </button>
            );
          }
        }
      })}
    </div>
  );
}

/** The in-page menubar (WAI-ARIA menubar pattern): click or arrow keys open menus; Escape closes. */
export function MenuBar({ menus }: { readonly menus: readonly TopMenu[] }): ReactNode {
  const [open, setOpen] = useState<{ key: string; focus: boolean } | null>(null);
  const barRef = useRef<HTMLDivElement>(null);
  const baseId = useId();

  const triggerOf = useCallback(
    (key: string) => barRef.current?.querySelector<HTMLElement>(`[data-menu-key="${key}"]`) ?? null,
    [],
  );

  const openMenu = useCallback(
    (key: string, focus: boolean) => {
      menus.find((m) => m.key === key)?.onOpen?.();
      setOpen({ key, focus });
    },
    [menus],
  );

  const close = useCallback(
    (restoreFocus: boolean) => {
      const key = open?.key;
      setOpen(null);
      if (restoreFocus && key) triggerOf(key)?.focus();
    },
    [open, triggerOf],
  );

  useEffect(() => {
    if (!open) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!barRef.current?.contains(event.target as Node)) setOpen(null);
    };
    const onBlur = () => setOpen(null);
    document.addEventListener('pointerdown', onPointerDown);
    window.addEventListener('blur', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      window.removeEventListener('blur', onBlur);
    };
  }, [open]);

  const neighbour = (key: string, direction: 1 | -1) => {
    const index = menus.findIndex((m) => m.key === key);
    return menus[(index + direction + menus.length) % menus.length];
  };

  const onTriggerKeyDown = (event: KeyboardEvent<HTMLButtonElement>, key: string) => {
    switch (event.key) {
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        openMenu(key, true);
        break;
      case 'ArrowRight':
      case 'ArrowLeft': {
        const next = neighbour(key, event.key === 'ArrowRight' ? 1 : -1);
        if (next) triggerOf(next.key)?.focus();
        break;
      }
      case 'Escape':
        setOpen(null);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div ref={barRef} role="menubar" aria-label="Application menu" className="menubar">
      {menus.map((menu, index) => {
        const id = `${baseId}-${menu.key}`;
        const isOpen = open?.key === menu.key;
        return (
          <div key={menu.key} className="menubar-entry">
            <button
              id={id}
              type="button"
              role="menuitem"
              aria-haspopup="menu"
              aria-expanded={isOpen}
              data-menu-key={menu.key}
              tabIndex={index === 0 ? 0 : -1}
              className="menubar-trigger"
              onClick={() => (isOpen ? setOpen(null) : openMenu(menu.key, false))}
              onPointerEnter={() => {
                if (open && !isOpen) openMenu(menu.key, false);
              }}
              onKeyDown={(event) => onTriggerKeyDown(event, menu.key)}
            >
              {menu.label}
            </button>
            {isOpen && (
              <MenuList
                entries={menu.entries}
                labelledBy={id}
                className="menu-popup"
                autoFocus={open.focus}
                onDone={close}
                onHorizontal={(direction) => {
                  const next = neighbour(menu.key, direction);
                  if (next) {
                    triggerOf(next.key)?.focus();
                    openMenu(next.key, true);
                  }
                }}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}
