import { memo, type ReactNode } from 'react';
import type { KindGroup } from '../../../shared/model/catalog';
import type { NodeKind } from '../../../shared/model/nodes';

/** Colour family of each palette group (CSS variables in canvas.css follow the theme). */
export const GROUP_COLOR: Record<KindGroup, string> = {
  compute: 'var(--kind-compute)',
  images: 'var(--kind-images)',
  storage: 'var(--kind-storage)',
  security: 'var(--kind-security)',
  networking: 'var(--kind-networking)',
  scaling: 'var(--kind-scaling)',
  observability: 'var(--kind-observability)',
};

/* Inline SVG paths on a 24×24 grid, stroked with currentColor: no icon font, nothing fetched. */
const PATHS: Record<NodeKind, ReactNode> = {
  cluster: (
    <>
      <rect x="3" y="3" width="7" height="7" rx="1.5" />
      <rect x="14" y="3" width="7" height="7" rx="1.5" />
      <rect x="3" y="14" width="7" height="7" rx="1.5" />
      <rect x="14" y="14" width="7" height="7" rx="1.5" />
    </>
  ),
  service: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M8 12h8M13 9l3 3-3 3" />
    </>
  ),
  taskDefinition: (
    <>
      <path d="M6 3h9l4 4v14H6z" />
      <path d="M15 3v4h4M9 12h7M9 16h7" />
    </>
  ),
  container: (
    <>
      <path d="M12 3l8 4.5v9L12 21l-8-4.5v-9z" />
      <path d="M4 7.5l8 4.5 8-4.5M12 12v9" />
    </>
  ),
  fargateCapacityProvider: (
    <>
      <path d="M13 3L5 14h6l-1 7 8-11h-6z" />
    </>
  ),
  asgCapacityProvider: (
    <>
      <rect x="4" y="4" width="16" height="6" rx="1.5" />
      <rect x="4" y="14" width="16" height="6" rx="1.5" />
      <path d="M7.5 7h.01M7.5 17h.01" />
    </>
  ),
  taskRole: (
    <>
      <circle cx="12" cy="8" r="3.5" />
      <path d="M5 20c1-4 4-6 7-6s6 2 7 6" />
    </>
  ),
  executionRole: (
    <>
      <circle cx="10" cy="8" r="3.5" />
      <path d="M3.5 20c1-4 3.5-6 6.5-6 1.5 0 3 .5 4 1.3M16 15l4 2.5-4 2.5z" />
    </>
  ),
  instanceRole: (
    <>
      <rect x="3.5" y="13" width="17" height="7" rx="1.5" />
      <circle cx="12" cy="6.5" r="3" />
    </>
  ),
  ecrRepository: (
    <>
      <rect x="3" y="4" width="18" height="16" rx="2" />
      <path d="M7 9h10M7 13h10M7 17h6" />
    </>
  ),
  externalImage: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M3.5 12h17M12 3.5c3 3 3 14 0 17M12 3.5c-3 3-3 14 0 17" />
    </>
  ),
  efsFileSystem: (
    <>
      <path d="M3 7h7l2 2h9v10H3z" />
      <path d="M7 14h10" />
    </>
  ),
  efsAccessPoint: (
    <>
      <path d="M3 7h7l2 2h9v10H3z" />
      <circle cx="12" cy="14" r="2" />
    </>
  ),
  s3Bucket: (
    <>
      <ellipse cx="12" cy="6" rx="8" ry="2.5" />
      <path d="M4 6l2 13c.3 1.5 3 2.5 6 2.5s5.7-1 6-2.5L20 6" />
    </>
  ),
  secret: (
    <>
      <rect x="5" y="10" width="14" height="10" rx="2" />
      <path d="M8 10V7a4 4 0 018 0v3M12 14v2" />
    </>
  ),
  logGroup: (
    <>
      <path d="M5 4h14v16H5z" />
      <path d="M8 8h8M8 12h8M8 16h5" />
    </>
  ),
  vpc: (
    <>
      <path d="M7 18a4 4 0 01-.5-8 6 6 0 0111.5 1.5A3.5 3.5 0 0117 18z" />
    </>
  ),
  subnet: (
    <>
      <rect x="3.5" y="3.5" width="17" height="17" rx="2" strokeDasharray="3 2" />
      <rect x="8" y="8" width="8" height="8" rx="1" />
    </>
  ),
  securityGroup: (
    <>
      <path d="M12 3l7 3v5c0 5-3 8.5-7 10-4-1.5-7-5-7-10V6z" />
    </>
  ),
  loadBalancer: (
    <>
      <circle cx="5.5" cy="12" r="2.5" />
      <path d="M8 12h3M11 12l7-6M11 12l7 6M11 12h7" />
    </>
  ),
  listener: (
    <>
      <path d="M5 12a7 7 0 0114 0M8 12a4 4 0 018 0" />
      <circle cx="12" cy="15" r="1.8" />
    </>
  ),
  targetGroup: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <circle cx="12" cy="12" r="4.5" />
      <circle cx="12" cy="12" r="1" />
    </>
  ),
  scalableTarget: (
    <>
      <path d="M4 20V4M4 20h16M8 16l4-4 3 3 5-6" />
    </>
  ),
  targetTrackingPolicy: (
    <>
      <path d="M3 12h4l3-6 4 12 3-6h4" />
    </>
  ),
  stepScalingPolicy: (
    <>
      <path d="M4 20h4v-4h4v-4h4V8h4V4" />
    </>
  ),
  scheduledAction: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7v5l3 2" />
    </>
  ),
};

/** The icon of a node kind, in its group colour. Decorative: the card or button names the kind in text. */
export const KindIcon = memo(function KindIcon({ kind, size = 18 }: { readonly kind: NodeKind; readonly size?: number }): ReactNode {
  return (
    <svg className="kind-icon" viewBox="0 0 24 24" width={size} height={size} aria-hidden="true" focusable="false">
      {PATHS[kind]}
    </svg>
  );
});
