// `npm run bench`: every benchmark, one table; `npm run bench -- ingest` (or `npm run bench:abuse`) runs one. Targets: bench/README.md.
import { benchAbuse } from './abuse.js';
import { benchIngest } from './ingest.js';
import { benchSourcemaps } from './sourcemaps.js';
import { benchScaleOut } from './scale-out.js';
import { benchScale } from './scale.js';
import { benchStartup } from './startup.js';
import { benchSymbolicate } from './symbolicate.js';

import { benchSymbolicateApi } from './symbolicate-api.js';

const BENCHMARKS = { startup: benchStartup, ingest: benchIngest, scale: benchScale, 'scale-out': benchScaleOut, abuse: benchAbuse, symbolicate: benchSymbolicate, 'symbolicate-api': benchSymbolicateApi, sourcemaps: benchSourcemaps };
const selected = process.argv.slice(2).filter((name) => name in BENCHMARKS);
const rows = [];
for (const name of selected.length ? selected : Object.keys(BENCHMARKS)) rows.push(...(await BENCHMARKS[name]()));
const width = Math.max(...rows.map((r) => r.metric.length));
process.stdout.write(`\n${'metric'.padEnd(width)} | value\n${'-'.repeat(width)}-|------\n`);
for (const row of rows) process.stdout.write(`${row.metric.padEnd(width)} | ${row.value}\n`);
