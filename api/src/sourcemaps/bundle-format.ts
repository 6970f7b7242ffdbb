import { unzipSync } from 'fflate';
import type { ArtifactFileType } from './artifact-file.entity.js';
import { canonicalDebugId } from './debug-id.js';

/** The artifact bundle container: "SYSB", u32le version 2, then a ZIP (wire protocol §2.8). */
const MAGIC = Buffer.from('SYSB');
const FILE_TYPES = new Set<ArtifactFileType>(['minified_source', 'source_map', 'source', 'indexed_ram_bundle']);

export interface BundleFile {
  url: string;
  fileType: ArtifactFileType | null;
  debugId: string | null;
  headers: Record<string, string>;
  data: Buffer;
}

export interface ParsedBundle {
  bundleId: string | null;
  release: string | null;
  dist: string | null;
  files: BundleFile[];
}

/** A bundle that cannot be read: the reason is what sentry-cli shows. */
export class InvalidBundleError extends Error {}

/** Reads the bundle's manifest and the files it lists. */
export function parseArtifactBundle(data: Buffer): ParsedBundle {
  let entries: Record<string, Uint8Array>;
  try {
    // The ZIP's offsets count from the start of the file, header included; a bare ZIP is read as well.
    entries = unzipSync(data);
  } catch (error) {
    if (!data.subarray(0, 4).equals(MAGIC)) throw new InvalidBundleError(`The artifact bundle is not a valid archive (${error instanceof Error ? error.message : String(error)})`);
    try {
      entries = unzipSync(data.subarray(8));
    } catch {
      throw new InvalidBundleError(`The artifact bundle is not a valid archive (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const manifestBytes = entries['manifest.json'];
  if (!manifestBytes) throw new InvalidBundleError('The artifact bundle has no manifest.json');
  let manifest: { files?: unknown; debug_id?: unknown; release?: unknown; dist?: unknown };
  try {
    manifest = JSON.parse(Buffer.from(manifestBytes).toString('utf8')) as typeof manifest;
  } catch {
    throw new InvalidBundleError('The artifact bundle manifest is not valid JSON');
  }
  if (typeof manifest.files !== 'object' || manifest.files === null) throw new InvalidBundleError('The artifact bundle manifest lists no files');
  const files: BundleFile[] = [];
  for (const [path, raw] of Object.entries(manifest.files as Record<string, unknown>)) {
    const info = (typeof raw === 'object' && raw !== null ? raw : {}) as { url?: unknown; type?: unknown; headers?: unknown };
    const bytes = entries[path];
    if (!bytes) throw new InvalidBundleError(`The artifact bundle lists ${path} but does not contain it`);
    if (typeof info.url !== 'string' || info.url === '') throw new InvalidBundleError(`The artifact bundle file ${path} has no url`);
    const headers = lowerCaseHeaders(info.headers);
    const fileType = typeof info.type === 'string' && FILE_TYPES.has(info.type as ArtifactFileType) ? (info.type as ArtifactFileType) : null;
    files.push({ url: info.url, fileType, debugId: canonicalDebugId(headers['debug-id']), headers, data: Buffer.from(bytes) });
  }
  return {
    bundleId: canonicalDebugId(manifest.debug_id),
    release: typeof manifest.release === 'string' && manifest.release !== '' ? manifest.release : null,
    dist: typeof manifest.dist === 'string' && manifest.dist !== '' ? manifest.dist : null,
    files,
  };
}

function lowerCaseHeaders(raw: unknown): Record<string, string> {
  const headers: Record<string, string> = {};
  if (typeof raw !== 'object' || raw === null) return headers;
  for (const [key, value] of Object.entries(raw)) if (typeof value === 'string') headers[key.toLowerCase()] = value;
  return headers;
}
