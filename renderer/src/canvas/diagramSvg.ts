import { KIND_INFO, nodeTitle, type KindGroup } from '../../../shared/model/catalog';
import type { Design } from '../../../shared/model/document';
import { EDGE_KINDS } from '../../../shared/model/edges';
import type { DesignNode } from '../../../shared/model/nodes';
import { nodeFacts } from './facts';
import { clusterFrameSize, clusterMembership, memberOffset } from './clusters';
import { CONTAINER_SIZE, frameSize, isDrawnEdge } from './flowModel';

export type Size = { width: number; height: number };
type Theme = 'light' | 'dark';

const CARD: Size = { width: 232, height: 72 };
const PAD = 40;

const PALETTE: Record<Theme, { bg: string; card: string; frame: string; border: string; text: string; muted: string; faint: string; edge: string; groups: Record<KindGroup, string> }> = {
  light: {
    bg: '#fafbfc',
    card: '#ffffff',
    frame: '#fdf6ee',
    border: '#c4c9d1',
    text: '#1d2127',
    muted: '#5d6470',
    faint: '#8a919c',
    edge: '#9aa1ab',
    groups: { compute: '#d9822b', images: '#7a5af5', storage: '#2e9e6a', security: '#d0453a', networking: '#3b7bd9', scaling: '#c2418d', observability: '#2a9bb0' },
  },
  dark: {
    bg: '#17191c',
    card: '#22252a',
    frame: '#2a251f',
    border: '#474c56',
    text: '#e4e6ea',
    muted: '#a3a9b3',
    faint: '#767d88',
    edge: '#5d636d',
    groups: { compute: '#f0a050', images: '#a08cff', storage: '#5cc892', security: '#f07167', networking: '#6ea2f5', scaling: '#eb79bb', observability: '#5cc6d8' },
  },
};

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Cuts a text to fit about `width` pixels of 11–13 px type (an estimate: no font metrics outside the DOM). */
function fit(s: string, width: number, px: number): string {
  const max = Math.floor(width / (px * 0.56));
  return s.length <= max ? s : `${s.slice(0, Math.max(max - 1, 1))}…`;
}

/**
 * The design as a standalone SVG diagram (the "Export diagram" of the canvas): the same cards, frames (task
 * definitions around their containers, clusters around their services) and labelled connections, with literal colours so it renders anywhere. Pure: `sizes` are the card sizes the canvas measured
 * (defaults otherwise).
 */
