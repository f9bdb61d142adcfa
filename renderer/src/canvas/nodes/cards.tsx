import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { KIND_INFO, nodeTitle } from '../../../../shared/model/catalog';
import type { DesignNode } from '../../../../shared/model/nodes';
import { validateDesign } from '../../../../shared/rules/index';
import { currentDesign, designStore } from '../../store/designStore';
import { nodeFacts } from '../facts';
import { useNodeFindings } from '../findings';
import { KindIcon } from '../icons';
import { NodeCostLine } from '../../cost/CostBits';
import { canRename, nameProblem, renameNode, startRename, stopRename, useIsRenaming } from '../rename';

/** What a flow node carries: the design node itself (the card derives everything else from it). */
export type DesignNodeData = { node: DesignNode };
export type DesignFlowNode = Node<DesignNodeData>;

type CardProps = NodeProps<DesignFlowNode>;

/** Error / warning counts of the validator for one node (hidden when zero). */
export const FindingBadges = memo(function FindingBadges({ nodeId }: { readonly nodeId: string }): ReactNode {
  const { errors, warnings } = useNodeFindings(nodeId);
  if (errors === 0 && warnings === 0) return null;
  return (
    <span className="node-badges">
      {errors > 0 && (
        <span className="node-badge is-error" role="img" aria-label={`${errors} ${errors === 1 ? 'error' : 'errors'}`} title={`${errors} ${errors === 1 ? 'error' : 'errors'}`}>
          {errors}
        </span>
      )}
      {warnings > 0 && (
        <span className="node-badge is-warning" role="img" aria-label={`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`} title={`${warnings} ${warnings === 1 ? 'warning' : 'warnings'}`}>
          {warnings}
        </span>
      )}
    </span>
  );
});

/** The node's name; double-click on it (or F2, the registry's Rename, on the selected node) renames it in place. */
function NodeTitle({ node }: { readonly node: DesignNode }): ReactNode {
  const title = nodeTitle(node);
  const editing = useIsRenaming(node.id);
  const renamable = canRename(node);
  if (editing && renamable) return <TitleEditor node={node} title={title} />;
  return (
    <div
      className="node-title"
      title={renamable ? `${title} — double-click or F2 to rename` : title}
      onDoubleClick={
        renamable
          ? (e) => {
              e.stopPropagation();
              startRename(node.id);
            }
          : undefined
      }
    >
      {title}
    </div>
  );
}

/**
 * The name being edited: Enter commits it as one undoable edit, Escape cancels; a name the schema or the validator
 * refuses keeps the editor open with the reason under it. Leaving the field commits a valid name, else cancels.
 */
function TitleEditor({ node, title }: { readonly node: DesignNode; readonly title: string }): ReactNode {
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  const errorId = `rename-error-${node.id}`;

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  /** Renames; the reason when the name is refused (nothing is changed then). */
  const commit = useCallback(
    (value: string): string | undefined => {
      const d = currentDesign(designStore.getState());
      if (!d) return undefined;
      const r = renameNode(d, node.id, value);
      if (!r.ok) return r.reason;
      if (r.design === d) return undefined;
      const reason = nameProblem(r.design, node.id, validateDesign);
      if (reason !== undefined) return reason;
      designStore.edit({ kind: 'record', label: `Rename to ${value}` }, (current) => {
        const again = renameNode(current, node.id, value);
        return again.ok ? again.design : current;
      });
      return undefined;
    },
    [node.id],
  );

  return (
    <div className="node-title-editor">
      <input
        ref={input}
        className="node-title-input nodrag nokey nopan"
        aria-label={`Name of ${KIND_INFO[node.kind].label.toLowerCase()}`}
        aria-invalid={problem !== undefined}
        aria-describedby={problem === undefined ? undefined : errorId}
        defaultValue={title}
        spellCheck={false}
        onChange={() => setProblem(undefined)}
        onBlur={(e) => {
          // Enter and Escape have finished already; otherwise leaving keeps a valid name and drops a refused one.
          if (!finished.current) commit(e.currentTarget.value);
          finished.current = true;
          stopRename(node.id);
        }}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          e.stopPropagation();
          if (e.key === 'Enter') {
            e.preventDefault();
            const reason = commit(e.currentTarget.value);
            if (reason === undefined) {
              finished.current = true;
              stopRename(node.id);
            } else setProblem(reason);
          } else if (e.key === 'Escape') {
            e.preventDefault();
            finished.current = true;
            stopRename(node.id);
          }
        }}
      />
      {problem !== undefined && (
        <div id={errorId} className="node-title-error" role="alert">
          {problem}
        </div>
      )}
    </div>
  );
}

function CardHeader({ node }: { readonly node: DesignNode }): ReactNode {
  return (
    <div className="node-header">
      <span className="node-icon">
        <KindIcon kind={node.kind} />
      </span>
      <div className="node-heading">
        <div className="node-kind">{KIND_INFO[node.kind].label}</div>
        <NodeTitle node={node} />
      </div>
      <FindingBadges nodeId={node.id} />
    </div>
  );
}

function Handles(): ReactNode {
  return (
    <>
      <Handle type="target" position={Position.Left} className="node-handle" />
      <Handle type="source" position={Position.Right} className="node-handle" />
    </>
  );
}

/** Every kind without a family of its own: icon, kind, name, facts, badges. */
const ResourceCard = memo(function ResourceCard({ data, selected }: CardProps): ReactNode {
  const { node } = data;
  return (
    <div className={`node-card group-${KIND_INFO[node.kind].group}${selected ? ' is-selected' : ''}`}>
      <Handles />
      <CardHeader node={node} />
      <div className="node-facts">{nodeFacts(node)}</div>
      <NodeCostLine nodeId={node.id} />
    </div>
  );
});

/** A task definition: a frame whose containers are drawn inside it (React Flow sub-flow). */
const TaskDefinitionCard = memo(function TaskDefinitionCard({ data, selected }: CardProps): ReactNode {
  const { node } = data;
  return (
    <div className={`node-card node-frame group-compute${selected ? ' is-selected' : ''}`}>
      <Handles />
      <CardHeader node={node} />
      <div className="node-facts">{nodeFacts(node)}</div>
    </div>
  );
});

/** A cluster with services: a frame whose services are drawn inside it (a cluster without services is a plain card). */
const ClusterCard = memo(function ClusterCard({ data, selected }: CardProps): ReactNode {
  const { node } = data;
  return (
    <div className={`node-card node-frame node-cluster group-compute${selected ? ' is-selected' : ''}`}>
      <Handles />
      <CardHeader node={node} />
      <div className="node-facts">{nodeFacts(node)}</div>
    </div>
  );
});

/** A container inside its task definition, connectable on its own (image, logs, secrets). */
const ContainerCard = memo(function ContainerCard({ data, selected }: CardProps): ReactNode {
  const { node } = data;
  return (
    <div className={`node-card node-container group-compute${selected ? ' is-selected' : ''}`}>
      <Handles />
      <CardHeader node={node} />
      <div className="node-facts">{nodeFacts(node)}</div>
    </div>
  );
});

/** One memoized component per node-kind family, at module scope so React Flow never remounts the cards. */
export const NODE_TYPES: NodeTypes = {
  resource: ResourceCard,
  taskDefinition: TaskDefinitionCard,
  cluster: ClusterCard,
  container: ContainerCard,
};

export function nodeTypeOf(node: DesignNode): keyof typeof NODE_TYPES {
  return node.kind === 'taskDefinition' ? 'taskDefinition' : node.kind === 'container' ? 'container' : 'resource';
}
