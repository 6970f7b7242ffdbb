import { defineConfig } from 'vitest/config';
import base from '../../vitest.config.js';

/** `npm run screenshots`: the docs/screenshots/ runner, never part of `npm test`. */
export default defineConfig({ ...base, test: { ...base.test, include: ['test/e2e/screenshots.ts'], reporters: ['default'] } });
