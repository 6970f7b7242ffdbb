import { badInput } from '../errors.js';

export const MAX_VERSION_LENGTH = 200;

// Control characters (newlines, tabs, NUL…) and path separators, which Sentry refuses too.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f/\\]/;

/** Why Sentry would refuse this version, or null when it is fine (`web@1.2.3+build.7`, `2024.01 rc1`). */
export function releaseVersionProblem(version: string): string | null {
  if (version.length === 0) return 'must not be empty';
  if (version.length > MAX_VERSION_LENGTH) return `must be at most ${MAX_VERSION_LENGTH} characters`;
  if (version.trim() !== version) return 'must not start or end with whitespace';
  if (FORBIDDEN.test(version)) return 'must not contain "/", "\\", newlines or other control characters';
  if (version === '.' || version === '..' || version.toLowerCase() === 'latest') return `"${version}" is reserved`;
  return null;
}

export function assertReleaseVersion(version: unknown): string {
  if (typeof version !== 'string') throw badInput('version is required', 'version');
  const problem = releaseVersionProblem(version);
  if (problem) throw badInput(`Invalid release version: it ${problem}`, 'version');
  return version;
}

const COMMIT_SHA = /^[0-9a-f]{40}$|^[0-9a-f]{64}$/i;

/** What lists show: the part after `package@`, and a commit SHA cut to 12 characters, as Sentry does. */
export function shortReleaseVersion(version: string): string {
  const at = version.indexOf('@');
  const bare = at > 0 && at < version.length - 1 ? version.slice(at + 1) : version;
  return COMMIT_SHA.test(bare) ? bare.slice(0, 12) : bare;
}
