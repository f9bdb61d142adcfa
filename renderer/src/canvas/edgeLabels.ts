/** Label geometry: 2 × 4 px padding (radius 2) around 11px text (canvas.css), as React Flow's EdgeText draws it. */
const LABEL_FONT_SIZE = 11;
export const LABEL_PAD_X = 2;
export const LABEL_PAD_Y = 4;

type Size = { readonly width: number; readonly height: number };
const sizes = new Map<string, Size>();
let measure: CanvasRenderingContext2D | null | undefined;

/**
 * The size of a connection label's text box (what getBBox gives: advance width, font ascent + descent), measured
 * once per distinct text (labels come from the edge-kind table, so there are a few dozen) on an offscreen 2D
 * canvas in the page's font. Measuring each drawn label in the DOM (getBBox, as React Flow's EdgeText does) would
 * force a layout and a second render per connection whenever connections come into view.
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
