import type { CodegenConfig } from '@graphql-codegen/cli';

/** Types and typed documents from the committed schema and the `graphql(...)` calls in src/. */
const config: CodegenConfig = {
  schema: '../schema/schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/graphql/generated/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/graphql/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        scalars: { DateTimeISO: 'string', JSON: 'unknown', JSONObject: 'Record<string, unknown>' },
        avoidOptionals: { field: true, inputValue: false, object: true, defaultValue: false },
      },
    },
    // The schema for graphcache: union/interface matching and partial results.
    'src/graphql/generated/introspection.ts': { plugins: ['urql-introspection'], config: { module: 'es2015', useTypeImports: true } },
  },
};

export default config;
