import { useSyncExternalStore } from 'react';
import { setNodeProperties } from '../../../shared/commands/edit';
import type { Design } from '../../../shared/model/document';
import type { DesignNode } from '../../../shared/model/nodes';
import { NAME_FIELD } from './facts';

/*
 * Rename in place: which card is editing its name (at most one). F2 (the registry's "Rename") and a double-click
 * on a card's title start it; each card subscribes to "am I being renamed", so starting a rename re-renders that
 * card only.
 */

let renaming: string | null = null;
const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function set(id: string | null): void {
  if (renaming === id) return;
  renaming = id;
  for (const l of listeners) l();
}

export function startRename(nodeId: string): void {
  set(nodeId);
}

export function stopRename(nodeId: string): void {
  if (renaming === nodeId) set(null);
}

export function renamingNodeId(): string | null {
  return renaming;
}

export function useIsRenaming(nodeId: string): boolean {
  return useSyncExternalStore(subscribe, () => renaming === nodeId);
}

/** Whether a node can be renamed on its card (its kind has a name property). */
export function canRename(node: DesignNode): boolean {
  return NAME_FIELD[node.kind] !== undefined;
}

export type RenameResult = { ok: true; design: Design } | { ok: false; reason: string };

/**
 * The design with `nodeId` renamed to `name` (the name property of its kind), checked against the kind's schema.
 * An unchanged name gives back the same design.
 */
export function renameNode(design: Design, nodeId: string, name: string): RenameResult {
  const node = design.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: `no node "${nodeId}"` };
  const field = NAME_FIELD[node.kind];
  if (field === undefined) return { ok: false, reason: 'this kind of resource has no name of its own' };
  const props = node.properties as Record<string, unknown>;
  if (props[field] === name) return { ok: true, design };
  const r = setNodeProperties(design, nodeId, { ...props, [field]: name });
  if (r.ok) return r;
  // "/clusterName: must be 1–255 …" → the message alone: the field is the one being edited.
  return { ok: false, reason: r.reason.replace(/^\/[^:]*:\s*/, '') };
}

/**
 * Why the validator refuses a name: the first error it reports on the renamed node's name property (a family with
 * spaces, a duplicate service name…), or undefined when the name is fine.
 */
export function nameProblem(after: Design, nodeId: string, validate: (d: Design) => readonly { severity: string; nodeId?: string; path: string; message: string }[]): string | undefined {
  const node = after.nodes.find((n) => n.id === nodeId);
  const field = node ? NAME_FIELD[node.kind] : undefined;
  if (!node || field === undefined) return undefined;
  return validate(after).find((f) => f.severity === 'error' && f.nodeId === nodeId && f.path.endsWith(`/${field}`))?.message;
}

/** The one selected node, when it can be renamed in place (what the registry's Rename acts on). */
export function renamableSelection(design: Design | undefined, selectedIds: readonly string[]): DesignNode | undefined {
  if (!design || selectedIds.length !== 1) return undefined;
  const node = design.nodes.find((n) => n.id === selectedIds[0]);
  return node && canRename(node) ? node : undefined;
}
