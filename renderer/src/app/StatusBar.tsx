import { useViewport } from '@xyflow/react';
import type { ReactNode } from 'react';
import type { AppInfo } from '../../../shared/ipc/contract';
import type { DocumentState } from './documentState';
import { StatusCounts } from '../problems/ProblemsPanel';
import { CostStatus } from '../cost/CostBits';
import './statusbar.css';

export interface Notice {
  readonly tone: 'info' | 'error';
  readonly text: string;
}

interface StatusBarProps {
  readonly doc: DocumentState;
  readonly notice: Notice | null;
  readonly resourceCount: number;
  readonly info: AppInfo | null;
  readonly bridgeAvailable: boolean;
}

export function StatusBar({ doc, notice, resourceCount, info, bridgeAvailable }: StatusBarProps): ReactNode {
  const { zoom } = useViewport();
  const location =
    doc.kind === 'file' ? doc.path : doc.kind === 'untitled' ? 'Untitled design (not saved)' : 'No design open';
  return (
    <footer className="statusbar" aria-label="Status bar">
      <span className="statusbar-item statusbar-path" title={location} data-testid="status-document">
        {location}
      </span>
      <span
        className={`statusbar-item statusbar-notice ${notice?.tone === 'error' ? 'is-error' : ''}`}
        role={notice?.tone === 'error' ? 'alert' : 'status'}
        aria-live="polite"
      >
        {notice?.text ?? ''}
      </span>
      <span className="statusbar-spacer" />
      {!bridgeAvailable && <span className="statusbar-item is-error">Desktop bridge unavailable</span>}
      <CostStatus />
      <StatusCounts />
      <span className="statusbar-item">
        {resourceCount} {resourceCount === 1 ? 'resource' : 'resources'}
      </span>
      <span className="statusbar-item" aria-label="Zoom level">
        {Math.round(zoom * 100)}%
      </span>
      {info && (
        <span className="statusbar-item statusbar-version" data-testid="status-version">
          {info.name} {info.version}
        </span>
      )}
    </footer>
  );
}
