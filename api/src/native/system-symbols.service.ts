/**
 * Loading system symbol sets (Breakpad files or debug files of an OS build's libraries) and the
 * batch lookup API (`POST /api/0/symbols/lookup`, the symbolserver's `/lookup`).
 */
import type { DataSource } from 'typeorm';
import type { BlobStore } from '../storage/blob-store.js';
import { badInput } from '../errors.js';
import { demangle } from '../symbolication/index.js';
import { parseDebugId } from './debug-id.js';
import { convertUpload, symcacheKeyOf } from './debug-file.service.js';
import { openSymCache } from './image-symbols.js';
import { parseAddress } from './native-images.js';
import { SystemSymbol } from './system-symbol.entity.js';
import { formatSdkId, parseSdkId, systemSymbolCandidates, type SdkVersion } from './system-symbols.js';

export function sdkIdOrThrow(raw: string): SdkVersion {
  const sdk = parseSdkId(raw);
  if (!sdk) throw badInput(`"${raw}" is not an OS build like iOS_10.3.1_14E304`, 'sdk_id');
  return sdk;
}

/** Adds the debug files of one upload to a symbol set (`organizationId` 0: the server-wide sets). */
export async function loadSystemSymbols(
  deps: { db: DataSource; storage: BlobStore },
  organizationId: number,
  sdk: SdkVersion,
  name: string,
  bytes: Buffer,
): Promise<SystemSymbol[]> {
  const converted = convertUpload(name, bytes);
  const rows: SystemSymbol[] = [];
  for (const c of converted) {
    const symcacheKey = symcacheKeyOf(c.checksum, c.object.debugId);
    await deps.storage.put(symcacheKey, c.symcache);
    const values = {
      organizationId,
      sdkName: sdk.name,
      versionMajor: sdk.major,
      versionMinor: sdk.minor,
      versionPatch: sdk.patch,
      build: sdk.build,
      debugId: c.object.debugId,
      objectName: c.object.objectName ?? c.file.name.split('/').pop() ?? c.file.name,
      arch: c.object.arch,
      symcacheKey,
    };
    await deps.db
      .getRepository(SystemSymbol)
      .createQueryBuilder()
      .insert()
      .values(values)
      .orUpdate(['object_name', 'arch', 'symcache_key'], ['organization_id', 'sdk_name', 'version_major', 'version_minor', 'version_patch', 'build', 'debug_id'])
      .execute();
    rows.push(
      await deps.db.getRepository(SystemSymbol).findOneByOrFail({
        organizationId,
        sdkName: sdk.name,
        versionMajor: sdk.major,
        versionMinor: sdk.minor,
        versionPatch: sdk.patch,
        build: sdk.build,
        debugId: c.object.debugId,
      }),
    );
  }
  return rows;
}

/** The symbol sets visible to an organization, with how many libraries each holds. */
export async function listSymbolSets(db: DataSource, organizationId: number): Promise<{ sdkId: string; libraries: number; global: boolean }[]> {
  const rows = (await db.query(
    `SELECT sdk_name, version_major, version_minor, version_patch, build, organization_id = 0 AS global, count(*)::int AS libraries
     FROM system_symbol WHERE organization_id IN (0, $1)
     GROUP BY sdk_name, version_major, version_minor, version_patch, build, organization_id = 0 ORDER BY 1, 2, 3, 4, 5`,
    [organizationId],
  )) as { sdk_name: string; version_major: number; version_minor: number; version_patch: number; build: string; global: boolean; libraries: number }[];
  return rows.map((r) => ({
    sdkId: formatSdkId({ name: r.sdk_name, major: r.version_major, minor: r.version_minor, patch: r.version_patch, build: r.build }),
    libraries: r.libraries,
    global: r.global,
  }));
}

export interface LookupRequest {
  debugId: string;
  objectName: string | null;
  /** Image-relative; -1 past 32 bits, where no index has anything. */
  addr: number;
}

