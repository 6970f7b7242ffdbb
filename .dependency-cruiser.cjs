// Import rules over api/, workers/, schema/ and integrations/ (see ARCHITECTURE.md and api/layers.json).
// `npm run lint` runs this; `npm run lint:deps -- --output-type err-long` explains each violation.
const layers = require('./api/layers.json');

const src = 'api/src';
const kit = `^${src}/(${layers.kits.join('|')})/`;
const anyDomain = `^${src}/(${layers.domains.join('|')})/`;
const notTest = '\\.test\\.ts$';

/** A domain may import the domains before it in the order, never one after it. */
const domainOrder = layers.domains.slice(0, -1).map((domain, i) => ({
  name: `domain-order:${domain}`,
  comment: `${domain}/ may not import a domain that comes later in api/layers.json`,
  severity: 'error',
  from: { path: `^${src}/${domain}/`, pathNot: notTest },
  to: { path: `^${src}/(${layers.domains.slice(i + 1).join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Import cycles hide which way a dependency runs.',
      severity: 'error',
      from: { pathNot: notTest },
      to: { circular: true, viaOnly: { pathNot: notTest } },
    },
    {
      name: 'kits-know-no-domain',
      comment: 'graphql/, http/, auth/, db/, jobs/, pubsub/ are generic: domains plug into them, not the other way.',
      severity: 'error',
      from: { path: kit, pathNot: notTest },
      to: { path: anyDomain },
    },
    {
      name: 'base-knows-nothing',
      comment: 'config, logger, errors and validation are the floor everything stands on.',
      severity: 'error',
      from: { path: `^${src}/(${layers.base.map((b) => b.replace('.', '\\.')).join('|')})`, pathNot: notTest },
      to: { path: `^${src}/(${[...layers.kits, ...layers.domains, layers.root].join('|')})/` },
    },
    ...domainOrder,
    {
      name: 'resolvers-and-routes-only-from-the-root',
      comment: 'Resolvers and route files are mounted by the composition root; others use the owning domain\'s services and types.',
      severity: 'error',
      from: { pathNot: [`^${src}/${layers.root}/`, notTest] },
      to: { path: '\\.(resolver|routes)\\.ts$' },
    },
    {
      name: 'root-is-on-top',
      comment: 'Only the processes (workers/) and tests import the composition root.',
      severity: 'error',
      from: { path: `^${src}/`, pathNot: [`^${src}/${layers.root}/`, notTest] },
      to: { path: `^${src}/${layers.root}/` },
    },
    {
      name: 'schema-imports-nothing-of-ours',
      severity: 'error',
      from: { path: '^schema/' },
      to: { path: '^(api|workers|integrations|web)/' },
    },
    {
      name: 'integrations-are-adapters',
      comment: 'integrations/ may import schema/ only, never the database or the API.',
      severity: 'error',
      from: { path: '^integrations/' },
      to: { path: '^(api|workers|web)/' },
    },
    {
      name: 'api-below-workers',
      severity: 'error',
      from: { path: '^api/', pathNot: notTest },
      to: { path: '^(workers|web)/' },
    },
    {
      name: 'jobs-call-services',
      comment: 'Jobs and the consumer call domain services, never resolvers, the GraphQL or HTTP kits.',
      severity: 'error',
      from: { path: '^workers/src/', pathNot: ['^workers/src/cli/', notTest] },
      to: { path: `(\\.(resolver|routes)\\.ts$|^${src}/(graphql|http)/)` },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '^dist/', 'api/src/db/migrations/[0-9]'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
