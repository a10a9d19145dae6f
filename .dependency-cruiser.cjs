/** Dependency rules of docs/ARCHITECTURE.md, checked in CI (`npm run depcheck`). */
const notTest = '\\.test\\.ts$';
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is pure domain logic: it imports nothing else of ours (and no I/O).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: notTest },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'core-no-io',
      comment: 'src/core does no I/O: no node built-ins for files, network, processes or databases.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: notTest },
      to: {
        path: '^(fs|net|http|https|child_process|pg|drizzle-orm|node:fs|node:net|node:http|node:https|node:child_process)$|node_modules/(pg|drizzle-orm|fastify)/',
      },
    },
    {
      name: 'contracts-only-core',
      comment: 'src/contracts (schemas shared with the web app) may use only src/core.',
      severity: 'error',
      from: { path: '^src/contracts/' },
      to: { path: '^src/', pathNot: ['^src/core/', '^src/contracts/'] },
    },
    {
      name: 'features-through-index',
      comment: 'A feature reaches another feature only through its index.ts.',
      severity: 'error',
      from: { path: '^src/features/([^/]+)/', pathNot: notTest },
      to: { path: '^src/features/', pathNot: ['^src/features/$1/', '^src/features/[^/]+/index\\.ts$'] },
    },
    {
      name: 'infrastructure-knows-no-features',
      comment: 'platform, db, http and jobs are used by features, never the other way round.',
      severity: 'error',
      from: { path: '^src/(platform|db|http|jobs)/', pathNot: notTest },
      to: { path: '^src/(features|main|cli)/' },
    },
    {
      name: 'web-only-core-and-contracts',
      comment: 'The web app shares only core and contracts with the server.',
      severity: 'error',
      from: { path: '^src/web/' },
      to: { path: '^src/', pathNot: ['^src/web/', '^src/core/', '^src/contracts/'] },
    },
    {
      name: 'only-main-wires',
      comment: 'Only the composition roots in src/main import src/main.',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/main/'] },
      to: { path: '^src/main/' },
    },
    { name: 'no-circular', severity: 'error', from: { pathNot: notTest }, to: { circular: true } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|node_modules)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
