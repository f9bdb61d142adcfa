import { useStoreApi, ViewportPortal, type InternalNode, type ReactFlowState } from '@xyflow/react';
import { memo, startTransition, useEffect, useLayoutEffect, useReducer, useRef, useSyncExternalStore, type ReactNode } from 'react';
import { drawRegion, EdgeShapeCache, pathPieces, pathPoints, type Box, type CanvasEdge, type DrawnEdges, type EdgeShape, type Region } from './edgeGeometry';
import { labelSize, LABEL_PAD_X, LABEL_PAD_Y } from './edgeLabels';
import { layoutEdges, type EdgeLayout, type Line } from './edgeLayout';

/** Below this zoom a label's 11px text is under 5px on screen: the layer leaves labels out. */
export const LABEL_MIN_ZOOM = 0.45;

/**
 * Still connections are drawn by square cells of the flow, a path per cell for the straight pieces and corners of
 * lines (pathPieces) whose middle is in the cell, a text element per cell for labels. Few elements (thousands of
 * them made every frame's style, paint and hit-testing costly), each covering a small box: Chromium re-rasterizes
 * a tile by replaying every drawing whose box meets it, and a drawing spanning the view is replayed for every tile.
 */
const LINE_CELL = 512;
const LABEL_CELL = 256;

const cellOf = (x: number, y: number, size: number) => `${Math.floor(x / size)}:${Math.floor(y / size)}`;

type Piece = { readonly d: string; readonly cell: string };
/** The pieces of a shape, worked out once per shape (shapes are kept while their connection stays put). */
const piecesOf = new WeakMap<EdgeShape, readonly Piece[]>();
function pieces(shape: EdgeShape): readonly Piece[] {
  let known = piecesOf.get(shape);
  if (!known) {
    known = pathPieces(shape.path).map((d) => {
      const points = pathPoints(d);
      const [a, b] = [points[0], points.at(-1)];
      return { d, cell: cellOf(((a?.x ?? 0) + (b?.x ?? 0)) / 2, ((a?.y ?? 0) + (b?.y ?? 0)) / 2, LINE_CELL) };
    });
    piecesOf.set(shape, known);
  }
  return known;
}

/** Groups the still lines into cells; a cell of labels holding the same lines as before keeps its array. */
function toCells(still: readonly Line[], labelled: (l: Line) => boolean, region: string, prev: Cells): Cells {
  const lineCells = new Map<string, string[]>();
  const labelCells = new Map<string, Line[]>();
  for (const l of still) {
    for (const p of pieces(l.shape)) {
      const list = lineCells.get(p.cell);
      if (list) list.push(p.d);
      else lineCells.set(p.cell, [p.d]);
    }
    if (!labelled(l)) continue;
    const key = cellOf(l.shape.labelX, l.shape.labelY, LABEL_CELL);
    const list = labelCells.get(key);
    if (list) list.push(l);
    else labelCells.set(key, [l]);
  }
  const before = new Map(prev.labels);
  return {
    region,
    still,
    lines: [...lineCells].map(([key, ds]) => [key, ds.join('')] as const),
    labels: [...labelCells].map(([key, ls]) => {
      const old = before.get(key);
      return [key, old && old.length === ls.length && old.every((l, k) => l === ls[k]) ? old : ls] as const;
    }),
  };
}

/** The connection the pointer is over, or the keyboard focus is on: drawn highlighted over the others. */
export class EdgeHighlight {
  private id: string | undefined;
  private readonly listeners = new Set<() => void>();
  readonly get = (): string | undefined => this.id;
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  set(id: string | undefined): void {
    if (id === this.id) return;
    this.id = id;
    for (const l of this.listeners) l();
  }
}

