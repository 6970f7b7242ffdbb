// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Import boundaries between the top-level folders (see ARCHITECTURE.md). */
const boundary = (groups, message) => ({
  'no-restricted-imports': ['error', { patterns: groups.map((group) => ({ group: [group], message })) }],
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.vigil/', 'coverage/', 'web/dist/', 'web/src/graphql/generated/', 'api/src/db/migrations/*-*.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-console': 'error',
    },
  },
  {
    files: ['schema/**/*.ts'],
    rules: boundary(['**/api/**', '**/workers/**', '**/integrations/**', '**/web/**'], 'schema/ holds contracts only and imports nothing of ours.'),
  },
  {
    files: ['integrations/**/*.ts'],
    rules: boundary(['**/api/**', '**/workers/**', '**/web/**'], 'integrations/ are adapters: they may import schema/ only, never the database or the API.'),
  },
  {
    files: ['api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: boundary(['**/workers/**', '**/web/**'], 'api/ must not depend on workers/ (the workers depend on api/).'),
  },
  {
    files: ['workers/src/**/*.ts'],
    ignores: ['workers/src/cli/**'],
    rules: boundary(
      ['**/*.resolver.js', '**/api/src/graphql/**', '**/api/src/http/**', '**/web/**'],
      'Jobs call domain services, never resolvers or the HTTP layer.',
    ),
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      ...boundary(['**/api/**', '**/workers/**', '**/integrations/**', '**/schema/src/**'], 'web/ talks to the API over GraphQL only (types come from schema/schema.graphql).'),
    },
  },
);
