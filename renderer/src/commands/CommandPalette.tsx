import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { shortcutLabel } from '../app/shortcuts';
import { KIND_INFO, nodeTitle } from '../../../shared/model/catalog';
import { currentDesign, designStore } from '../store/designStore';
import { COMMANDS, goToResource, isAvailable, RESOURCE_PREFIX, type Command, type CommandContext } from './registry';
import './commandPalette.css';

interface CommandPaletteProps {
  readonly open: boolean;
  readonly ctx: CommandContext;
  readonly onClose: () => void;
  /** Text the search box starts with (e.g. "pattern" for File › New from Pattern…). */
  readonly initialQuery?: string;
}

/** What the palette lists: a command, or (after RESOURCE_PREFIX) a resource of the design to go to. */
type Entry = Pick<Command, 'id' | 'label' | 'shortcut' | 'perform'> & { readonly category: string };

/** At most this many resources are listed; typing more of a name narrows them. */
const MAX_RESOURCES = 200;

/** The open design's resources, by kind and name. */
function resourceEntries(): Entry[] {
  const design = currentDesign(designStore.getState());
  if (!design) return [];
  return design.nodes
    .map((n) => ({ id: `resource:${n.id}`, category: KIND_INFO[n.kind].label, label: nodeTitle(n), perform: (c: CommandContext) => goToResource(c, n.id) }))
    .sort((a, b) => a.category.localeCompare(b.category) || a.label.localeCompare(b.label));
}

/** Words of the query all found in the label (or category), in any order. */
function matches(c: Entry, query: string): boolean {
  const text = `${c.category} ${c.label}`.toLowerCase();
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => text.includes(w));
}

/**
 * Ctrl/Cmd+Shift+P: every available command, filtered as you type; arrows choose, Enter runs, Escape closes. Text
 * starting with "@" (Go to Resource…, Ctrl/Cmd+P) lists the design's resources instead: Enter selects one and
 * brings it into view.
 */
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

  const resourceMode = query.startsWith(RESOURCE_PREFIX);
  const available = useMemo<readonly Entry[]>(
    () => (resourceMode ? resourceEntries() : COMMANDS.filter((c) => c.id !== 'view.commandPalette' && isAvailable(c, ctx))),
    [ctx, resourceMode],
  );
  const shown = useMemo(() => {
    const q = resourceMode ? query.slice(RESOURCE_PREFIX.length) : query;
    const found = available.filter((c) => matches(c, q));
    return resourceMode ? found.slice(0, MAX_RESOURCES) : found;
  }, [available, query, resourceMode]);
  const what = resourceMode ? 'resource' : 'command';
  const current = Math.min(active, Math.max(shown.length - 1, 0));

  // At commit, not after paint: keys typed right after the shortcut go to the input, and closing gives focus back
  // before anything else can take it (a palette opened again at once must keep its focus).
  useLayoutEffect(() => {
    input.current?.focus();
    const previous = restore.current;
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, []);

  useEffect(() => {
    list.current?.querySelector(`[data-index="${current}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [current]);

  const run = (c: Entry | undefined) => {
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
          aria-label={resourceMode ? 'Type a resource name' : 'Type a command'}
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={shown.length > 0 ? `${id}-${current}` : undefined}
          placeholder={resourceMode ? 'Type a resource name' : `Type a command, or ${RESOURCE_PREFIX} to go to a resource`}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul ref={list} id={`${id}-list`} role="listbox" aria-label={resourceMode ? 'Resources' : 'Commands'} className="command-palette-list">
          {shown.length === 0 && (
            <li className="command-palette-empty" role="presentation">
              No {what} matches “{resourceMode ? query.slice(RESOURCE_PREFIX.length) : query}”
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