interface EdgeLayerProps {
  readonly edges: readonly CanvasEdge[];
  /** Filled with what the layer drew, for the canvas to tell which connection is under the pointer. */
  readonly drawnEdges: DrawnEdges;
  readonly highlight: EdgeHighlight;
  /** Whether cards are being dragged (see `live` below). */
  readonly dragging: boolean;
  /** A connection chosen from the keyboard (its button in the connection list); `additive` with Shift, Ctrl or Cmd. */
  readonly onSelect: (id: string, additive: boolean) => void;
}

/** What the layer drew last: the nodes, region and zoom band it drew for, and the nodes its connections end on. */
interface Drawn {
  readonly nodes: unknown;
  readonly region: Region;
  readonly labels: boolean;
  readonly ends: ReadonlyMap<string, InternalNode>;
}

/**
 * Whether React Flow's state changed something the layer shows, and how urgently. Runs on every store update
 * (every pan frame). Moved or measured nodes: now (connections follow a dragged card). A new region or zoom band:
 * the region drawn still covers the view by a margin, so the redraw can wait for idle time between frames.
 */
function stale(s: ReactFlowState, drawn: Drawn | null): 'now' | 'soon' | false {
  if (drawn === null || s.nodes !== drawn.nodes) return 'now';
  // React Flow measures a card in place (new internals, same node array) when it comes into view.
  for (const [id, node] of drawn.ends) if (s.nodeLookup.get(id) !== node) return 'now';
  if (s.transform[2] >= LABEL_MIN_ZOOM !== drawn.labels) return 'soon';
  if (drawRegion(s.transform, s.width, s.height, drawn.region).key !== drawn.region.key) return 'soon';
  return false;
}

/** The still connections drawn by cells of the flow: one path per cell of pieces, one text element per cell of labels. */
type Cells = {
  readonly region: string;
  readonly still: readonly Line[];
  readonly lines: readonly (readonly [string, string])[];
  readonly labels: readonly (readonly [string, readonly Line[]])[];
};

/** The lines of one group: one path of many subpaths. */
const GroupLines = memo(function GroupLines({ d, className }: { d: string; className: string }): ReactNode {
  return d === '' ? null : <path className={className} d={d} />;
});

/**
 * A connection moving with a dragged card, drawn piece by piece (pathPieces): Chromium repaints (and, rendering in
 * software, re-rasterizes) the box of whatever changed, and the box of a long connection's whole path covers most
 * of the view; its straight pieces are thin.
 */
const MovingLine = memo(function MovingLine({ path }: { path: string }): ReactNode {
  return (
    <>
      {pathPieces(path).map((d, i) => (
        <path key={i} className="canvas-edge-lines" d={d} />
      ))}
    </>
  );
});

/** The labels of one group: one text element, a positioned span per label, centred on the middle of its path. */
const GroupLabels = memo(function GroupLabels({ lines, className }: { lines: readonly Line[]; className: string }): ReactNode {
  if (lines.length === 0) return null;
  return (
    <text className={className}>
      {lines.map(({ edge, shape }) => (
        <tspan key={edge.id} data-id={edge.id} x={shape.labelX} y={shape.labelY} dy="0.35em">
          {edge.label}
        </tspan>
      ))}
    </text>
  );
});

/** The highlighted connection (pointer or keyboard focus), over the others (under the selected ones). */
function Highlight({ highlight, drawnEdges }: { highlight: EdgeHighlight; drawnEdges: DrawnEdges }): ReactNode {
  const id = useSyncExternalStore(highlight.subscribe, highlight.get);
  const path = id === undefined ? undefined : drawnEdges.pathOf(id);
  return path === undefined ? null : <path className="canvas-edge-highlight" d={path} />;
}

/** A drawn connection's entry in the connection list: focus highlights its line, a click (Enter, Space) selects it. */
const EdgeButton = memo(function EdgeButton({ edge, highlight, onSelect }: { edge: CanvasEdge; highlight: EdgeHighlight; onSelect: EdgeLayerProps['onSelect'] }): ReactNode {
  return (
    <li>
      <button
        type="button"
        className="canvas-edge"
        data-id={edge.id}
        aria-label={edge.ariaLabel}
        aria-pressed={edge.selected}
        onFocus={() => highlight.set(edge.id)}
        onBlur={() => highlight.set(undefined)}
        onClick={(e) => onSelect(edge.id, e.shiftKey || e.ctrlKey || e.metaKey)}
      />
    </li>
  );
});