export function diagramSvg(design: Design, opts: { sizes?: ReadonlyMap<string, Size>; theme?: Theme } = {}): string {
  const colors = PALETTE[opts.theme ?? 'light'];
  const byId = new Map(design.nodes.map((n) => [n.id, n]));
  const children = new Map<string, DesignNode[]>();
  for (const n of design.nodes) if (n.parentId !== undefined) children.set(n.parentId, [...(children.get(n.parentId) ?? []), n]);
  // Services are drawn inside their cluster, as on the canvas.
  const { members, clusterOf } = clusterMembership(design);
  const box = new Map<string, { x: number; y: number } & Size>();
  for (const n of design.nodes) {
    const parent = n.parentId === undefined ? undefined : byId.get(n.parentId);
    const cluster = clusterOf.get(n.id);
    const offset = cluster ? memberOffset(n, cluster) : undefined;
    const x = cluster && offset ? cluster.position.x + offset.x : n.position.x + (parent?.position.x ?? 0);
    const y = cluster && offset ? cluster.position.y + offset.y : n.position.y + (parent?.position.y ?? 0);
    const services = members.get(n.id);
    const size =
      n.kind === 'taskDefinition'
        ? frameSize(children.get(n.id) ?? [])
        : n.kind === 'container'
          ? CONTAINER_SIZE
          : services
            ? clusterFrameSize(services.map((m) => ({ offset: memberOffset(m, n), size: opts.sizes?.get(m.id) })))
            : (opts.sizes?.get(n.id) ?? CARD);
    box.set(n.id, { x, y, ...size });
  }
  const isFrame = (n: DesignNode) => n.kind === 'taskDefinition' || members.has(n.id);
  const all = [...box.values()];
  const minX = Math.min(0, ...all.map((b) => b.x)) - PAD;
  const minY = Math.min(0, ...all.map((b) => b.y)) - PAD;
  const maxX = Math.max(0, ...all.map((b) => b.x + b.width)) + PAD;
  const maxY = Math.max(0, ...all.map((b) => b.y + b.height)) + PAD;
  const width = Math.round(maxX - minX);
  const height = Math.round(maxY - minY);

  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${Math.round(minX)} ${Math.round(minY)} ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif">`);
  out.push(`<title>${esc(design.name)}</title>`);
  out.push(`<rect x="${Math.round(minX)}" y="${Math.round(minY)}" width="${width}" height="${height}" fill="${colors.bg}"/>`);

  // Parents first (frames under their containers and services), edges under the cards that are not frames.
  const inside = (n: DesignNode) => n.parentId !== undefined || clusterOf.has(n.id);
  const ordered = [...design.nodes.filter((n) => !inside(n)), ...design.nodes.filter(inside)];
  const card = (n: DesignNode) => {
    const b = box.get(n.id)!;
    const accent = colors.groups[KIND_INFO[n.kind].group];
    const frame = isFrame(n);
    out.push(`<g data-id="${esc(n.id)}">`);
    out.push(`<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="10" fill="${frame ? colors.frame : colors.card}" stroke="${colors.border}"/>`);
    out.push(`<rect x="${b.x}" y="${b.y + 6}" width="3" height="${b.height - 12}" rx="1.5" fill="${accent}"/>`);
    out.push(`<circle cx="${b.x + 22}" cy="${b.y + 24}" r="9" fill="${accent}" fill-opacity="0.18" stroke="${accent}"/>`);
    out.push(`<text x="${b.x + 38}" y="${b.y + 19}" font-size="10" font-weight="600" letter-spacing="0.3" fill="${colors.faint}">${esc(KIND_INFO[n.kind].label.toUpperCase())}</text>`);
    out.push(`<text x="${b.x + 38}" y="${b.y + 35}" font-size="13" font-weight="600" fill="${colors.text}">${esc(fit(nodeTitle(n), b.width - 48, 13))}</text>`);
    out.push(`<text x="${b.x + 12}" y="${b.y + 57}" font-size="11" fill="${colors.muted}">${esc(fit(nodeFacts(n), b.width - 20, 11))}</text>`);
    out.push('</g>');
  };
  for (const n of ordered.filter(isFrame)) card(n);
  for (const e of design.edges) {
    if (!isDrawnEdge(e.kind)) continue;
    const s = box.get(e.source);
    const t = box.get(e.target);
    if (!s || !t) continue;
    // Leave from the side facing the target: right → left, or left → right when the target lies to the left.
    const backwards = t.x + t.width < s.x;
    const x1 = backwards ? s.x : s.x + s.width;
    const y1 = s.y + s.height / 2;
    const x2 = backwards ? t.x + t.width : t.x;
    const y2 = t.y + t.height / 2;
    const dx = Math.max(Math.abs(x2 - x1) / 2, 40) * (backwards ? -1 : 1);
    out.push(`<path d="M${x1} ${y1} C${x1 + dx} ${y1} ${x2 - dx} ${y2} ${x2} ${y2}" fill="none" stroke="${colors.edge}" stroke-width="1.5"/>`);
    const label = EDGE_KINDS[e.kind].label;
    const mx = (x1 + x2) / 2;
    const my = (y1 + y2) / 2;
    const w = label.length * 6 + 8;
    out.push(`<rect x="${mx - w / 2}" y="${my - 8}" width="${w}" height="15" rx="3" fill="${colors.bg}"/>`);
    out.push(`<text x="${mx}" y="${my + 3}" font-size="10.5" text-anchor="middle" fill="${colors.muted}">${esc(label)}</text>`);
  }
  for (const n of ordered.filter((n) => !isFrame(n))) card(n);
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}

/** Renders an SVG text to a PNG blob (browser only), at `scale` for crisp output. */
export async function svgToPng(svg: string, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.ceil(img.width * scale);
    canvas.height = Math.ceil(img.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
