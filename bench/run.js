// `npm run bench`: every benchmark, one table. Targets live in bench/README.md.
import { benchStartup } from './startup.js';

const rows = [...(await benchStartup())];
const width = Math.max(...rows.map((r) => r.metric.length));
process.stdout.write(`\n${'metric'.padEnd(width)} | value\n${'-'.repeat(width)}-|------\n`);
for (const row of rows) process.stdout.write(`${row.metric.padEnd(width)} | ${row.value}\n`);
