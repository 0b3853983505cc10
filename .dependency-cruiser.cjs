/**
 * The layering of docs/ARCHITECTURE.md ("Layers"), checked by `npm run lint`
 * (scripts/depcruise.mjs). From top to bottom; a module imports its own layer
 * and the layers below it, never above:
 *
 *   1. transport      src/main.ts, src/cli/, src/http/
 *   2. features       src/mail/, src/portal/, src/import/, src/reports/, src/backup/,
 *                     src/jobs/ but its runner (the registry, imported by cli/ only, and
 *                     the jobs that belong to no feature, such as housekeeping)
 *   3. domain         src/domain/, src/policies/, src/presenters/
 *   4. infrastructure src/db/, src/storage/, src/errors/, src/config.ts + src/config/, src/jobs/runner/
 *   5. shared         src/shared/: pure contracts, zod only
 *
 * web/src imports only web/src and src/shared (as `@shared/…`); src/ never
 * imports test/, bench/ or e2e/; no file loops anywhere. Type-only imports
 * count: a type is a door too. Tests beside the code (`*.test.ts`) may build
 * their data through any layer, so the layer rules hold production files;
 * no-circular and the web rule hold every file.
 */
const transport = '^src/(main\\.ts$|cli/|http/)';
const features = '^src/(mail|portal|import|reports|backup)/|^src/jobs/(?!runner/)';
const domain = '^src/(domain|policies|presenters)/';
const infrastructure = '^src/(db|storage|errors|config)/|^src/config\\.ts$|^src/jobs/runner/';
const above = (...layers) => ({ path: layers.join('|') });
/** Tests beside the code may build their data through any layer; the rules hold production files. */
const tests = '\\.test\\.tsx?$';
const production = (path) => ({ path, pathNot: tests });
const chartOptions = '^src/shared/reports/render/chart-options\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A file loop: one of the files belongs to the other (or a type moves down to both).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'features-not-to-transport',
      severity: 'error',
      comment:
        'mail/, portal/, import/, reports/, backup/ and jobs/ (but its runner) never import http/ or cli/.',
      from: production(features),
      to: above(transport),
    },
    {
      name: 'domain-not-up',
      severity: 'error',
      comment: 'domain/, policies/, presenters/ import only the domain and below.',
      from: production(domain),
      to: above(transport, features),
    },
    {
      name: 'infrastructure-not-up',
      severity: 'error',
      comment:
        'db/, storage/, errors/, config.ts and jobs/runner import only infrastructure and shared/.',
      from: production(infrastructure),
      to: above(transport, features, domain),
    },
    {
      name: 'job-runner-only-db',
      severity: 'error',
      comment: 'The generic job runner imports db/ only (and its own files).',
      from: production('^src/jobs/runner/'),
      to: { path: '^src/', pathNot: '^src/(db|jobs/runner)/' },
    },
    {
      name: 'job-registry-only-from-cli',
      severity: 'error',
      comment: 'The job registry imports handlers from everywhere: only cli/ starts it.',
      from: { path: '^src/', pathNot: `^src/(cli/|jobs/registry)|${tests}` },
      to: { path: '^src/jobs/registry' },
    },
    {
      name: 'shared-only-shared',
      severity: 'error',
      comment: 'src/shared/ is read by the server and the web app: it imports only src/shared/.',
      from: { path: '^src/shared/' },
      to: { path: '^(src|web|test|bench|e2e)/', pathNot: '^src/shared/' },
    },
    {
      name: 'shared-no-packages',
      severity: 'error',
      comment: 'src/shared/ imports zod and no other package, no Node or DOM module.',
      from: { path: '^src/shared/', pathNot: `${tests}|${chartOptions}` },
      to: { dependencyTypesNot: ['local'], pathNot: '^node_modules/zod/' },
    },
    {
      name: 'shared-chart-options-echarts-types',
      severity: 'error',
      comment:
        'chart-options.ts builds ECharts options: it may import echarts, for its types only.',
      from: { path: chartOptions },
      to: { dependencyTypesNot: ['local'], pathNot: '^node_modules/(zod|echarts)/' },
    },
    {
      name: 'web-only-web-and-shared',
      severity: 'error',
      comment:
        'web/src imports web/src and src/shared (through `@shared/…`), never other server folders.',
      from: { path: '^web/src/' },
      to: { path: '^(src|test|bench|e2e)/', pathNot: '^src/shared/' },
    },
    {
      name: 'web-no-node',
      severity: 'error',
      comment: 'The web app runs in a browser: no Node built-in modules.',
      from: production('^web/src/'),
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'src-not-to-tests',
      severity: 'error',
      comment: 'Production code never imports test/, bench/ or e2e/ (tests beside the code may).',
      from: production('^src/'),
      to: { path: '^(test|bench|e2e)/' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    // TypeScript 7 has no JavaScript API: swc parses (scripts/depcruise.mjs adds .tsx).
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