/** `"0x…"` hex or decimal, as a number (the hot path of a 100,000-address batch: no BigInt). */
function lookupAddress(raw: unknown): number | null {
  if (typeof raw === 'string' && /^0x[0-9a-f]{1,8}$/i.test(raw)) return parseInt(raw.slice(2), 16);
  const wide = parseAddress(raw);
  if (wide === null) return null;
  return wide > 0xffffffffn ? -1 : Number(wide);
}

export interface LookupAnswer {
  object_uuid: string;
  object_name: string;
  symbol: string;
  addr: string;
  filename?: string;
  lineno?: number;
}

/** Most addresses one lookup request may carry. */
export const MAX_LOOKUPS = 100_000;

/** Reads the symbolserver's request body: `{sdk_id?, symbols: [{debug_id|object_uuid, object_name, addr}]}`. */
export function parseLookupRequest(body: unknown): { sdk: SdkVersion | null; symbols: LookupRequest[] } {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : null;
  if (!record || !Array.isArray(record.symbols)) throw badInput('The body must be {"symbols": [{"debug_id", "object_name", "addr"}, …]}', 'symbols');
  if (record.symbols.length > MAX_LOOKUPS) throw badInput(`At most ${MAX_LOOKUPS} symbols per request`, 'symbols');
  const sdk = typeof record.sdk_id === 'string' && record.sdk_id ? sdkIdOrThrow(record.sdk_id) : null;
  // A batch names few images many times: each id string is parsed once.
  const ids = new Map<unknown, string | null>();
  const idOf = (raw: unknown) => {
    let id = ids.get(raw);
    if (id === undefined) ids.set(raw, (id = parseDebugId(raw)));
    return id;
  };
  const symbols = record.symbols.map((raw, i) => {
    const item = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
    const debugId = idOf(item.debug_id ?? item.object_uuid);
    const addr = lookupAddress(item.addr);
    if (!debugId) throw badInput(`symbols[${i}]: debug_id (or object_uuid) must be a debug id`, `symbols[${i}].debug_id`);
    if (addr === null) throw badInput(`symbols[${i}]: addr must be a "0x…" hex or decimal address`, `symbols[${i}].addr`);
    return { debugId, objectName: typeof item.object_name === 'string' ? item.object_name : null, addr };
  });
  return { sdk, symbols };
}

/** Answers each address (image-relative) in order; null where no loaded set knows it. */
export async function lookupSystemSymbols(
  deps: { db: DataSource; storage: BlobStore },
  organizationIds: number[],
  sdk: SdkVersion | null,
  symbols: LookupRequest[],
): Promise<(LookupAnswer | null)[]> {
  const caches = new Map<string, Awaited<ReturnType<typeof openSymCache>>[]>();
  const names = new Map<string, string>();
  for (const debugId of new Set(symbols.map((s) => s.debugId))) {
    const matches = await systemSymbolCandidates(deps.db, organizationIds, debugId, sdk);
    caches.set(debugId, await Promise.all(matches.map((m) => openSymCache(deps.storage, m.symcacheKey))));
    if (matches[0]) names.set(debugId, matches[0].objectName);
  }
  // Names repeat across a batch (many addresses per function): demangle each once.
  const displayed = new Map<string, string>();
  const display = (name: string, mangled: string | null) => {
    if (!mangled || name !== mangled) return name;
    let shown = displayed.get(mangled);
    if (shown === undefined) displayed.set(mangled, (shown = demangle(mangled)));
    return shown;
  };
  return symbols.map((s) => {
    if (s.addr < 0) return null;
    for (const cache of caches.get(s.debugId) ?? []) {
      if (!cache || cache instanceof Error) continue;
      const outer = cache.lookup(s.addr).at(-1);
      if (!outer) continue;
      return {
        object_uuid: s.debugId,
        object_name: s.objectName ?? names.get(s.debugId) ?? '',
        symbol: display(outer.function, outer.mangledFunction),
        addr: `0x${outer.symbolAddress.toString(16)}`,
        ...(outer.file ? { filename: outer.file } : {}),
        ...(outer.line ? { lineno: outer.line } : {}),
      };
    }
    return null;
  });
}
