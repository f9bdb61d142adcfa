import { Fragment, type ReactNode } from 'react';
import type { PlanStepView } from '../../../shared/ipc/deploy';
import { diffLines, isStructured, jsonLines, withContext } from './jsonDiff';

const ACTION_LABEL: Record<PlanStepView['action'], string> = {
  create: 'create',
  update: 'update',
  replace: 'replace',
  delete: 'delete',
  'no-change': 'no change',
  conflict: 'conflict',
  unsupported: 'unsupported',
};

function show(value: unknown): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

/** One property change: scalars as "before → after", objects and arrays (container definitions…) as a JSON line diff. */
function Change({ change }: { change: PlanStepView['changes'][number] }): ReactNode {
  const path = change.path.replace(/^\//, '') || '(whole resource)';
  if (!isStructured(change.before) && !isStructured(change.after)) {
    return (
      <li className="deploy-change">
        <code className="deploy-change-path">{path}</code> <span className="diff-removed-text">{show(change.before)}</span> →{' '}
        <span className="diff-added-text">{show(change.after)}</span>
      </li>
    );
  }
  const lines = withContext(diffLines(jsonLines(change.before), jsonLines(change.after)), 2);
  return (
    <li className="deploy-change">
      <code className="deploy-change-path">{path}</code>
      <pre className="deploy-json-diff" aria-label={`JSON diff of ${path}`}>
        {lines.map((l, i) =>
          l.kind === 'skip' ? (
            <span key={i} className="diff-skip">
              {`  … ${l.count} unchanged line${l.count === 1 ? '' : 's'}\n`}
            </span>
          ) : (
            <span key={i} className={`diff-${l.kind}`}>
              {`${l.kind === 'added' ? '+ ' : l.kind === 'removed' ? '- ' : '  '}${l.text}\n`}
            </span>
          ),
        )}
      </pre>
    </li>
  );
}

/** The plan: one row per resource that changes, its property diffs below it; unchanged resources counted. */
export function PlanView({ steps, nothingToDo, nodeName }: { steps: readonly PlanStepView[]; nothingToDo: boolean; nodeName: (id: string) => string | undefined }): ReactNode {
  const changing = steps.filter((s) => s.action !== 'no-change');
  const unchanged = steps.length - changing.length;
  const count = (a: PlanStepView['action']) => steps.filter((s) => s.action === a).length;
  return (
    <div className="deploy-plan" data-testid="deploy-plan">
      {nothingToDo ? (
        <p className="deploy-nothing" role="status">
          Nothing to do: all {unchanged} resource{unchanged === 1 ? '' : 's'} match the design.
        </p>
      ) : (
        <p className="deploy-summary" role="status">
          {count('create')} to create, {count('update')} to update, {count('replace')} to replace, {count('delete')} to delete, {unchanged} unchanged
          {count('conflict') > 0 ? `, ${count('conflict')} conflict${count('conflict') === 1 ? '' : 's'}` : ''}
          {count('unsupported') > 0 ? `, ${count('unsupported')} not deployable yet` : ''}
        </p>
      )}
      {changing.length > 0 && (
        <ul className="deploy-steps" aria-label="Planned changes">
          {changing.map((s) => {
            const node = s.nodeId !== undefined ? nodeName(s.nodeId) : undefined;
            return (
              <li key={`${s.action}:${s.logicalId}:${s.name}`} className={`deploy-step action-${s.action}`} data-action={s.action}>
                <div className="deploy-step-head">
                  <span className={`deploy-badge action-${s.action}`}>{ACTION_LABEL[s.action]}</span>
                  <strong>{s.logicalId}</strong>
                  <span className="deploy-step-type">{s.type}</span>
                  <span className="deploy-step-name" title={s.name}>
                    {s.name}
                  </span>
                  {node && <span className="deploy-step-node">node “{node}”</span>}
                </div>
                {s.reason && <div className="deploy-step-reason">{s.reason}</div>}
                {s.changes.length > 0 && (
                  <ul className="deploy-changes">
                    {s.changes.map((c, i) => (
                      <Fragment key={i}>
                        <Change change={c} />
                      </Fragment>
                    ))}
                  </ul>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
