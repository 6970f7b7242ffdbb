/**
 * String normalizers for grouping. They erase what varies between deploys, builds and occurrences
 * of the same problem (checkout directories, bundle hashes, versions, ids inside messages) so that
 * the same bug hashes the same everywhere. Pure functions; frame strings are memoized because the
 * same filenames and functions repeat across nearly every event of a project.
 */

const CACHE_LIMIT = 10_000;

function memoize(normalize: (input: string) => string): (input: string) => string {
  const cache = new Map<string, string>();
  return (input) => {
    const cached = cache.get(input);
    if (cached !== undefined) return cached;
    const result = normalize(input);
    // Clearing when full is cheaper than LRU bookkeeping and still bounds memory.
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(input, result);
    return result;
  };
}

/** Semver-ish versions (`1.2.3`, `v1.2`, `4.17.21-beta.1`): they change on every release. */
const VERSION_TOKEN =
  /(?<![A-Za-z0-9])(?:v?\d+\.\d+\.\d+|v\d+\.\d+)(?:[-+](?:alpha|beta|rc|pre|canary|next|dev)(?:\.?\d+)*)?(?![A-Za-z0-9])/g;
/** A standalone run of 7+ hex digits with at least one digit: content hashes, build ids, CGLIB suffixes. */
const HASH_TOKEN = /(?<![A-Za-z0-9])(?=[a-fA-F]*\d)[0-9a-fA-F]{7,}(?![A-Za-z0-9])/g;

function replaceVolatileTokens(text: string): string {
  return text.replace(VERSION_TOKEN, '<version>').replace(HASH_TOKEN, '<hash>');
}

/** Vite/Rollup-style `index-DiwrgTda.js`: an 8-character base64url hash right before the extension. */
const BUNDLER_HASH_SUFFIX = /-([A-Za-z0-9_-]{8})(\.[A-Za-z0-9]+)$/;
const EXTENSION = /\.[A-Za-z0-9]+$/;

function normalizeBasename(basename: string): string {
  let name = replaceVolatileTokens(basename);
  const suffix = BUNDLER_HASH_SUFFIX.exec(name);
  // Require digits, `-`/`_` or inner capitals so ordinary words ("user-settings.js") survive.
  if (suffix?.[1] && (/[\d_-]/.test(suffix[1]) || (/[A-Z]/.test(suffix[1].slice(1)) && /[a-z]/.test(suffix[1])))) {
    name = `${name.slice(0, suffix.index)}-<hash>${suffix[2] ?? ''}`;
  }
  return name.replace(EXTENSION, (extension) => extension.toLowerCase());
}

/** Directories that start the in-repository part of a path; the checkout location before them varies. */
const STRONG_ROOT_DIRS = new Set(['src', 'packages', 'apps']);
/** Also common names for the deploy/CI directory itself (`/srv/app`, `/home/ci/build`): use the last one. */
const WEAK_ROOT_DIRS = new Set(['lib', 'dist', 'build', 'out', 'app', 'server', 'source', 'public', 'www']);

/** Trims an absolute filesystem path to the part that is the same on every machine. */
function appRelativeSegments(segments: string[]): string[] {
  const directories = segments.length - 1;
  const lastNodeModules = segments.lastIndexOf('node_modules');
  // Dependencies: everything up to the last node_modules is install layout (pnpm's .pnpm store included).
  if (lastNodeModules >= 0 && lastNodeModules < directories) return segments.slice(lastNodeModules);
  for (let index = 0; index < directories; index++) {
    if (STRONG_ROOT_DIRS.has(segments[index] ?? '')) return segments.slice(index);
  }
  for (let index = directories - 1; index >= 0; index--) {
    if (WEAK_ROOT_DIRS.has(segments[index] ?? '')) return segments.slice(index);
  }
  return segments.slice(-2);
}

const URL_PREFIX = /^([A-Za-z][A-Za-z0-9+.-]*):\/\/[^/]*/;
const WINDOWS_DRIVE = /^\/?[A-Za-z]:\//;

/**
 * `https://cdn.example.com/static/app.3f2a91c.js?v=2` → `static/app.<hash>.js`;
 * `/home/ci/build/src/cart.js` and `/srv/app/src/cart.js` → `src/cart.js`.
 */
