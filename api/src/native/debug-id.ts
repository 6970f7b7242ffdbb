/**
 * Debug identifiers as rust-debugid and Sentry write them: canonical form is a lower-case dashed
 * UUID, plus `-{appendix:x}` when the appendix (PDB age) is not 0. Breakpad's form is accepted too
 * (32 hex digits + age), as is a raw ELF build id (the digits past 32 are ignored, like the CLI).
 */
const DEBUG_ID = /^([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?:-?([0-9a-f]{1,8}))?[0-9a-f]{0,24}$/i;

/** The canonical debug id, or null when `raw` is not one. */
export function parseDebugId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const match = DEBUG_ID.exec(raw.trim());
  if (!match) return null;
  const uuid = match.slice(1, 6).join('-').toLowerCase();
  const appendix = match[6] ? parseInt(match[6], 16) : 0;
  return appendix > 0 ? `${uuid}-${appendix.toString(16)}` : uuid;
}

/** Code ids are opaque strings; compared without dashes, lower-case. */
export function normalizeCodeId(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const hex = raw.replace(/-/g, '').toLowerCase();
  return /^[0-9a-f]+$/.test(hex) ? hex : null;
}

/** Breakpad's MODULE id: upper-case UUID digits, lower-case age (always at least one digit). */
export function breakpadId(debugId: string): string {
  const [a, b, c, d, e, appendix] = debugId.split('-');
  return `${[a, b, c, d, e].join('').toUpperCase()}${appendix ?? '0'}`;
}

/** A plain UUID (no appendix): what Apple system images carry and the system symbol sets key on. */
export function isPlainUuid(debugId: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(debugId);
}
