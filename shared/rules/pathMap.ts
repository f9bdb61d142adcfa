import type { DesignNode } from '../model/nodes';
import type { Graph } from './design/graph';
import type { Segment } from './types';

/** Where a finding lands in a design: a node or an edge, and a path under it. */
export type DesignLocation = { nodeId: string; edgeId?: string; path: Segment[] };

function firstTarget(graph: Graph, id: string, kind: string, filter?: (props: Record<string, unknown> | undefined) => boolean): DesignNode | undefined {
  return graph.targetOf(id, kind, filter as ((p: unknown) => boolean) | undefined);
}

function nameOrArn(node: DesignNode): Segment[] {
  const p = node.properties as { arn?: string };
  return ['properties', p.arn !== undefined ? 'arn' : node.kind === 'secret' ? 'name' : 'roleName'];
}

/**
 * Maps a path into the resolved RegisterTaskDefinition JSON of a task-definition node back to the design: the
 * k-th container node for `/containerDefinitions/k/…`, the role / secret / log group / EFS node a resolved value
 * came from, the task-definition node for the rest.
 */
export function mapTaskDefPath(graph: Graph, tdId: string, segs: readonly Segment[]): DesignLocation {
  const td = graph.node(tdId);
  const [head, ...tail] = segs;
  if (td === undefined || head === undefined) return { nodeId: tdId, path: [] };
  switch (head) {
    case 'taskRoleArn':
    case 'executionRoleArn': {
      const role = firstTarget(graph, tdId, head === 'taskRoleArn' ? 'task-role' : 'execution-role');
      return role ? { nodeId: role.id, path: nameOrArn(role) } : { nodeId: tdId, path: [] };
    }
    case 'containerDefinitions': {
      const k = tail[0];
      const cid = typeof k === 'number' ? graph.childIds(tdId)[k] : undefined;
      if (cid === undefined) return { nodeId: tdId, path: [] };
      return mapContainerPath(graph, cid, tail.slice(1));
    }
    case 'volumes': {
      const v = tail[0];
      const rest = tail.slice(1);
      const volumes = (td.properties as { volumes?: { name?: string }[] }).volumes;
      const name = typeof v === 'number' ? volumes?.[v]?.name : undefined;
      const byVolume = (p: Record<string, unknown> | undefined) => p?.['volume'] === name;
      if (name !== undefined && rest[0] === 'efsVolumeConfiguration') {
        if (rest[1] === 'fileSystemId') {
          const fs = firstTarget(graph, tdId, 'volume-efs', byVolume);
          if (fs) return { nodeId: fs.id, path: ['properties', 'fileSystemId'] };
        }
        if (rest[1] === 'authorizationConfig' && rest[2] === 'accessPointId') {
          const ap = firstTarget(graph, tdId, 'volume-access-point', byVolume);
          if (ap) return { nodeId: ap.id, path: ['properties', 'accessPointId'] };
        }
      }
      return { nodeId: tdId, path: ['properties', ...segs] };
    }
    default:
      return { nodeId: tdId, path: ['properties', ...segs] };
  }
}

function mapContainerPath(graph: Graph, cid: string, rest: Segment[]): DesignLocation {
  const c = graph.node(cid);
  const [head, ...tail] = rest;
  if (c === undefined || head === undefined) return { nodeId: cid, path: [] };
  const props = c.properties as { image?: string; logConfiguration?: unknown };
  switch (head) {
    case 'image': {
      if (props.image === undefined && firstTarget(graph, cid, 'container-image')) return { nodeId: cid, path: ['properties', 'imageTag'] };
      return { nodeId: cid, path: ['properties', 'image'] };
    }
    case 'secrets': {
      const j = tail[0];
      if (typeof j !== 'number') return { nodeId: cid, path: [] };
      let n = 0;
      for (const e of graph.outEdges(cid)) {
        if (e.kind !== 'container-secret') continue;
        if (n++ !== j) continue;
        if (tail[1] === 'valueFrom') {
          const secret = graph.node(e.target);
          if (secret) return { nodeId: secret.id, path: nameOrArn(secret) };
        }
        return { nodeId: cid, edgeId: e.id, path: ['properties', ...tail.slice(1)] };
      }
      return { nodeId: cid, path: [] };
    }
    case 'repositoryCredentials': {
      const image = firstTarget(graph, cid, 'container-image');
      const cred = image ? firstTarget(graph, image.id, 'image-credentials') : undefined;
      return cred ? { nodeId: cred.id, path: nameOrArn(cred) } : { nodeId: cid, path: [] };
    }
    case 'logConfiguration': {
      if (tail[0] === 'options' && tail[1] === 'awslogs-group') {
        const lg = firstTarget(graph, cid, 'container-log-group');
        if (lg) return { nodeId: lg.id, path: ['properties', 'logGroupName'] };
      }
      return { nodeId: cid, path: ['properties', ...rest] };
    }
    default:
      return { nodeId: cid, path: ['properties', ...rest] };
  }
}

/**
 * The longest prefix of `path` that exists in `root`, plus the first missing member when its parent is an object:
 * a finding then points at something that exists, or names a missing member of an existing parent.
 */
export function trimPath(root: unknown, path: readonly Segment[]): Segment[] {
  const out: Segment[] = [];
  let cur: unknown = root;
  for (const seg of path) {
    if (Array.isArray(cur)) {
      const i = typeof seg === 'number' ? seg : /^(0|[1-9]\d*)$/.test(seg) ? Number(seg) : -1;
      if (i < 0 || i >= cur.length) return out;
      out.push(i);
      cur = cur[i];
    } else if (typeof cur === 'object' && cur !== null) {
      const key = String(seg);
      out.push(key);
      if (!Object.prototype.hasOwnProperty.call(cur, key)) return out;
      cur = (cur as Record<string, unknown>)[key];
    } else {
      return out;
    }
  }
  return out;
}