/** The drawn connections as a list of buttons, visually hidden, for the keyboard and screen readers. */
const EdgeList = memo(function EdgeList({ edges, highlight, onSelect }: { edges: readonly CanvasEdge[]; highlight: EdgeHighlight; onSelect: EdgeLayerProps['onSelect'] }): ReactNode {
  return (
    <ul className="canvas-edge-list" aria-label="Connections in view">
      {edges.map((edge) => (
        <EdgeButton key={edge.id} edge={edge} highlight={highlight} onSelect={onSelect} />
      ))}
    </ul>
  );
});

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The box of a label drawn at (x, y), for pointing at it (DrawnEdges). */
function labelBox(text: string, x: number, y: number): Box {
  const { width, height } = labelSize(text);
  return { x: x - width / 2 - LABEL_PAD_X, y: y - height / 2 - LABEL_PAD_Y, x2: x + width / 2 + LABEL_PAD_X, y2: y + height / 2 + LABEL_PAD_Y };
}

/**
 * Every connection of the canvas, drawn in one SVG inside React Flow's viewport (a viewport portal) instead of as
 * React Flow edges. React Flow gives each edge its own component with three store subscriptions, its own SVG
 * element, label and wide hit path: with a thousand connections in view, every pan frame re-ran thousands of
 * selectors, and Chromium re-painted, re-layerized and hit-tested thousands of elements (scripts/bench-canvas.mjs).
 *
 * This layer is one component drawing a few hundred elements: still lines and labels by cells of the flow (see
 * LINE_CELL), connections moving with a dragged card and selected ones on top. It draws the connections of a
 * region around the view (drawRegion) and is left alone while the view moves inside it, so panning is a transform
 * of the viewport; it redraws when the nodes change (a drag redraws the dragged card's connections only), when the
 * view leaves the region, or when the zoom crosses the label threshold. It takes no pointer events: the canvas finds the
 * connection under a click or hover in `drawnEdges`. For the keyboard and screen readers the drawn connections
 * are also a list of buttons (visually hidden): Tab reaches them, focus highlights the line, Enter selects.
 */
