/**
 * The files inside an upload: a zip archive (of dSYM bundles, ELF files, `.sym` files) is opened and
 * each member considered; anything else is one file. Bundle metadata is skipped, not rejected.
 */
import { unzipSync } from 'fflate';

export interface UploadedFile {
  name: string;
  bytes: Buffer;
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
/** Files a dSYM bundle or a macOS zip carries beside the debug information. */
const NOT_DEBUG_INFO = /(^|\/)(__MACOSX\/|\._[^/]*$|Info\.plist$|\.DS_Store$|[^/]*\.(?:plist|yml|yaml|json|txt|md)$)/;

export function isZip(bytes: Buffer): boolean {
  return bytes.length >= 4 && bytes.subarray(0, 4).equals(ZIP_MAGIC);
}

/** The candidate debug files of an upload (members of a zip, or the file itself). */
export function filesOfUpload(name: string, bytes: Buffer): UploadedFile[] {
  if (!isZip(bytes)) return [{ name, bytes }];
  const members = unzipSync(bytes, { filter: (file) => !file.name.endsWith('/') && !NOT_DEBUG_INFO.test(file.name) });
  return Object.entries(members).map(([member, data]) => ({ name: member, bytes: Buffer.from(data.buffer, data.byteOffset, data.byteLength) }));
}

/** The object name Sentry shows for a member: the bundle's binary name for dSYM contents, else the basename. */
export function objectNameOf(path: string): string {
  return path.split('/').pop() || path;
}
