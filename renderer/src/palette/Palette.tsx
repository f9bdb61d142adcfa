import { memo, useId, useMemo, useState, type DragEvent, type ReactNode } from 'react';
import { KIND_INFO, type KindGroup } from '../../../shared/model/catalog';
import { NODE_KINDS, type NodeKind } from '../../../shared/model/nodes';
import { KindIcon } from '../canvas/icons';
import './palette.css';

/** The drag payload type of a palette item (the node kind). */
export const PALETTE_MIME = 'application/x-ecs-designer-kind';

const GROUPS: readonly { group: KindGroup; label: string }[] = [
  { group: 'compute', label: 'Compute' },
  { group: 'images', label: 'Images' },
  { group: 'storage', label: 'Storage' },
  { group: 'security', label: 'Security' },
  { group: 'networking', label: 'Networking' },
  { group: 'scaling', label: 'Scaling' },
  { group: 'observability', label: 'Observability' },
];

/** Palette order within a group (the catalog order, with the task definition before the container it holds). */
const ORDER: readonly NodeKind[] = [
  'cluster',
  'service',
  'taskDefinition',
  'container',
  'fargateCapacityProvider',
  'asgCapacityProvider',
  ...NODE_KINDS.filter((k) => KIND_INFO[k].group !== 'compute'),
];

interface PaletteProps {
  /** Adds a node of the kind (Enter or click on an item). */
  readonly onAdd: (kind: NodeKind) => void;
}

/** The resource palette: grouped, searchable; drag an item onto the canvas, or press Enter on it. */
export const Palette = memo(function Palette({ onAdd }: PaletteProps): ReactNode {
  const [query, setQuery] = useState('');
  const searchId = useId();
  const groups = useMemo(() => {
    const q = query.trim().toLowerCase();
    const match = (k: NodeKind) => q === '' || KIND_INFO[k].label.toLowerCase().includes(q) || KIND_INFO[k].description.toLowerCase().includes(q) || k.toLowerCase().includes(q);
    return GROUPS.map((g) => ({ ...g, kinds: ORDER.filter((k) => KIND_INFO[k].group === g.group && match(k)) })).filter((g) => g.kinds.length > 0);
  }, [query]);

  return (
    <aside className="palette" aria-label="Resource palette">
      <div className="palette-search">
        <label htmlFor={searchId} className="visually-hidden">
          Search resources
        </label>
        <input
          id={searchId}
          type="search"
          className="palette-search-input nokey"
          placeholder="Search resources"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') setQuery('');
          }}
        />
      </div>
      <div className="palette-groups">
        {groups.length === 0 && <p className="palette-empty">No resource matches “{query}”.</p>}
        {groups.map((g) => (
          <section key={g.group} className={`palette-group group-${g.group}`} aria-labelledby={`${searchId}-${g.group}`}>
            <h2 id={`${searchId}-${g.group}`} className="palette-group-title">
              {g.label}
            </h2>
            <ul className="palette-items">
              {g.kinds.map((kind) => (
                <li key={kind}>
                  <PaletteItem kind={kind} onAdd={onAdd} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
      <p className="palette-hint">Drag onto the canvas, or press Enter to add.</p>
    </aside>
  );
});

function PaletteItem({ kind, onAdd }: { readonly kind: NodeKind; readonly onAdd: (kind: NodeKind) => void }): ReactNode {
  const info = KIND_INFO[kind];
  const onDragStart = (e: DragEvent<HTMLButtonElement>) => {
    e.dataTransfer.setData(PALETTE_MIME, kind);
    e.dataTransfer.setData('text/plain', info.label);
    e.dataTransfer.effectAllowed = 'copy';
  };
  return (
    <button type="button" className="palette-item" draggable onDragStart={onDragStart} onClick={() => onAdd(kind)} title={info.description} data-kind={kind}>
      <span className={`palette-icon group-${info.group}`}>
        <KindIcon kind={kind} size={16} />
      </span>
      <span className="palette-label">{info.label}</span>
    </button>
  );
}
