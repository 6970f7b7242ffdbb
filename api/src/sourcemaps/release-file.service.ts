import type { OrgAccess } from '../auth/access.js';
import { badInput, conflict, notFound } from '../errors.js';
import type { Deps } from '../runtime/deps.js';
import { findRelease, projectsBySlugs } from '../releases/release.service.js';
import type { Release } from '../releases/release.entity.js';
import { artifactKey, storeArtifactBlob } from './artifact-blobs.js';
import { artifactsChanged } from './artifact-lookup.js';
import { ArtifactFile, type ArtifactFileType } from './artifact-file.entity.js';
import { canonicalDebugId } from './debug-id.js';

export interface ReleaseFileUpload {
  version: string;
  /** Project-level endpoint: the project must exist in the organization. */
  project?: string;
  /** `~/static/app.min.js`, `app:///main.jsbundle` or a full URL. */
  name: string;
  dist: string | null;
  /** `header` fields as sent: `Key: Value`. */
  headers: string[];
  data: Buffer;
}

const MAX_NAME = 2000;

/** The release of a release-files request, checking the project of the project-level variant. */
export async function releaseForFiles(deps: Pick<Deps, 'db'>, access: OrgAccess, version: string, project?: string): Promise<Release> {
  if (project !== undefined) await projectsBySlugs(deps.db, access.organization.id, [project]).catch(() => Promise.reject(notFound('Project')));
  return findRelease(deps.db, access.organization.id, version);
}

/** A legacy release file (`releases/{version}/files/`): 409 when the release has that name (and dist) already. */
export async function uploadReleaseFile(deps: Pick<Deps, 'db' | 'storage' | 'pubsub'>, access: OrgAccess, upload: ReleaseFileUpload): Promise<ArtifactFile> {
  // eslint-disable-next-line no-control-regex -- control characters are what is refused
  if (!upload.name || upload.name.length > MAX_NAME || /[\u0000-\u001f]/.test(upload.name)) throw badInput('name must be the file\'s URL, e.g. ~/static/app.min.js', 'name');
  const release = await releaseForFiles(deps, access, upload.version, upload.project);
  const dist = upload.dist ?? '';
  const files = deps.db.getRepository(ArtifactFile);
  if (await files.existsBy({ releaseId: release.id, dist, url: upload.name })) throw conflict('A file with this name already exists in the release', 'name');
  const headers = parseHeaders(upload.headers);
  const fileType = guessFileType(upload.name, upload.data, headers);
  // Bytes first: a row never points at a blob that is not there (a failed put leaves nothing).
  const blob = await storeArtifactBlob(deps, upload.data);
  const saved = await files.save(
    files.create({
      organizationId: access.organization.id,
      bundleId: null,
      releaseId: release.id,
      source: 'release_file',
      release: release.version,
      dist,
      url: upload.name,
      fileType,
      debugId: debugIdOf(fileType, upload.data, headers),
      headers,
      checksum: blob.checksum,
      size: blob.size,
    }),
  );
  await artifactsChanged(deps, access.organization.id);
  return saved;
}

export function listReleaseFiles(deps: Pick<Deps, 'db'>, release: Release, limit = 1000): Promise<ArtifactFile[]> {
  return deps.db.getRepository(ArtifactFile).find({ where: { releaseId: release.id, source: 'release_file' }, order: { url: 'ASC', id: 'ASC' }, take: limit });
}

export async function findReleaseFile(deps: Pick<Deps, 'db'>, release: Release, id: string): Promise<ArtifactFile> {
  const file = /^\d{1,12}$/.test(id) ? await deps.db.getRepository(ArtifactFile).findOneBy({ id: Number(id), releaseId: release.id, source: 'release_file' }) : null;
  if (!file) throw notFound('File');
  return file;
}

export async function readReleaseFile(deps: Pick<Deps, 'storage'>, file: ArtifactFile): Promise<Buffer> {
  const data = await deps.storage.get(artifactKey(file.checksum));
  if (!data) throw notFound('File content');
  return data;
}

/** Detaches the file from its release; the cleanup job removes the row and, if unused, its blob. */
export async function deleteReleaseFile(deps: Pick<Deps, 'db' | 'queue' | 'pubsub'>, release: Release, id: string): Promise<void> {
  const file = await findReleaseFile(deps, release, id);
  await deps.db.transaction(async (tx) => {
    await tx.getRepository(ArtifactFile).update(file.id, { releaseId: null });
    await deps.queue.add('artifacts.cleanup', { organizationId: release.organizationId }, { runner: tx });
    await artifactsChanged(deps, release.organizationId, tx);
  });
}

/** Bytes of everything uploaded for the release: its release files and the bundles uploaded with it. */
export async function releaseArtifactBytes(deps: Pick<Deps, 'db'>, release: Release): Promise<number> {
  const [row]: { bytes: string | null }[] = await deps.db.query(
    `SELECT COALESCE(SUM(size), 0) AS bytes FROM artifact_file
     WHERE organization_id = $1 AND (release_id = $2 OR (source = 'bundle' AND release = $3))`,
    [release.organizationId, release.id, release.version],
  );
  return Number(row?.bytes ?? 0);
}

function parseHeaders(raw: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const header of raw) {
    const colon = header.indexOf(':');
    if (colon <= 0) throw badInput(`header must be "Name: value", got ${JSON.stringify(header)}`, 'header');
    headers[header.slice(0, colon).trim().toLowerCase()] = header.slice(colon + 1).trim();
  }
  return headers;
}

function guessFileType(name: string, data: Buffer, headers: Record<string, string>): ArtifactFileType {
  const path = name.split(/[?#]/)[0] ?? name;
  if (path.endsWith('.map')) return 'source_map';
  if (headers.sourcemap || headers['x-sourcemap'] || /\/\/[#@]\s*sourceMappingURL=/.test(data.subarray(Math.max(0, data.length - 64 * 1024)).toString('utf8'))) return 'minified_source';
  return 'source';
}

function debugIdOf(fileType: ArtifactFileType, data: Buffer, headers: Record<string, string>): string | null {
  if (headers['debug-id']) return canonicalDebugId(headers['debug-id']);
  const text = data.subarray(Math.max(0, data.length - 64 * 1024)).toString('utf8');
  if (fileType === 'source_map') {
    const match = /"debug_?[iI]d"\s*:\s*"([0-9a-fA-F-]{32,36})"/.exec(text);
    return canonicalDebugId(match?.[1]);
  }
  return canonicalDebugId(/\/\/# debugId=([0-9a-fA-F-]{32,36})/.exec(text)?.[1]);
}
