/**
 * `POST /api/0/projects/{org}/{project}/files/difs/assemble/` (wire-protocol §2.9): for each file
 * (keyed by its whole-file SHA-1) either the chunks still missing, or the file assembled from its
 * chunks, converted and stored, reported as `ok` with its `dif`, or `error` with the reason. A
 * file already stored answers `ok` at once, so repeating a request changes nothing.
 */
import type { DataSource } from 'typeorm';
import type { BlobStore } from '../storage/blob-store.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { assembleFile, MissingChunksError } from '../chunks/chunk.service.js';
import { AppError, badInput } from '../errors.js';
import { parseDebugId } from './debug-id.js';
import { DebugFile } from './debug-file.entity.js';
import { storeDebugFiles, UnreadableDebugFileError } from './debug-file.service.js';
import { presentDebugFile } from './native-presenters.js';

export interface AssembleRequest {
  checksum: string;
  name: string;
  debugId: string | null;
  chunks: string[];
}

type AssembleState = 'not_found' | 'created' | 'assembling' | 'ok' | 'error';

export interface AssembleAnswer {
  state: AssembleState;
  missingChunks: string[];
  detail: string | null;
  dif?: ReturnType<typeof presentDebugFile>;
}

/** The request body: `{ "<sha1>": { "name", "debug_id"?, "chunks": [...] } }`. */
export function parseAssembleRequest(body: unknown): AssembleRequest[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badInput('The body must map file checksums to {name, debug_id, chunks}');
  return Object.entries(body as Record<string, unknown>).map(([checksum, raw]) => {
    const file = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const chunks = Array.isArray(file.chunks) ? file.chunks.filter((c): c is string => typeof c === 'string') : [];
    return { checksum, name: typeof file.name === 'string' && file.name ? file.name : checksum, debugId: parseDebugId(file.debug_id), chunks };
  });
}

/** The stored row to report for a file: the object the CLI named, else the file's first. */
function pick(rows: DebugFile[], debugId: string | null): DebugFile | undefined {
  return rows.find((r) => r.debugId === debugId) ?? rows[0];
}

export async function assembleDebugFiles(
  deps: { db: DataSource; storage: BlobStore; queue: JobQueue },
  project: { id: number; organizationId: number },
  files: AssembleRequest[],
): Promise<Record<string, AssembleAnswer>> {
  const answers: Record<string, AssembleAnswer> = {};
  for (const file of files) answers[file.checksum] = await assembleOne(deps, project, file);
  return answers;
}

async function assembleOne(deps: { db: DataSource; storage: BlobStore; queue: JobQueue }, project: { id: number; organizationId: number }, file: AssembleRequest): Promise<AssembleAnswer> {
  const known = await deps.db.getRepository(DebugFile).find({ where: { projectId: project.id, checksum: file.checksum }, order: { id: 'ASC' } });
  const done = pick(known, file.debugId);
  if (done) return { state: 'ok', missingChunks: [], detail: null, dif: presentDebugFile(done) };
  try {
    const assembled = await assembleFile(deps, project.organizationId, file.checksum, file.chunks);
    const rows = await storeDebugFiles(deps, project.id, file.name, assembled.data);
    return { state: 'ok', missingChunks: [], detail: null, dif: presentDebugFile(pick(rows, file.debugId)!) };
  } catch (error) {
    if (error instanceof MissingChunksError) return { state: 'not_found', missingChunks: error.missing, detail: null };
    if (error instanceof UnreadableDebugFileError) return { state: 'error', missingChunks: [], detail: `Not a readable debug file: ${error.message}` };
    if (error instanceof AppError && error.code === 'BAD_USER_INPUT') return { state: 'error', missingChunks: [], detail: error.message };
    throw error;
  }
}
