import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { minify } from 'terser';
import { REPO_ROOT } from './processes.js';

const run = promisify(execFile);
const SOURCES = path.join(REPO_ROOT, 'test/fixtures/sourcemaps');

export interface BuiltBundle {
  /** The folder sentry-cli uploads (`app.min.js` + `app.min.js.map`). */
  dir: string;
  file: string;
  mapFile: string;
  remove(): Promise<void>;
}

/**
 * Bundles test/fixtures/sourcemaps/src/app.js into `dist/app.min.js` with its map: minified by
 * esbuild, or bundled by esbuild and minified by terser (another minification of the same code).
 */
export async function buildMinifiedApp(minifier: 'esbuild' | 'terser', options: { sourcesContent?: boolean } = {}): Promise<BuiltBundle> {
  const root = await mkdtemp(path.join(tmpdir(), 'vigil-bundle-'));
  const dir = path.join(root, 'dist');
  const file = path.join(dir, 'app.min.js');
  const mapFile = `${file}.map`;
  const result = await build({
    entryPoints: [path.join(SOURCES, 'src/app.js')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    external: ['@sentry/node'],
    minify: minifier === 'esbuild',
    sourcemap: 'external',
    sourcesContent: options.sourcesContent ?? true,
    sourceRoot: '',
    outfile: file,
    write: false,
  });
  const code = result.outputFiles.find((f) => f.path === file)!.text;
  const map = result.outputFiles.find((f) => f.path === mapFile)!.text;
  // esbuild names sources relative to the output folder: make them the fixture's own relative paths.
  const relocated = JSON.parse(map) as { sources: string[] };
  relocated.sources = relocated.sources.map((source) => path.relative(SOURCES, path.resolve(dir, source)).split(path.sep).join('/'));
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  if (minifier === 'esbuild') {
    await writeFile(file, code.replace(/\/\/# sourceMappingURL=.*$/m, '//# sourceMappingURL=app.min.js.map'));
    await writeFile(mapFile, JSON.stringify(relocated));
  } else {
    const minified = await minify(code.replace(/\/\/# sourceMappingURL=.*$/m, ''), {
      mangle: { toplevel: true },
      compress: { toplevel: true, inline: false, reduce_funcs: false },
      sourceMap: { content: relocated as never, filename: 'app.min.js', url: 'app.min.js.map', includeSources: options.sourcesContent ?? true },
    });
    await writeFile(file, minified.code!);
    await writeFile(mapFile, typeof minified.map === 'string' ? minified.map : JSON.stringify(minified.map));
  }
  return { dir, file, mapFile, remove: () => rm(root, { recursive: true, force: true }) };
}

/** Runs the built app under the real @sentry/node (resolved from this checkout's node_modules). */
export async function runBundledApp(bundle: BuiltBundle, env: Record<string, string>): Promise<void> {
  await run('node', [bundle.file], { env: { ...process.env, NODE_PATH: path.join(REPO_ROOT, 'node_modules'), ...env }, timeout: 30_000 });
}

export const readText = (file: string): Promise<string> => readFile(file, 'utf8');
