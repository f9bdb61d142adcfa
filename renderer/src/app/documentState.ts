import type { StoreState } from '../store/designStore';

/** What the window shows as "the document": nothing, a new unsaved design, or a design file. */
export type DocumentState =
  | { readonly kind: 'none' }
  | { readonly kind: 'untitled'; readonly dirty: boolean }
  | { readonly kind: 'file'; readonly path: string; readonly dirty: boolean };

export function documentStateOf(state: StoreState): DocumentState {
  const doc = state.doc;
  if (!doc) return { kind: 'none' };
  const dirty = doc.history.design !== doc.savedDesign;
  return doc.path === undefined ? { kind: 'untitled', dirty } : { kind: 'file', path: doc.path, dirty };
}

/** The last segment of a POSIX or Windows path. */
export function fileName(filePath: string): string {
  const parts = filePath.split(/[\\/]/);
  return parts[parts.length - 1] || filePath;
}

/** Everything before the last segment of a path (its folder). */
export function folderName(filePath: string): string {
  const index = Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\'));
  return index <= 0 ? filePath.slice(0, index + 1) : filePath.slice(0, index);
}

/** A file name without the design suffix, as a default for Save As. */
export function designBaseName(filePath: string): string {
  return fileName(filePath).replace(/\.ecsd\.json$|\.json$/i, '');
}

export function documentName(doc: DocumentState): string | null {
  switch (doc.kind) {
    case 'none':
      return null;
    case 'untitled':
      return 'Untitled';
    case 'file':
      return fileName(doc.path);
  }
}
