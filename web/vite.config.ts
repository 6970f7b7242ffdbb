import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

/** `npm run dev` proxies the API of a Vigil running on VIGIL_URL (default http://127.0.0.1:8000). */
const api = process.env.VIGIL_URL ?? 'http://127.0.0.1:8000';

export default defineConfig(({ command }) => {
  // Builds are for production even when started from a test run (vitest sets NODE_ENV=test).
  if (command === 'build') process.env.NODE_ENV = 'production';
  return {
    plugins: [react()],
    build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1000 },
    server: {
      proxy: {
        // Vigil accepts cookie-authenticated sockets only from its own origin; the dev server speaks for it.
        '/graphql': { target: api, ws: true, headers: { origin: new URL(api).origin } },
        '/api': { target: api },
      },
    },
    test: {
      environment: 'happy-dom',
      include: ['src/**/*.test.{ts,tsx}'],
      setupFiles: ['src/test/setup.ts'],
      reporters: ['default', '../test/summary-reporter.ts'],
    },
  };
});
