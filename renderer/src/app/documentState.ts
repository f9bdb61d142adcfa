/**
 * The open document, as far as the shell knows it today: no document, a new untitled one, or a file with its
 * text. Parsing the text into the design model (shared/model) and drawing it on the canvas plugs in here.
 */
export type DocumentState =
  | { readonly kind: 'none' }
  | { readonly kind: 'untitled' }
  | { readonly kind: 'file'; readonly path: string; readonly text: string };

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
