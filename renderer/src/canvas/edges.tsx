import { BaseEdge, getSmoothStepPath, Position, type EdgeProps, type EdgeTypes } from '@xyflow/react';
import { memo, type ReactNode } from 'react';

/** Label geometry: React Flow's EdgeText defaults (2 × 4 px padding, radius 2) around 11px text (canvas.css). */
const LABEL_FONT_SIZE = 11;
const LABEL_PAD_X = 2;
const LABEL_PAD_Y = 4;

type Size = { readonly width: number; readonly height: number };
const sizes = new Map<string, Size>();
let measure: CanvasRenderingContext2D | null | undefined;

/**
 * The size of a connection label's text box (what getBBox gives: advance width, font ascent + descent), measured
 * once per distinct text (labels come from the edge-kind table, so there are a few dozen) on an offscreen 2D
 * canvas in the page's font. React Flow's EdgeText measures every mounted label with getBBox once it is in the
 * DOM and renders it a second time with the size: with hundreds of connections on screen that was a forced
 * layout and a second render per connection on every first render, and again for each connection that comes
 * into view while panning.
 */
export function labelSize(text: string): Size {
  const known = sizes.get(text);
  if (known !== undefined) return known;
  if (measure === undefined) {
    measure = typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
    if (measure) measure.font = `${LABEL_FONT_SIZE}px ${getComputedStyle(document.body).fontFamily}`;
  }
  const m = measure?.measureText(text);
  // Without a 2D canvas (never in the app): the average advance and line box of an 11px sans-serif font.
  const size = m ? { width: m.width, height: m.fontBoundingBoxAscent + m.fontBoundingBoxDescent } : { width: text.length * LABEL_FONT_SIZE * 0.55, height: LABEL_FONT_SIZE * 1.16 };
  sizes.set(text, size);
  return size;
}

/**
 * A connection: React Flow's smooth-step path and its wide invisible hit path (BaseEdge), with the label drawn
 * like EdgeText draws it (a background the colour of the canvas behind the text, centred on the path's middle)
 * but sized without measuring the DOM.
 */
const DesignEdge = memo(function DesignEdge({
  id,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition = Position.Right,
  targetPosition = Position.Left,
  label,
  style,
  markerEnd,
  markerStart,
  interactionWidth,
}: EdgeProps): ReactNode {
  const [path, labelX, labelY] = getSmoothStepPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
  const text = typeof label === 'string' || typeof label === 'number' ? String(label) : '';
  const { width, height } = text === '' ? { width: 0, height: 0 } : labelSize(text);
  return (
    <>
      <BaseEdge id={id} path={path} style={style} markerEnd={markerEnd} markerStart={markerStart} interactionWidth={interactionWidth} />
      {text !== '' && (
        <g className="react-flow__edge-textwrapper" transform={`translate(${labelX - width / 2} ${labelY - height / 2})`}>
          <rect className="react-flow__edge-textbg" x={-LABEL_PAD_X} y={-LABEL_PAD_Y} width={width + 2 * LABEL_PAD_X} height={height + 2 * LABEL_PAD_Y} rx={2} ry={2} />
          <text className="react-flow__edge-text" y={height / 2} dy="0.3em">
            {text}
          </text>
        </g>
      )}
    </>
  );
});

/** The canvas's edge types, at module scope so React Flow never remounts the connections. */
export const EDGE_TYPES: EdgeTypes = { design: DesignEdge };
