export type Box = { x: number; y: number; width: number; height: number };

const MARGIN = 24;

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width + MARGIN && b.x < a.x + a.width + MARGIN && a.y < b.y + b.height + MARGIN && b.y < a.y + a.height + MARGIN;
}

/**
 * The free spot nearest to `wanted` (searched on rings of `step` around it) where a box of `size` overlaps none of
 * `taken`, so a resource added by keyboard never lands on top of another one.
 */
export function freeSpot(wanted: { x: number; y: number }, size: { width: number; height: number }, taken: readonly Box[], step = 40): { x: number; y: number } {
  const fits = (x: number, y: number) => !taken.some((b) => overlaps({ x, y, ...size }, b));
  if (fits(wanted.x, wanted.y)) return wanted;
  for (let ring = 1; ring <= 60; ring++) {
    let best: { x: number; y: number; d: number } | undefined;
    for (let i = -ring; i <= ring; i++)
      for (const [dx, dy] of [
        [i, -ring],
        [i, ring],
        [-ring, i],
        [ring, i],
      ] as const) {
        const x = wanted.x + dx * step;
        const y = wanted.y + dy * step;
        const d = dx * dx + dy * dy;
        if ((best === undefined || d < best.d) && fits(x, y)) best = { x, y, d };
      }
    if (best) return { x: best.x, y: best.y };
  }
  return wanted;
}
