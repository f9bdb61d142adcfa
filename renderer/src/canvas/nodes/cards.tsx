import { Handle, Position, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { memo, useCallback, useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { setNodeProperties } from '../../../../shared/commands/edit';
import { KIND_INFO, nodeTitle } from '../../../../shared/model/catalog';
import type { DesignNode } from '../../../../shared/model/nodes';
import { designStore } from '../../store/designStore';
import { useCanvasActions } from '../canvasContext';
import { NAME_FIELD, nodeFacts } from '../facts';
import { useNodeFindings } from '../findings';
import { KindIcon } from '../icons';

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

/** The node's name; double-click (or F2 on the selected node) to rename it in place. */
function NodeTitle({ node }: { readonly node: DesignNode }): ReactNode {
  const field = NAME_FIELD[node.kind];
  const title = nodeTitle(node);
  const [editing, setEditing] = useState(false);
  const { notify } = useCanvasActions();
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (editing) input.current?.select();
  }, [editing]);

  const commit = useCallback(
    (value: string) => {
      setEditing(false);
      if (field === undefined || value === title) return;
      let reason: string | undefined;
      designStore.edit({ kind: 'record', label: 'Rename' }, (d) => {
        const current = d.nodes.find((n) => n.id === node.id);
        if (!current) return d;
        const r = setNodeProperties(d, node.id, { ...current.properties, [field]: value });
        if (r.ok) return r.design;
        reason = r.reason;
        return d;
      });
      if (reason !== undefined) notify(`Cannot rename to "${value}": ${reason}`, 'error');
    },
    [field, title, node.id, notify],
  );

  if (editing && field !== undefined) {
    return (
      <input
        ref={input}
        className="node-title-input nodrag nokey nopan"
        aria-label={`Name of ${KIND_INFO[node.kind].label.toLowerCase()}`}
        defaultValue={title}
        onBlur={(e) => commit(e.currentTarget.value)}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          e.stopPropagation();
          if (e.key === 'Enter') commit(e.currentTarget.value);
          else if (e.key === 'Escape') setEditing(false);
        }}
      />
    );
  }
  return (
    <div
      className="node-title"
      title={field === undefined ? title : `${title} — double-click to rename`}
      onDoubleClick={field === undefined ? undefined : (e) => {
        e.stopPropagation();
        setEditing(true);
      }}
    >
      {title}
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
  container: ContainerCard,
};

export function nodeTypeOf(node: DesignNode): keyof typeof NODE_TYPES {
  return node.kind === 'taskDefinition' ? 'taskDefinition' : node.kind === 'container' ? 'container' : 'resource';
}
