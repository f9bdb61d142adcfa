import { serializeDesign } from '../../../../shared/model/document';
import type { ChannelRequest } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/ipc/result';
import { isDirty, type DesignStore } from '../../store/designStore';

/**
 * Hot exit: while the document has unsaved changes, its serialized design is sent to main (`backup:write`),
 * debounced; when it becomes clean (saved), is closed or replaced, its backup is discarded (`backup:discard`).
 *
 * One backup per document: a design file's key is derived from its path (so reopening the same file reuses it),
 * an untitled design has a random key for this window's lifetime. Operations run strictly one after the other, so
 * a discard never overtakes a write still in flight (which would leave a stale backup behind).
 */

export const BACKUP_DEBOUNCE_MS = 1000;
/** Continuous editing (a long drag) still gets a backup at least this often. */
export const BACKUP_MAX_WAIT_MS = 5000;

export interface BackupTransport {
  write(request: ChannelRequest<'backup:write'>): Promise<Result<unknown>>;
  discard(request: ChannelRequest<'backup:discard'>): Promise<Result<unknown>>;
}

/** FNV-1a, 64 bit, as hex: a short, stable, file-name-safe key for a path (not a security measure). */
export function hashPath(text: string): string {
  let hash = 0xcbf29ce484222325n;
  const prime = 0x100000001b3n;
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * prime) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

export function backupKeyForPath(filePath: string): string {
  return `file-${hashPath(filePath)}`;
}

function randomUntitledKey(): string {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  return `untitled-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export class BackupWriter {
  private untitledKey = randomUntitledKey();
  /** The key whose backup is on disk, or about to be. */
  private current: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private firstPendingAt: number | undefined;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly store: DesignStore,
    private readonly transport: BackupTransport,
    private readonly onError: (message: string) => void = () => undefined,
  ) {}

  /** Starts watching the store; returns the function that stops it. */
  start(): () => void {
    const unsubscribe = this.store.subscribe(() => this.update());
    this.update();
    return () => {
      unsubscribe();
      this.cancelTimer();
    };
  }

  /** The key the current document's backup is written under. */
  keyFor(path: string | undefined): string {
    return path === undefined ? this.untitledKey : backupKeyForPath(path);
  }

  /**
   * A restored backup becomes the current document's backup: an untitled one keeps its key; a file's backup under
   * an unexpected key is discarded (the document is backed up again under its own key within a second).
   */
  adopt(key: string, path: string | undefined): void {
    if (path === undefined) {
      this.untitledKey = key;
      this.current = key;
    } else if (key !== backupKeyForPath(path)) {
      this.enqueue(() => this.transport.discard({ key }));
    } else {
      this.current = key;
    }
  }

  /** Discards the current backup now (Don't Save before the window closes) and waits for it. */
  async discardNow(): Promise<void> {
    this.cancelTimer();
    const key = this.current;
    this.current = null;
    if (key !== null) await this.enqueue(() => this.transport.discard({ key }));
    else await this.queue;
  }

  /** Writes a pending backup at once (tests, and before the window closes). */
  async flush(): Promise<void> {
    if (this.timer !== undefined) {
      this.cancelTimer();
      this.write();
    }
    await this.queue;
  }

  private update(): void {
    const state = this.store.getState();
    const doc = state.doc;
    const dirty = isDirty(state);
    const key = doc && dirty ? this.keyFor(doc.path) : null;
    if (this.current !== null && this.current !== key) {
      const stale = this.current;
      this.current = null;
      this.cancelTimer();
      this.enqueue(() => this.transport.discard({ key: stale }));
    }
    if (key === null) {
      this.cancelTimer();
      return;
    }
    this.current = key;
    const now = Date.now();
    this.firstPendingAt ??= now;
    const wait = Math.max(0, Math.min(BACKUP_DEBOUNCE_MS, this.firstPendingAt + BACKUP_MAX_WAIT_MS - now));
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.write();
    }, wait);
  }

  private write(): void {
    this.firstPendingAt = undefined;
    const state = this.store.getState();
    const doc = state.doc;
    if (!doc || !isDirty(state) || this.current === null) return;
    const key = this.current;
    const text = serializeDesign(doc.history.design);
    const path = doc.path;
    this.enqueue(() => this.transport.write(path === undefined ? { key, text } : { key, path, text }));
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.firstPendingAt = undefined;
  }

  private enqueue(op: () => Promise<Result<unknown>>): Promise<unknown> {
    this.queue = this.queue.then(op).then(
      (result) => {
        if (!result.ok) this.onError(`Unsaved changes could not be backed up: ${result.error.message}`);
      },
      (error: unknown) => this.onError(`Unsaved changes could not be backed up: ${error instanceof Error ? error.message : String(error)}`),
    );
    return this.queue;
  }
}
