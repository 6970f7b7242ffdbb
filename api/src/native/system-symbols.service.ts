/**
 * Loading system symbol sets (Breakpad files or debug files of an OS build's libraries) and the
 * batch lookup API (`POST /api/0/symbols/lookup`, the symbolserver's `/lookup`).
 */
import type { DataSource } from 'typeorm';
import type { BlobStore } from '../storage/blob-store.js';
import { badInput } from '../errors.js';
import { SymCache, type SymbolicatedFrame } from '../symbolication/index.js';
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

/** `"0x…"` hex or decimal, as a number (the hot path of a 100,000-address batch: no regex, no BigInt). */
function lookupAddress(raw: unknown): number | null {
  if (typeof raw === 'string') {
    const hex = hex32(raw);
    if (hex !== null) return hex;
  }
  const wide = parseAddress(raw);
  if (wide === null) return null;
  return wide > 0xffffffffn ? -1 : Number(wide);
}

/** `0x` and 1–8 hex digits, else null. */
function hex32(raw: string): number | null {
  const length = raw.length;
  if (length < 3 || length > 10 || raw.charCodeAt(0) !== 48 || (raw.charCodeAt(1) | 32) !== 120) return null;
  let value = 0;
  for (let i = 2; i < length; i++) {
    const c = raw.charCodeAt(i);
    const lower = c | 32; // A-F → a-f; only those two ranges land in a-f
    const digit = c >= 48 && c <= 57 ? c - 48 : lower >= 97 && lower <= 102 ? lower - 87 : -1;
    if (digit < 0) return null;
    value = value * 16 + digit;
  }
  return value;
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
  let lastRaw: unknown;
  let lastId: string | null = null;
  const idOf = (raw: unknown) => {
    // Usually the same image as the address before: a string compare, no hashing.
    if (raw === lastRaw && lastRaw !== undefined) return lastId;
    let id = ids.get(raw);
    if (id === undefined) ids.set(raw, (id = parseDebugId(raw)));
    lastRaw = raw;
    lastId = id;
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

const NULL: Buffer = Buffer.from('null');
const COMMA = Buffer.from(',');

/**
 * Answers each address (image-relative) in order, null where no loaded set knows it, as the UTF-8
 * JSON of `{"symbols": [...]}`. A batch is many addresses in few images and functions: the sets of
 * each image are found and opened once (opened indexes stay in a bounded per-process cache), and
 * each answer is serialized once per (image, object name, function line) and copied for every
 * address there.
 */
export async function lookupSystemSymbolsJson(
  deps: { db: DataSource; storage: BlobStore },
  organizationIds: number[],
  sdk: SdkVersion | null,
  symbols: LookupRequest[],
): Promise<Buffer> {
  const images = new Map<string, { caches: SymCache[]; name: string; answers: Map<string | null, Map<number, Buffer>>[] }>();
  for (const debugId of new Set(symbols.map((s) => s.debugId))) {
    const matches = await systemSymbolCandidates(deps.db, organizationIds, debugId, sdk);
    const opened = await Promise.all(matches.map((m) => openSymCache(deps.storage, m.symcacheKey)));
    const caches = opened.filter((c): c is SymCache => c instanceof SymCache);
    images.set(debugId, { caches, name: matches[0]?.objectName ?? '', answers: caches.map(() => new Map()) });
  }
  const parts: Buffer[] = [Buffer.from('{"symbols":[')];
  for (let i = 0; i < symbols.length; i++) {
    const s = symbols[i]!;
    const image = images.get(s.debugId)!;
    if (i > 0) parts.push(COMMA);
    let json: Buffer = NULL;
    for (let c = 0; s.addr >= 0 && c < image.caches.length; c++) {
      const cache = image.caches[c]!;
      const location = cache.outerLocation(s.addr);
      if (location < 0) continue;
      let byLocation = image.answers[c]!.get(s.objectName);
      if (!byLocation) image.answers[c]!.set(s.objectName, (byLocation = new Map()));
      let answer = byLocation.get(location);
      if (!answer) byLocation.set(location, (answer = Buffer.from(JSON.stringify(answerOf(s.debugId, s.objectName ?? image.name, cache.outerFrame(location))))));
      json = answer;
      break;
    }
    parts.push(json);
  }
  parts.push(Buffer.from(']}'));
  return Buffer.concat(parts);
}

function answerOf(debugId: string, objectName: string, frame: SymbolicatedFrame): LookupAnswer {
  return {
    object_uuid: debugId,
    object_name: objectName,
    symbol: frame.function,
    addr: `0x${frame.symbolAddress.toString(16)}`,
    ...(frame.file ? { filename: frame.file } : {}),
    ...(frame.line ? { lineno: frame.line } : {}),
  };
}