export const normalizeFilename = memoize((raw: string): string => {
  let path = raw.replace(/[?#].*$/s, '').replace(/\\/g, '/');
  let isFilesystemPath: boolean;
  const urlPrefix = URL_PREFIX.exec(path);
  if (urlPrefix) {
    // Hosts differ between CDNs and environments; `file://` URLs are filesystem paths in disguise.
    path = path.slice(urlPrefix[0].length);
    isFilesystemPath = urlPrefix[1]?.toLowerCase() === 'file';
  } else {
    isFilesystemPath = path.startsWith('/') || WINDOWS_DRIVE.test(path);
  }
  path = path.replace(WINDOWS_DRIVE, '/');
  let segments = path.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return raw;
  if (isFilesystemPath) segments = appRelativeSegments(segments);
  const last = segments.length - 1;
  return segments.map((segment, index) => (index === last ? normalizeBasename(segment) : replaceVolatileTokens(segment))).join('/');
});

/** Module names (`services:cart`, `com.acme.Cart$$EnhancerBySpringCGLIB$$5f3a2b1c`) are already app-relative. */
export const normalizeModule = memoize((raw: string): string => replaceVolatileTokens(raw.trim()));

const FUNCTION_REWRITES: [RegExp, string][] = [
  [/\s+\[as [^\]]*\]$/, ''], // V8 alias suffix: depends on how the function was reached
  [/^async\*?\s+/, ''],
  [/^Object\.<anonymous>$/, '<anonymous>'],
  [/\blambda\$(\w+)\$\d+\b/g, 'lambda$$$1'], // Java lambdas are numbered per compilation
  [/\$\$Lambda\$\d+(?:\/0x[0-9a-fA-F]+)?/g, '$$$$Lambda'],
  [/<([\w$]+)>([a-z])__[\w]+/g, '<$1>$2__'], // .NET compiler-generated closures/state machines
  [/^block \(\d+ levels\) in /, 'block in '], // Ruby nesting depth
];
const MEANINGLESS_FUNCTIONS = new Set(['?', '<unknown>', 'unknown']);

/** Empty string when the name carries no information. */
export const normalizeFunctionName = memoize((raw: string): string => {
  let name = raw.trim();
  for (const [pattern, replacement] of FUNCTION_REWRITES) name = name.replace(pattern, replacement);
  name = replaceVolatileTokens(name);
  return MEANINGLESS_FUNCTIONS.has(name) ? '' : name;
});

/** Order matters where patterns overlap at one position: the first listed wins (uuid before hex, date before int). */
const MESSAGE_PARAMETERS: [placeholder: string, pattern: string][] = [
  ['<email>', String.raw`(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+`],
  // Starts only where a scheme can start, and schemes are short: otherwise "a.a.a.…" backtracks quadratically.
  ['<url>', String.raw`(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,31}:\/\/[^\s'"<>()\[\]{}]+`],
  ['<uuid>', String.raw`\b[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\b`],
  ['<date>', String.raw`\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`],
  ['<time>', String.raw`\b\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?\b`],
  ['<ip>', String.raw`\b(?:\d{1,3}\.){3}\d{1,3}\b`],
  ['<ip>', String.raw`(?<![\w:])(?:[0-9a-fA-F]{0,4}:){2,7}[0-9a-fA-F]{1,4}(?![\w:])`],
  ['<path>', String.raw`(?<![\w.:/~-])(?:~|\.{1,2})?(?:\/[\w.@+~-]+){2,}\/?`],
  ['<path>', String.raw`\b[A-Za-z]:\\[^\s'"<>|*?]+`],
  ['<hex>', String.raw`\b0[xX][0-9a-fA-F]+\b`],
  ['<hex>', String.raw`\b(?=[0-9]*[a-fA-F])(?=[a-fA-F]*[0-9])[0-9a-fA-F]{8,}\b`],
  ['<duration>', String.raw`\b\d+(?:\.\d+)?\s?(?:ms|us|µs|ns|s|secs?|seconds?|mins?|minutes?|h|hrs?|hours?|days?)\b`],
  ['<float>', String.raw`\b\d+\.\d+\b`],
  ['<int>', String.raw`\b\d+\b`],
];
// One alternation scans the message once instead of once per pattern.
const MESSAGE_PARAMETER_REGEX = new RegExp(MESSAGE_PARAMETERS.map(([, pattern]) => `(${pattern})`).join('|'), 'g');

/**
 * Replaces values that differ between occurrences with placeholders:
 * "User 42 not found (req 3fa85f64-…)" → "User <int> not found (req <uuid>)".
 * Quoted strings are kept on purpose: in JS errors they name the property or module at fault.
 */
export function parameterizeMessage(message: string): string {
  return message.trim().replace(MESSAGE_PARAMETER_REGEX, (...match: unknown[]) => {
    for (let index = 0; index < MESSAGE_PARAMETERS.length; index++) {
      if (match[index + 1] !== undefined) return MESSAGE_PARAMETERS[index]?.[0] ?? '';
    }
    return String(match[0]);
  });
}
