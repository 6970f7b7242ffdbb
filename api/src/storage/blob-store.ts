/**
 * Where artifacts (upload chunks, source bundles, release files, debug files) live: one small,
 * byte-oriented interface with a filesystem and an S3 backend. Keys are content addresses or
 * other immutable names chosen by the caller (`chunks/<sha1>`), so a put never changes a blob.
 */
export interface BlobStat {
  size: number;
}

export interface BlobStore {
  /** Stores the whole blob or nothing (a reader never sees half of it). */
  put(key: string, data: Buffer): Promise<void>;
  /** The blob, or null when there is none. */
  get(key: string): Promise<Buffer | null>;
  has(key: string): Promise<boolean>;
  stat(key: string): Promise<BlobStat | null>;
  /** Removes the blob; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** The store (or its origin) could not answer: the caller gets a clear error, never a guess. */
export class StorageUnavailableError extends Error {
  constructor(operation: string, key: string, cause: unknown) {
    super(`Artifact storage is unavailable (${operation} ${key}): ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = 'StorageUnavailableError';
  }
}

const KEY = /^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/;

/** Keys are relative paths of safe segments: no `..`, no absolute paths, no empty segments. */
export function assertBlobKey(key: string): void {
  if (key.length > 512 || !KEY.test(key) || key.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw new Error(`Invalid blob key: ${JSON.stringify(key)}`);
  }
}
