import { useContext, useEffect, type ReactNode } from 'react';
import { FindingsContext } from '../canvas/findings';
import { ProblemsPanel } from '../problems/ProblemsPanel';
import { CostPanel } from '../cost/CostPanel';
import { Inspector } from './Inspector';

/**
 * The main area: the canvas (children) with the inspector on the right and the Problems panel below. Also keeps
 * the findings store following the design, so the panels, the status bar and the canvas badges share one
 * validation.
 */
export function Workbench({ children }: { readonly children: ReactNode }): ReactNode {
  const findings = useContext(FindingsContext);
  useEffect(() => findings.start(), [findings]);
  return (
    <div className="workbench">
      <div className="workbench-center">
        <div className="workbench-canvas">{children}</div>
        <ProblemsPanel />
        <CostPanel />
      </div>
      <Inspector />
    </div>
  );
}
