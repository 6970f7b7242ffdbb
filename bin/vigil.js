#!/usr/bin/env node
// The `vigil` command. Runs the compiled CLI; `npm install` and `npm start` build it.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/workers/src/cli/vigil.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('vigil: not built yet; run `npm run build` (npm install does it for you).\n');
  process.exit(1);
}
process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--enable-source-maps'].filter(Boolean).join(' ');
await import(entry.href);
