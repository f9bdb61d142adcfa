import { Panel, useReactFlow, useStore, type Node, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useMemo, useRef, type PointerEvent, type ReactNode, type WheelEvent } from 'react';
import { KIND_INFO } from '../../../shared/model/catalog';
import type { DesignNode } from '../../../shared/model/nodes';

const WIDTH = 200;
const HEIGHT = 150;
const CARD = { width: 232, height: 72 };

type Rect = { x: number; y: number; width: number; height: number };

/**
 * The cards of the design as one path per kind group (absolute flow coordinates, in the nodes' order) and their
 * bounds. Pure: derived from the node array only.
 */
export function miniMapShapes(nodes: readonly Node<{ node: DesignNode }>[]): { paths: [string, string][]; bounds: Rect | undefined } {
  const at = new Map<string, { x: number; y: number }>();
  const parts = new Map<string, string[]>();
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of nodes) {
    const parent = n.parentId === undefined ? undefined : at.get(n.parentId);
    const x = n.position.x + (parent?.x ?? 0);
    const y = n.position.y + (parent?.y ?? 0);
    at.set(n.id, { x, y });
    const width = n.width ?? n.measured?.width ?? CARD.width;
    const height = n.height ?? n.measured?.height ?? CARD.height;
    // Frames (task definitions, clusters with services) apart: drawn lighter, under the cards inside them.
    const group = `${n.width === undefined ? '' : 'frame '}group-${KIND_INFO[n.data.node.kind].group}`;
    const list = parts.get(group) ?? [];
    list.push(`M${Math.round(x)} ${Math.round(y)}h${Math.round(width)}v${Math.round(height)}h${-Math.round(width)}z`);
    parts.set(group, list);
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x + width);
    maxY = Math.max(maxY, y + height);
  }
  const paths = [...parts].sort(([a], [b]) => Number(b.startsWith('frame')) - Number(a.startsWith('frame'))).map(([g, list]): [string, string] => [g, list.join('')]);
  return { paths, bounds: nodes.length === 0 ? undefined : { x: minX, y: minY, width: maxX - minX, height: maxY - minY } };
}

/** Whether two node arrays draw the same minimap: the same cards at the same places, sizes and kinds. */
export function sameShapes(a: readonly Node<{ node: DesignNode }>[], b: readonly Node<{ node: DesignNode }>[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const m = a[i]!;
    const n = b[i]!;
    if (m === n) continue;
    if (
      m.id !== n.id ||
      m.parentId !== n.parentId ||
      m.position.x !== n.position.x ||
      m.position.y !== n.position.y ||
      m.width !== n.width ||
      m.height !== n.height ||
      m.measured?.width !== n.measured?.width ||
      m.measured?.height !== n.measured?.height ||
      m.data.node.kind !== n.data.node.kind
    )
      return false;
  }
  return true;
}

const viewportOf = (s: ReactFlowState) => ({ tx: s.transform[0], ty: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const sameViewport = (a: ReturnType<typeof viewportOf>, b: ReturnType<typeof viewportOf>) =>
  a.tx === b.tx && a.ty === b.ty && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/** The node rectangles: re-drawn when the nodes change, never while panning. */
const MiniMapNodes = memo(function MiniMapNodes({ paths }: { readonly paths: readonly [string, string][] }): ReactNode {
  return paths.map(([group, d]) => <path key={group} className={`react-flow__minimap-node ${group}`} d={d} />);
});

/**
 * A minimap that draws all cards as one path per kind group, instead of React Flow's MiniMap, which keeps one
 * component and one store subscription per node (at 5,000 nodes that was about half of the main thread's time
 * while dragging or panning). Click or drag on it to move the view there; the wheel zooms.
 */
export function LightMiniMap({ nodes, ariaLabel = 'Minimap' }: { readonly nodes: readonly Node<{ node: DesignNode }>[]; readonly ariaLabel?: string }): ReactNode {
  const flow = useReactFlow();
  const svg = useRef<SVGSVGElement>(null);
  // Re-derived only when a card moved, changed size or kind: not when the selection changed (new node objects for
  // the cards (de)selected), which at 5,000 nodes made every click 20 ms slower.
  const drawn = useRef<{ nodes: readonly Node<{ node: DesignNode }>[]; shapes: ReturnType<typeof miniMapShapes> } | null>(null);
  const { paths, bounds } = useMemo(() => {
    const shapes = drawn.current && sameShapes(drawn.current.nodes, nodes) ? drawn.current.shapes : miniMapShapes(nodes);
    drawn.current = { nodes, shapes };
    return shapes;
  }, [nodes]);
  const vp = useStore(viewportOf, sameViewport);
  const view: Rect = { x: -vp.tx / vp.zoom, y: -vp.ty / vp.zoom, width: vp.width / vp.zoom, height: vp.height / vp.zoom };
  const all = bounds ? union(bounds, view) : view;
  // Keep the minimap's aspect ratio, with a margin around.
  const scale = Math.max(all.width / WIDTH, all.height / HEIGHT) || 1;
  const w = WIDTH * scale;
  const h = HEIGHT * scale;
  const margin = 5 * scale;
  const x = all.x - (w - all.width) / 2 - margin;
  const y = all.y - (h - all.height) / 2 - margin;
  const box = { x, y, width: w + 2 * margin, height: h + 2 * margin };

  const moveTo = useCallback(
    (e: PointerEvent<SVGSVGElement>) => {
      const m = svg.current?.getScreenCTM();
      if (!m) return;
      const p = new DOMPoint(e.clientX, e.clientY).matrixTransform(m.inverse());
      void flow.setCenter(p.x, p.y, { zoom: flow.getZoom() });
    },
    [flow],
  );
  const onWheel = useCallback((e: WheelEvent<SVGSVGElement>) => void flow.zoomTo(flow.getZoom() * (e.deltaY < 0 ? 1.2 : 1 / 1.2)), [flow]);

  return (
    <Panel position="bottom-right" className="react-flow__minimap light-minimap">
      <svg
        ref={svg}
        className="react-flow__minimap-svg"
        role="img"
        aria-label={ariaLabel}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`${box.x} ${box.y} ${box.width} ${box.height}`}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          moveTo(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) moveTo(e);
        }}
        onWheel={onWheel}
      >
        <MiniMapNodes paths={paths} />
        <path
          className="react-flow__minimap-mask"
          fillRule="evenodd"
          vectorEffect="non-scaling-stroke"
          d={`M${box.x} ${box.y}h${box.width}v${box.height}h${-box.width}z M${view.x} ${view.y}h${view.width}v${view.height}h${-view.width}z`}
        />
      </svg>
    </Panel>
  );
}

function union(a: Rect, b: Rect): Rect {
  const x = Math.min(a.x, b.x);
  const y = Math.min(a.y, b.y);
  return { x, y, width: Math.max(a.x + a.width, b.x + b.width) - x, height: Math.max(a.y + a.height, b.y + b.height) - y };
}
