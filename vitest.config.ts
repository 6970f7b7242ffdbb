import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  plugins: [
    // esbuild emits no decorator metadata, which type-graphql and TypeORM need: compile with SWC.
    swc.vite({
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        target: 'es2022',
        keepClassNames: true,
        transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      },
    }),
  ],
  resolve: {
    // One graphql module for everyone: Node loads the CommonJS entry for dependencies, so must we.
    alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }],
  },
  test: {
    include: ['{api,workers,schema,integrations,test}/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    pool: 'forks',
    // Files spend most of their time waiting on PostgreSQL, servers, browsers and child processes:
    // vitest's default (cores - 1) leaves a 2-core machine running one file at a time.
    maxWorkers: Math.max(2, availableParallelism()) + 1,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
  },
});
