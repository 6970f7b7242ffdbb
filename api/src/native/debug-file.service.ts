/**
 * Debug file uploads: each object in the upload is identified, converted once into a symbol index,
 * and both are stored in the blob store; the project's processing issues for those debug ids are
 * resolved and a reprocessing run of its held events is queued, in the same transaction.
 */
import { createHash } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { JobQueue } from '../jobs/job-queue.js';
import type { BlobStore } from '../storage/blob-store.js';
import { badInput, notFound } from '../errors.js';
import { DebugFileError, inspectDebugFile, SYMCACHE_VERSION, writeSymCache, type DebugObject } from '../symbolication/index.js';
import { filesOfUpload, objectNameOf, type UploadedFile } from './debug-file-archive.js';
import { DebugFile } from './debug-file.entity.js';
import { resolveProcessingIssues } from './held-events.js';

export interface DebugFileDeps {
  db: DataSource;
  storage: BlobStore;
  queue: JobQueue;
}

/** A file of the upload that is not debug information Vigil can read, and why. */
export class UnreadableDebugFileError extends Error {
  constructor(readonly fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'UnreadableDebugFileError';
  }
}

interface Converted {
  file: UploadedFile;
  checksum: string;
  object: DebugObject;
  symcache: Buffer;
}

const sha1 = (bytes: Buffer) => createHash('sha1').update(bytes).digest('hex');

/** Identifies and converts every object of the upload; throws UnreadableDebugFileError when nothing (or a lone file) is unreadable. */
export function convertUpload(name: string, bytes: Buffer): Converted[] {
  const files = filesOfUpload(name, bytes);
  const converted: Converted[] = [];
  const failures: UnreadableDebugFileError[] = [];
  for (const file of files) {
    let objects: DebugObject[];
    try {
      objects = inspectDebugFile(file.bytes);
    } catch (error) {
      if (!(error instanceof DebugFileError)) throw error;
      failures.push(new UnreadableDebugFileError(file.name, error.message));
      continue;
    }
    const checksum = sha1(file.bytes);
    for (const object of objects) {
      try {
        converted.push({ file, checksum, object, symcache: Buffer.from(writeSymCache(file.bytes, object.debugId)) });
      } catch (error) {
        if (!(error instanceof DebugFileError)) throw error;
        failures.push(new UnreadableDebugFileError(file.name, error.message));
      }
    }
  }
  if (converted.length === 0) throw failures[0] ?? new UnreadableDebugFileError(name, 'the archive holds no debug information files');
  return converted;
}

function featuresOf(object: DebugObject): string[] {
  return Object.entries(object.features)
    .filter(([, on]) => on)
    .map(([feature]) => feature);
}

/** Stores an upload for the project; returns its rows (existing ones for files uploaded before). */
export async function storeDebugFiles(deps: DebugFileDeps, projectId: number, name: string, bytes: Buffer): Promise<DebugFile[]> {
  const converted = convertUpload(name, bytes);
  for (const c of converted) {
    await deps.storage.put(storageKeyOf(c.checksum), c.file.bytes);
    await deps.storage.put(symcacheKeyOf(c.checksum, c.object.debugId), c.symcache);
  }
  return deps.db.transaction(async (tx) => {
    const rows: DebugFile[] = [];
    for (const c of converted) rows.push(await upsertRow(tx, projectId, c));
    await resolveProcessingIssues(tx, projectId, [...new Set(rows.map((r) => r.debugId))]);
    await deps.queue.add('reprocessing.run', { projectId }, { runner: tx });
    return rows;
  });
}

export const storageKeyOf = (checksum: string) => `debug-files/${checksum}`;
export const symcacheKeyOf = (checksum: string, debugId: string) => `symcaches/v${SYMCACHE_VERSION}/${checksum}/${debugId}`;

async function upsertRow(tx: EntityManager, projectId: number, c: Converted): Promise<DebugFile> {
  const repo = tx.getRepository(DebugFile);
  await repo
    .createQueryBuilder()
    .insert()
    .values({
      projectId,
      debugId: c.object.debugId,
      codeId: c.object.codeId,
      arch: c.object.arch,
      kind: c.object.kind,
      features: featuresOf(c.object),
      objectName: c.object.objectName ?? objectNameOf(c.file.name),
      size: c.file.bytes.length,
      checksum: c.checksum,
      storageKey: storageKeyOf(c.checksum),
      symcacheKey: symcacheKeyOf(c.checksum, c.object.debugId),
    })
    .orIgnore()
    .execute();
  return repo.findOneByOrFail({ projectId, debugId: c.object.debugId, checksum: c.checksum });
}

/** The project's debug files, newest first; optionally only one debug id. */
export async function listDebugFiles(db: DataSource, projectId: number, options: { debugId?: string | null; limit?: number } = {}): Promise<DebugFile[]> {
  return db.getRepository(DebugFile).find({
    where: { projectId, ...(options.debugId ? { debugId: options.debugId } : {}) },
    order: { id: 'DESC' },
    take: options.limit ?? 100,
  });
}

export async function debugFileOfProject(db: DataSource, projectId: number, id: number): Promise<DebugFile> {
  const row = await db.getRepository(DebugFile).findOneBy({ projectId, id });
  if (!row) throw notFound('Debug file not found');
  return row;
}

/** The uploaded bytes of a debug file. */
export async function debugFileBytes(storage: BlobStore, file: DebugFile): Promise<Buffer> {
  const bytes = await storage.get(file.storageKey);
  if (!bytes) throw notFound('The debug file is no longer in storage');
  return bytes;
}

/** Deletes a debug file's row; blobs stay while another row (a slice of the same file, another project) uses them. */
export async function deleteDebugFile(deps: Pick<DebugFileDeps, 'db' | 'storage'>, file: DebugFile): Promise<void> {
  await deps.db.getRepository(DebugFile).delete({ id: file.id, projectId: file.projectId });
  const others = await deps.db.getRepository(DebugFile).countBy({ checksum: file.checksum });
  if (others === 0) {
    await deps.storage.delete(file.storageKey);
    await deps.storage.delete(file.symcacheKey);
  }
}

/** `?id=` of the download/delete routes: a positive integer. */
export function parseDebugFileId(raw: unknown): number {
  const id = typeof raw === 'string' && /^[0-9]{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(id) || id <= 0) throw badInput('id must be a debug file id', 'id');
  return id;
}
