import type { OrgAccess } from '../auth/access.js';
import { assembleFile, MissingChunksError, missingChunks } from '../chunks/chunk.service.js';
import { isSha1 } from '../chunks/chunk-limits.js';
import { badInput } from '../errors.js';
import type { Deps } from '../runtime/deps.js';
import { projectsBySlugs } from '../releases/release.service.js';
import { StorageUnavailableError } from '../storage/blob-store.js';
import { storeArtifactBlob } from './artifact-blobs.js';
import { artifactsChanged } from './artifact-lookup.js';
import { ArtifactBundle, type ArtifactBundleState } from './artifact-bundle.entity.js';
import { ArtifactFile } from './artifact-file.entity.js';
import { parseArtifactBundle } from './bundle-format.js';

export interface AssembleBundleInput {
  checksum: string;
  chunks: string[];
  projects: string[];
  version: string | null;
  dist: string | null;
}

/** The answer sentry-cli polls for: `state` and `missingChunks` always (wire protocol §2.7). */
export interface AssembleAnswer {
  state: 'not_found' | ArtifactBundleState;
  missingChunks: string[];
  detail: string | null;
}

/**
 * `POST …/artifactbundle/assemble/`: `not_found` with the chunks still to upload, else the
 * bundle's state. The first call with every chunk present records the bundle as `created` and
 * queues its assembly; later calls (polling, retries, re-uploads) just report where it is.
 */
export async function requestBundleAssembly(deps: Pick<Deps, 'db' | 'queue'>, access: OrgAccess, input: AssembleBundleInput): Promise<AssembleAnswer> {
  if (!isSha1(input.checksum)) throw badInput('checksum must be a SHA-1 (40 hex digits)', 'checksum');
  if (!input.chunks.every(isSha1)) throw badInput('chunks must be SHA-1 checksums', 'chunks');
  const organizationId = access.organization.id;
  const existing = await deps.db.getRepository(ArtifactBundle).findOneBy({ organizationId, checksum: input.checksum });
  if (existing) return { state: existing.state, missingChunks: [], detail: existing.detail };
  const missing = await missingChunks(deps, organizationId, input.chunks.length > 0 ? input.chunks : [input.checksum]);
  if (missing.length > 0) return { state: 'not_found', missingChunks: missing, detail: null };
  const projects = await projectsBySlugs(deps.db, organizationId, input.projects);
  return deps.db.transaction(async (tx) => {
    const inserted: { id: number }[] = await tx.query(
      `INSERT INTO artifact_bundle (organization_id, checksum, chunks, project_ids, release, dist, state)
       VALUES ($1, $2, $3, $4, $5, $6, 'created') ON CONFLICT (organization_id, checksum) DO NOTHING RETURNING id`,
      [organizationId, input.checksum, input.chunks.length > 0 ? input.chunks : [input.checksum], projects.map((p) => p.id), input.version || null, input.dist ?? ''],
    );
    if (inserted[0]) await deps.queue.add('artifact-bundle.assemble', { bundleId: inserted[0].id }, { runner: tx });
    return { state: 'created', missingChunks: [], detail: null } satisfies AssembleAnswer;
  });
}

/**
 * The job: assemble the bundle from its chunks, index its files by debug id and by URL, and mark
 * it `ok`, or `error` with the reason when the bundle is unusable. A storage outage is thrown, so
 * the job is retried later. Idempotent: a bundle already `ok` or `error` is left as it is.
 */
export async function assembleBundle(deps: Pick<Deps, 'db' | 'storage' | 'log' | 'pubsub'>, bundleId: number): Promise<void> {
  const bundles = deps.db.getRepository(ArtifactBundle);
  const bundle = await bundles.findOneBy({ id: bundleId });
  if (!bundle || bundle.state === 'ok' || bundle.state === 'error') return;
  await bundles.update(bundle.id, { state: 'assembling' });
  let parsed: ReturnType<typeof parseArtifactBundle>;
  try {
    const file = await assembleFile(deps, bundle.organizationId, bundle.checksum, bundle.chunks);
    parsed = parseArtifactBundle(file.data);
  } catch (error) {
    if (error instanceof StorageUnavailableError) throw error;
    const detail = error instanceof MissingChunksError ? 'Some chunks of the bundle are missing; upload it again' : error instanceof Error ? error.message : String(error);
    await bundles.update(bundle.id, { state: 'error', detail });
    return;
  }
  const stored: { file: (typeof parsed.files)[number]; blob: { checksum: string; size: number } }[] = [];
  for (const file of parsed.files) stored.push({ file, blob: await storeArtifactBlob(deps, file.data) });
  const release = bundle.release ?? parsed.release;
  const dist = bundle.dist || parsed.dist || '';
  await deps.db.transaction(async (tx) => {
    // A retried job starts over: the files of an earlier, interrupted attempt go first.
    await tx.getRepository(ArtifactFile).delete({ bundleId: bundle.id });
    if (stored.length > 0) {
      await tx.getRepository(ArtifactFile).insert(
        stored.map(({ file, blob }) => ({
          organizationId: bundle.organizationId,
          bundleId: bundle.id,
          releaseId: null,
          source: 'bundle' as const,
          release,
          dist,
          url: file.url,
          fileType: file.fileType,
          debugId: file.debugId,
          headers: file.headers,
          checksum: blob.checksum,
          size: blob.size,
        })),
      );
    }
    await tx.getRepository(ArtifactBundle).update(bundle.id, { state: 'ok', detail: null, bundleId: parsed.bundleId, release, dist, fileCount: stored.length });
    await artifactsChanged(deps, bundle.organizationId, tx);
  });
  deps.log.info({ bundleId: bundle.id, files: stored.length }, 'artifact-bundle.assembled');
}


/**
 * Ends an assembly whose last attempt failed on an outage (storage, database), so sentry-cli
 * polling it gets `error` with the reason instead of `assembling` for ever.
 */
export async function abandonBundleAssembly(db: Deps['db'], bundleId: number, error: unknown): Promise<void> {
  const reason = error instanceof Error ? error.message : String(error);
  await db
    .getRepository(ArtifactBundle)
    .createQueryBuilder()
    .update()
    .set({ state: 'error', detail: `The bundle could not be processed (${reason}); upload it again` })
    .where('id = :id AND state IN (:...open)', { id: bundleId, open: ['created', 'assembling'] })
    .execute();
}