export const EdgeLayer = memo(function EdgeLayer({ edges, drawnEdges, highlight, dragging, onSelect }: EdgeLayerProps): ReactNode {
  const store = useStoreApi();
  const shapes = useRef<EdgeShapeCache>(null);
  shapes.current ??= new EdgeShapeCache();
  const drawn = useRef<Drawn | null>(null);
  // Connections that moved during the current drag: drawn piece by piece, apart from the cells and in an SVG of
  // their own (a composited layer, canvas.css), until the drag ends. Rewriting their cells on every frame made
  // Chromium repaint (and, in software, re-raster) every cell they cross per frame; drawn over the cells in the
  // same layer, they still made it re-raster the tall columns of tiles they cross.
  const live = useRef(new Set<string>());
  if (!dragging) live.current.clear();
  const [, redraw] = useReducer((n: number) => n + 1, 0);

  useEffect(
    () =>
      store.subscribe((s) => {
        const when = stale(s, drawn.current);
        if (when === 'now') redraw();
        else if (when === 'soon') startTransition(redraw);
      }),
    [store],
  );

  const s = store.getState();
  const region = drawRegion(s.transform, s.width, s.height, drawn.current?.region);
  const labels = s.transform[2] >= LABEL_MIN_ZOOM;
  const laidOut = useRef<EdgeLayout | undefined>(undefined);
  const layout = layoutEdges(laidOut.current, edges, s.nodeLookup, region, shapes.current);
  if (dragging) for (const id of layout.moved) live.current.add(id);
  // Selected connections apart (drawn on top); the connection list in the design's order (not selected-last:
  // moving a focused button would blur it).
  const split = useRef<{ drawn: readonly Line[]; lines: readonly Line[]; selected: readonly Line[]; inView: readonly CanvasEdge[] } | null>(null);
  if (split.current?.drawn !== layout.drawn) {
    const lines: Line[] = [];
    const selected: Line[] = [];
    for (const l of layout.drawn) (l.edge.selected ? selected : lines).push(l);
    split.current = { drawn: layout.drawn, lines, selected, inView: layout.drawn.map((l) => l.edge) };
  }
  const { lines, selected, inView } = split.current!;
  // Shapes of connections no longer in the design are forgotten when the design's connections change.
  const retained = useRef<readonly CanvasEdge[] | null>(null);
  if (retained.current !== edges) {
    shapes.current.retain(new Set(edges.map((e) => e.id)));
    retained.current = edges;
  }
  const moving: Line[] = [];
  // The list keeps its array while the same connections are drawn (every frame of a drag or a pan), so that it is
  // not reconciled again: thousands of buttons at 5,000 nodes, a third of a frame.
  const listedRef = useRef<readonly CanvasEdge[]>([]);
  const listed = sameItems(listedRef.current, inView) ? listedRef.current : inView;

  // Grouped lines and labels (moving and selected ones apart, drawn after: over the others).
  // A label is drawn when its anchor (the middle of the path) is in the region: a long connection crossing the
  // view from far away is drawn, its label far away is not (laying out text is most of a redraw's cost).
  const labelled = (l: Line) => l.edge.label !== '' && l.shape.labelX >= region.box.x && l.shape.labelX <= region.box.x2 && l.shape.labelY >= region.box.y && l.shape.labelY <= region.box.y2;
  const still: Line[] = [];
  for (const l of lines) (live.current.has(l.edge.id) ? moving : still).push(l);
  // The same lines in the same region as the last drawing (every frame of a drag: the moving ones are apart):
  // the same groups, neither rebuilt nor re-rendered.
  const previous = useRef<Cells>({ region: '', still: [], lines: [], labels: [] });
  const prev = previous.current;
  const cells = prev.region === region.key && prev.still.length === still.length && prev.still.every((l, k) => l === still[k]) ? prev : toCells(still, labelled, region.key, prev);
  const all = selected.length === 0 ? lines : [...lines, ...selected];
  const next: Drawn = { nodes: s.nodes, region, labels, ends: layout.ends };
  useLayoutEffect(() => {
    drawn.current = next;
    laidOut.current = layout;
    previous.current = cells;
    listedRef.current = listed;
    drawnEdges.set(all, (l) => (labels && labelled(l) ? labelBox(l.edge.label, l.shape.labelX, l.shape.labelY) : undefined));
  });

  return (
    <ViewportPortal>
      <svg className="canvas-edges" aria-hidden="true">
        {cells.lines.map(([key, d]) => (
          <GroupLines key={key} d={d} className="canvas-edge-lines" />
        ))}
        <Highlight highlight={highlight} drawnEdges={drawnEdges} />
        {selected.map(({ edge, shape }) => (
          <path key={edge.id} className="canvas-edge-lines selected" d={shape.path} />
        ))}
        {labels && cells.labels.map(([key, g]) => <GroupLabels key={key} lines={g} className="canvas-edge-labels" />)}
        {labels && <GroupLabels lines={selected.filter(labelled)} className="canvas-edge-labels selected" />}
      </svg>
      {moving.length > 0 && (
        <svg className="canvas-edges moving" aria-hidden="true">
          {moving.map(({ edge, shape }) => (
            <MovingLine key={edge.id} path={shape.path} />
          ))}
          {labels && moving.filter(labelled).map((l) => <GroupLabels key={l.edge.id} lines={[l]} className="canvas-edge-labels" />)}
        </svg>
      )}
      <EdgeList edges={listed} highlight={highlight} onSelect={onSelect} />
    </ViewportPortal>
  );
});
