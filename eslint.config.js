// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';
import layers from './api/layers.json' with { type: 'json' };

/**
 * Import boundaries between the top-level folders (see ARCHITECTURE.md): globs, or { regex }
 * where a glob cannot say "all but one folder".
 */
const boundary = (groups, message) => ({
  'no-restricted-imports': [
    'error',
    { patterns: groups.map((group) => (typeof group === 'string' ? { group: [group], message } : { ...group, message })) },
  ],
});

const API_BOUNDARY = { group: ['**/workers/**', '**/web/**'], message: 'api/ must not depend on workers/ (the workers depend on api/).' };
const folders = (names) => `(${names.join('|')})`;
/** Inside api/src: who may import whom (api/layers.json; dependency-cruiser checks the same and cycles). */
const apiLayers = [
  {
    files: [`api/src/${folders(layers.kits)}/**/*.ts`.replace(/\((.*)\)/, '{$1}').replaceAll('|', ',')],
    patterns: [{ regex: `^(\\.\\./)+${folders([...layers.domains, layers.root])}/`, message: 'Kits know no domain: pass what they need in, or move the code to its domain.' }],
  },
  ...layers.domains.map((domain, i) => ({
    files: [`api/src/${domain}/**/*.ts`],
    patterns: layers.domains.slice(i + 1).length
      ? [{ regex: `^(\\.\\./)+${folders([...layers.domains.slice(i + 1), layers.root])}/`, message: `${domain}/ may import only the domains before it in api/layers.json (and never server/).` }]
      : [{ regex: `^(\\.\\./)+${layers.root}/`, message: 'Only the processes and tests import the composition root.' }],
  })),
].map(({ files, patterns }) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          API_BOUNDARY,
          ...patterns,
          { regex: '\\.(resolver|routes)\\.js$', message: 'Resolvers and routes are mounted by the composition root (api/src/server/); use the owning domain\'s services and types.' },
        ],
      },
    ],
  },
}));

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
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['schema/**/*.ts'],
    rules: boundary(['**/api/**', '**/workers/**', '**/integrations/**', '**/web/**'], 'schema/ holds contracts only and imports nothing of ours.'),
  },
  {
    files: ['schema/src/search/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: boundary([{ regex: '^(?!\\./)' }], 'schema/src/search/ is shared with the dashboard: pure, it imports only its own files.'),
  },
  {
    files: ['integrations/**/*.ts'],
    rules: boundary(['**/api/**', '**/workers/**', '**/web/**'], 'integrations/ are adapters: they may import schema/ only, never the database or the API.'),
  },
  {
    files: ['api/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [API_BOUNDARY] }] },
  },
  ...apiLayers,
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
      ...boundary(
        ['**/api/**', '**/workers/**', '**/integrations/**', { regex: '/schema/src/(?!search(/|$))' }],
        'web/ talks to the API over GraphQL only (types come from schema/schema.graphql); it shares only the search language (schema/src/search/).',
      ),
    },
  },
);
