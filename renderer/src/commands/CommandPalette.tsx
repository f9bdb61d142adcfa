import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { shortcutLabel } from '../app/shortcuts';
import { COMMANDS, isAvailable, type Command, type CommandContext } from './registry';
import './commandPalette.css';

interface CommandPaletteProps {
  readonly open: boolean;
  readonly ctx: CommandContext;
  readonly onClose: () => void;
  /** Text the search box starts with (e.g. "pattern" for File › New from Pattern…). */
  readonly initialQuery?: string;
}

/** Words of the query all found in the label (or category), in any order. */
function matches(c: Command, query: string): boolean {
  const text = `${c.category} ${c.label}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/** Ctrl/Cmd+Shift+P: every available command, filtered as you type; arrows choose, Enter runs, Escape closes. */
export function CommandPalette({ open, ctx, onClose, initialQuery }: CommandPaletteProps): ReactNode {
  if (!open) return null;
  return <PaletteDialog ctx={ctx} onClose={onClose} initialQuery={initialQuery ?? ''} />;
}

function PaletteDialog({ ctx, onClose, initialQuery }: Omit<CommandPaletteProps, 'open'>): ReactNode {
  const [query, setQuery] = useState(initialQuery ?? '');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const restore = useRef<Element | null>(document.activeElement);
  const id = useId();

  const available = useMemo(() => COMMANDS.filter((c) => c.id !== 'view.commandPalette' && isAvailable(c, ctx)), [ctx]);
  const shown = useMemo(() => available.filter((c) => matches(c, query)), [available, query]);
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  useEffect(() => {
    input.current?.focus();
    const previous = restore.current;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (c: Command | undefined) => {
    if (!c) return;
    onClose();
    void c.perform(ctx);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        setActive((current + 1) % Math.max(shown.length, 1));
        break;
      case 'ArrowUp':
        setActive((current - 1 + shown.length) % Math.max(shown.length, 1));
        break;
      case 'Enter':
        run(shown[current]);
        break;
      case 'Escape':
        onClose();
        break;
      default:
        return;
    }
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="command-palette-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="command-palette">
        <input
          ref={input}
          className="command-palette-input nokey"
          role="combobox"
          aria-label="Type a command"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={shown.length > 0 ? `${id}-${current}` : undefined}
          placeholder="Type a command"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={list} id={`${id}-list`} role="listbox" aria-label="Commands" className="command-palette-list">
          {shown.length === 0 && (
            <li className="command-palette-empty" role="presentation">
              No command matches “{query}”
            </li>
          )}
          {shown.map((c, i) => (
            <li
              key={c.id}
              id={`${id}-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === current}
              className={`command-palette-item${i === current ? ' is-active' : ''}`}
              onPointerMove={() => setActive(i)}
              onClick={() => run(c)}
            >
              <span className="command-palette-category">{c.category}</span>
              <span className="command-palette-label">{c.label}</span>
              {c.shortcut && (
                <kbd className="command-palette-shortcut" aria-hidden="true">
                  {shortcutLabel(c.shortcut)}
                </kbd>
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
