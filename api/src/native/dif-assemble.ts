/**
 * `POST /api/0/projects/{org}/{project}/files/difs/assemble/` (wire-protocol §2.9): for each file
 * (keyed by its whole-file SHA-1) the state of its assembly, `not_found → created → assembling →
 * ok | error`. The request only records the file and queues the `debug-file.assemble` job (which
 * assembles the chunks, converts and stores the debug file); sentry-cli polls until `ok` (with its
 * `dif`) or `error` (with the reason). A file already stored answers `ok` at once, so repeating a
 * request changes nothing.
 */
import type { DataSource } from 'typeorm';
import type { BlobStore } from '../storage/blob-store.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../logger.js';
import { assembleFile, missingChunks, MissingChunksError } from '../chunks/chunk.service.js';
import { isSha1 } from '../chunks/chunk-limits.js';
import { AppError, badInput } from '../errors.js';
import { StorageUnavailableError } from '../storage/blob-store.js';
import { parseDebugId } from './debug-id.js';
import { DebugFile } from './debug-file.entity.js';
import { DifAssembly, type DifAssemblyState } from './dif-assembly.entity.js';
import { storeDebugFiles, UnreadableDebugFileError } from './debug-file.service.js';
import { presentDebugFile } from './native-presenters.js';

interface AssembleDeps {
  db: DataSource;
  storage: BlobStore;
  queue: JobQueue;
}

export interface AssembleRequest {
  checksum: string;
  name: string;
  debugId: string | null;
  chunks: string[];
}

export interface AssembleAnswer {
  state: DifAssemblyState | 'not_found';
  missingChunks: string[];
  detail: string | null;
  dif?: ReturnType<typeof presentDebugFile>;
}

/**
 * A failed assembly is reported for this long (Sentry keeps assemble states in a cache with a TTL);
 * a request after that starts over, so a file whose chunks were uploaded again can succeed.
 */
const ERROR_KEPT_MINUTES = 10;

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

export async function assembleDebugFiles(deps: AssembleDeps, project: { id: number; organizationId: number }, files: AssembleRequest[]): Promise<Record<string, AssembleAnswer>> {
  const answers: Record<string, AssembleAnswer> = {};
  for (const file of files) answers[file.checksum] = await assembleOne(deps, project, file);
  return answers;
}

const answer = (state: AssembleAnswer['state'], detail: string | null = null, missing: string[] = []): AssembleAnswer => ({ state, missingChunks: missing, detail });

async function assembleOne(deps: AssembleDeps, project: { id: number; organizationId: number }, file: AssembleRequest): Promise<AssembleAnswer> {
  if (!isSha1(file.checksum)) return answer('error', 'The file checksum must be a SHA-1 (40 hex digits)');
  const done = pick(await storedFiles(deps.db, project.id, file.checksum), file.debugId);
  if (done) return { ...answer('ok'), dif: presentDebugFile(done) };

  const [current] = (await deps.db.query(
    `SELECT state, detail, date_updated > now() - make_interval(mins => $3) AS fresh FROM dif_assembly WHERE project_id = $1 AND checksum = $2`,
    [project.id, file.checksum, ERROR_KEPT_MINUTES],
  )) as { state: DifAssemblyState; detail: string | null; fresh: boolean }[];
  // `ok` without a stored file: it was deleted since, so the upload counts as new.
  if (current && (current.state === 'created' || current.state === 'assembling')) return answer(current.state);
  if (current?.state === 'error' && current.fresh) return answer('error', current.detail);

  if (file.chunks.length === 0 || !file.chunks.every(isSha1)) return answer('error', 'chunks must be a non-empty list of SHA-1 checksums');
  const missing = await missingChunks(deps, project.organizationId, file.chunks);
  if (missing.length > 0) return answer('not_found', null, missing);

  await deps.db.transaction(async (tx) => {
    const rows = (await tx.query(
      `INSERT INTO dif_assembly (project_id, checksum, name, debug_id, chunks, state, detail) VALUES ($1, $2, $3, $4, $5, 'created', NULL)
       ON CONFLICT (project_id, checksum) DO UPDATE SET name = EXCLUDED.name, debug_id = EXCLUDED.debug_id, chunks = EXCLUDED.chunks,
         state = 'created', detail = NULL, date_updated = now()
         WHERE dif_assembly.state IN ('ok', 'error')
       RETURNING id`,
      [project.id, file.checksum, file.name, file.debugId, file.chunks],
    )) as { id: number }[];
    // No row returned: a concurrent request recorded it first and queued its job.
    if (rows[0]) await deps.queue.add('debug-file.assemble', { assemblyId: rows[0].id }, { runner: tx });
  });
  return answer('created');
}

function storedFiles(db: DataSource, projectId: number, checksum: string): Promise<DebugFile[]> {
  return db.getRepository(DebugFile).find({ where: { projectId, checksum }, order: { id: 'ASC' } });
}

/**
 * The job: assembles the chunks, converts and stores the debug file, and records `ok` or `error`.
 * Idempotent: a finished assembly is left alone, and storing a file twice keeps the first rows.
 * Storage outages and other unexpected failures throw, so the queue retries.
 */
export async function runDifAssembly(deps: AssembleDeps & { log: Logger }, assemblyId: number): Promise<void> {
  const assemblies = deps.db.getRepository(DifAssembly);
  const assembly = await assemblies.findOneBy({ id: assemblyId });
  if (!assembly || assembly.state === 'ok' || assembly.state === 'error') return;
  await assemblies.update(assembly.id, { state: 'assembling' });
  const project = (await deps.db.query('SELECT organization_id FROM project WHERE id = $1', [assembly.projectId])) as { organization_id: number }[];
  if (!project[0]) return;
  let detail: string;
  try {
    const assembled = await assembleFile(deps, project[0].organization_id, assembly.checksum, assembly.chunks);
    const rows = await storeDebugFiles(deps, assembly.projectId, assembly.name, assembled.data);
    await assemblies.update(assembly.id, { state: 'ok', detail: null });
    deps.log.info({ assemblyId, debugFiles: rows.length }, 'debug-file.assembled');
    return;
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    if (error instanceof MissingChunksError) detail = 'Some chunks of the file are missing; upload it again';
    else if (error instanceof UnreadableDebugFileError) detail = `Not a readable debug file: ${error.message}`;
    else if (error instanceof AppError && error.code === 'BAD_USER_INPUT') detail = error.message;
    else throw error;
  }
  await assemblies.update(assembly.id, { state: 'error', detail });
}

/**
 * Ends an assembly whose last attempt failed on an outage (storage, database), so the client
 * polling it gets `error` with the reason instead of `assembling` for ever.
 */
export async function abandonDifAssembly(db: DataSource, assemblyId: number, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await db
    .getRepository(DifAssembly)
    .createQueryBuilder()
    .update()
    .set({ state: 'error', detail: `The file could not be processed (${reason}); upload it again` })
    .where('id = :id AND state IN (:...open)', { id: assemblyId, open: ['created', 'assembling'] })
    .execute();
}
