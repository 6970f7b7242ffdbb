/**
 * System symbol sets per OS build (the 2017 symbolserver's model): `iOS_10.3.1_14E304` names a set;
 * a lookup matches the image UUID in the exact build first, then in neighbouring builds of the same
 * major.minor (same patch, other build; older patches newest first; then newer ones). The UUID pins
 * the binary, so trying neighbours is safe: it only widens where to look.
 */
import type { EntityManager } from 'typeorm';

export interface SdkVersion {
  name: string;
  major: number;
  minor: number;
  patch: number;
  build: string;
}

/** Neighbouring sets tried at most (like symbolserver). */
const MAX_CANDIDATES = 10;

/** `iOS_10.3.1_14E304` (build optional, `iOS_10.3` means patch 0) → its parts; null if not one. */
export function parseSdkId(raw: string): SdkVersion | null {
  const match = /^([A-Za-z][A-Za-z0-9 ]*)_(\d+)\.(\d+)(?:\.(\d+))?(?:_([A-Za-z0-9]+))?$/.exec(raw.trim());
  if (!match) return null;
  return { name: match[1]!, major: Number(match[2]), minor: Number(match[3]), patch: Number(match[4] ?? 0), build: match[5] ?? '' };
}

export function formatSdkId(sdk: SdkVersion): string {
  return `${sdk.name}_${sdk.major}.${sdk.minor}.${sdk.patch}${sdk.build ? `_${sdk.build}` : ''}`;
}

/** The OS build an event names: `debug_meta.sdk_info` (Cocoa), else `contexts.os`. */
export function sdkOfEvent(sdkInfo: Record<string, unknown> | undefined, os: Record<string, unknown> | undefined): SdkVersion | null {
  if (sdkInfo && typeof sdkInfo.sdk_name === 'string' && typeof sdkInfo.version_major === 'number') {
    return {
      name: sdkInfo.sdk_name,
      major: sdkInfo.version_major,
      minor: typeof sdkInfo.version_minor === 'number' ? sdkInfo.version_minor : 0,
      patch: typeof sdkInfo.version_patchlevel === 'number' ? sdkInfo.version_patchlevel : 0,
      build: typeof sdkInfo.build === 'string' ? sdkInfo.build : '',
    };
  }
  if (os && typeof os.name === 'string' && typeof os.version === 'string') {
    return parseSdkId(`${os.name}_${os.version}${typeof os.build === 'string' ? `_${os.build}` : ''}`);
  }
  return null;
}

/**
 * Index keys of the system libraries with this UUID, best set first: exact build, same patch,
 * lower patches newest first, higher patches; only within the same name and major.minor. Without
 * a known OS build any set with the UUID will do (the UUID pins the binary).
 */
export async function systemSymbolCandidates(
  tx: Pick<EntityManager, 'query'>,
  /** Whose sets count besides the server-wide ones. */
  organizationIds: number[],
  debugId: string,
  sdk: SdkVersion | null,
): Promise<SystemSymbolMatch[]> {
  const owners = [0, ...organizationIds];
  if (!sdk) {
    const rows = (await tx.query(
      `SELECT symcache_key, object_name FROM system_symbol WHERE debug_id = $1 AND organization_id = ANY($2) ORDER BY id DESC LIMIT 1`,
      [debugId, owners],
    )) as { symcache_key: string; object_name: string }[];
    return rows.map((r) => ({ symcacheKey: r.symcache_key, objectName: r.object_name }));
  }
  const rows = (await tx.query(
    `SELECT symcache_key, object_name FROM system_symbol
     WHERE debug_id = $1 AND organization_id = ANY($2) AND lower(sdk_name) = lower($3) AND version_major = $4 AND version_minor = $5
     ORDER BY (version_patch = $6 AND build = $7) DESC, (version_patch = $6) DESC, (version_patch > $6),
              CASE WHEN version_patch < $6 THEN -version_patch ELSE version_patch END, build DESC
     LIMIT $8`,
    [debugId, owners, sdk.name, sdk.major, sdk.minor, sdk.patch, sdk.build, MAX_CANDIDATES],
  )) as { symcache_key: string; object_name: string }[];
  return rows.map((r) => ({ symcacheKey: r.symcache_key, objectName: r.object_name }));
}

export interface SystemSymbolMatch {
  symcacheKey: string;
  objectName: string;
}
