/**
 * The text of a large rendering (a 1,000-service template is ~10 MB in ~2 million pieces), collected as pieces
 * and joined a few thousand at a time. Joining every piece at once is several times slower in V8 than joining
 * chunks and then the chunks, and a string built per line is garbage right after the join.
 */
const CHUNK_PIECES = 4096;

export class TextChunks {
  /** Pieces since the last chunk: the renderer pushes its text here (and may rewrite a piece until it flushes). */
  readonly pieces: string[] = [];
  private readonly chunks: string[] = [];

  /** Joins the pieces so far into a chunk once there are enough of them. Call where no earlier piece is rewritten any more. */
  flush(): void {
    if (this.pieces.length >= CHUNK_PIECES) this.cut();
  }

  /** The whole text. */
  text(): string {
    this.cut();
    return this.chunks.length === 1 ? this.chunks[0]! : this.chunks.join('');
  }

  private cut(): void {
    this.chunks.push(this.pieces.join(''));
    this.pieces.length = 0;
  }
}

/**
 * Texts a renderer makes once per rendering, by two keys: line starts by indentation (or depth) and by key, which
 * repeat throughout a large template. `get` answers undefined for one not made yet; `set` keeps it and returns it.
 */
export class TextMemo<A> {
  private readonly byFirst = new Map<A, Map<string, string>>();

  get(a: A, b: string): string | undefined {
    return this.byFirst.get(a)?.get(b);
  }

  set(a: A, b: string, text: string): string {
    let byB = this.byFirst.get(a);
    if (byB === undefined) {
      byB = new Map();
      this.byFirst.set(a, byB);
    }
    byB.set(b, text);
    return text;
  }
}

/**
 * `before + key + after`, made the first time `key` is asked for and kept in `texts` (a renderer's per-rendering
 * table of line pieces that repeat on thousands of lines): one map lookup once made.
 */
export function textOnce(texts: Map<string, string>, key: string, before: string, after: string): string {
  let text = texts.get(key);
  if (text === undefined) {
    text = before + key + after;
    texts.set(key, text);
  }
  return text;
}
