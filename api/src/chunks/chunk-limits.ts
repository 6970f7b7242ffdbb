/** What `GET …/chunk-upload/` announces and the chunk POST enforces (sentry-cli splits and batches by it). */
export const CHUNK_LIMITS = {
  chunkSize: 8 * 1024 * 1024,
  chunksPerRequest: 64,
  maxRequestSize: 32 * 1024 * 1024,
  maxFileSize: 2 * 1024 * 1024 * 1024,
  concurrency: 8,
  /** Seconds sentry-cli's `--wait` polls an assemble before giving up. */
  maxWait: 60,
} as const;

/** Every kind of upload sentry-cli may send through chunks (3.x ignores the list, older CLIs read it). */
export const CHUNK_ACCEPT = [
  'debug_files',
  'release_files',
  'pdbs',
  'sources',
  'bcsymbolmaps',
  'il2cpp',
  'portablepdbs',
  'artifact_bundles',
  'proguard',
  'preprod_artifacts',
] as const;

const SHA1 = /^[0-9a-f]{40}$/;

export function isSha1(value: unknown): value is string {
  return typeof value === 'string' && SHA1.test(value);
}
