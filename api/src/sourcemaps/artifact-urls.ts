/**
 * URL matching of release artifacts, as Sentry does it: `~/path` stands for the path on any
 * scheme and host, query strings may be left out.
 */

const TILDE_BASE = 'http://tilde.invalid';

/** Names an artifact for `absPath` may have been uploaded under, best match first. */
export function artifactUrlCandidates(absPath: string): string[] {
  const candidates: string[] = [];
  const add = (value: string) => {
    if (value && !candidates.includes(value)) candidates.push(value);
  };
  const withoutFragment = absPath.split('#')[0] ?? absPath;
  add(withoutFragment);
  let path: string;
  let query = '';
  const url = parseUrl(withoutFragment);
  if (url && url.protocol !== 'file:') {
    add(`${url.origin === 'null' ? `${url.protocol}//` : url.origin}${url.pathname}`);
    path = url.pathname;
    query = url.search;
  } else {
    path = url ? url.pathname : withoutFragment;
    add(path);
  }
  if (!path.startsWith('/')) path = `/${path}`;
  if (query) add(`~${path}${query}`);
  add(`~${path}`);
  // A server-side path (`/srv/app/dist/app.js`) was probably uploaded relative to its build folder.
  const segments = path.split('/').filter(Boolean);
  for (let i = 1; i < segments.length; i++) add(`~/${segments.slice(i).join('/')}`);
  return candidates;
}

/** `relative` (a sourceMappingURL, a map's source) resolved against the URL of the file naming it. */
export function resolveArtifactUrl(base: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(relative) || relative.startsWith('~/')) return relative;
  const tilde = base.startsWith('~/');
  const absoluteBase = tilde ? `${TILDE_BASE}${base.slice(1)}` : parseUrl(base) ? base : `file://${base.startsWith('/') ? '' : '/'}${base}`;
  try {
    const resolved = new URL(relative, absoluteBase).href;
    if (tilde) return `~${resolved.slice(TILDE_BASE.length)}`;
    if (!parseUrl(base)) return decodeURI(resolved.replace(/^file:\/\//, ''));
    return resolved;
  } catch {
    return relative;
  }
}

/** What the dashboard shows as a frame's file: the path inside the project, without bundler prefixes. */
export function displayFilename(source: string): string {
  let name = source.replace(/^~\//, '').replace(/^webpack:\/\/[^/]*\//, '').replace(/^webpack:\/\//, '');
  const url = parseUrl(name);
  if (url && url.protocol !== 'file:') name = url.pathname.replace(/^\//, '');
  while (name.startsWith('./') || name.startsWith('../')) name = name.replace(/^\.\.?\//, '');
  return name || source;
}

/** Library, bundler and CDN code is not the application's. */
export function isInAppSource(source: string, minifiedAbsPath: string | undefined): boolean {
  if (/(^|[\\/])node_modules[\\/]/.test(source)) return false;
  if (/^webpack\/(bootstrap|runtime)|^\(webpack\)|webpack:\/\/[^/]*\/webpack\/|^vite\/|\/@vite\/|\/@id\/|^\0/.test(source)) return false;
  if (source.startsWith('node:') || source.startsWith('internal/')) return false;
  return !(minifiedAbsPath && isCdnFile(minifiedAbsPath));
}

/** A minified file served by a public CDN (a library, whatever its map says). */
export function isCdnFile(absPath: string): boolean {
  const host = parseUrl(absPath)?.hostname;
  return host !== undefined && CDN_HOSTS.some((cdn) => host === cdn || host.endsWith(`.${cdn}`));
}

const CDN_HOSTS = ['unpkg.com', 'cdn.jsdelivr.net', 'cdnjs.cloudflare.com', 'esm.sh', 'cdn.skypack.dev', 'ajax.googleapis.com', 'code.jquery.com'];

function parseUrl(value: string): URL | null {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}
