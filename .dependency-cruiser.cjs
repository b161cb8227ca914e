// The house's import rules, checked by test/project/dependency-rules.test.ts on every `npm test`.
// The server's domains form one order, lowest first: a folder may import its own files and those of
// folders listed before it, never one listed after. The README's Layout section draws the same order.
const SERVER_LAYERS = [
  // the ground: no domain knowledge
  ['project-root.ts', 'config.ts'],
  ['errors'],
  ['time'],
  ['db'],
  ['http'],
  ['i18n'],
  ['markdown'],
  // infrastructure every domain writes through
  ['events'],
  ['audit'],
  ['mail'],
  ['auth'],
  ['plugins'],
  ['translation-policy'],
  ['forums'],
  ['notifications'],
  ['attachments'],
  ['consent'],
  // feature domains
  ['discussions'],
  ['readings'],
  ['questions'],
  ['case-studies'],
  ['synthesis'],
  ['weeks'],
  ['proceedings'],
  ['applications'],
  ['people'],
  ['translations'],
  ['analytics'],
  ['search'],
  ['moderation'],
  ['privacy'],
  ['home'],
  ['content'],
  ['realtime'],
  ['health'],
  // composition: the app, the demo seed, the process entry
  ['demo'],
  ['app.ts'],
  ['main.ts'],
];

const pathOf = (names) => `^server/(${names.map((n) => n.replace(/\./g, '\\.')).join('|')})(/|$)`;

const layerRules = SERVER_LAYERS.slice(0, -1).map((names, index) => ({
  name: `layer-order:${names.join('+')}`,
  comment: `server/${names.join(', server/')} may not import a domain above it in .dependency-cruiser.cjs`,
  severity: 'error',
  from: { path: pathOf(names) },
  to: { path: pathOf(SERVER_LAYERS.slice(index + 1).flat()) },
}));

// Pure modules the SPA owns and the server reuses so that both count and name things alike.
const SHARED_WEB_MODULES = '^web/src/(text/word-count|time/zone-names|readings/attachment-limit)\\.ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'Files that import each other, directly or around a loop, cannot be understood one at a time.',
      severity: 'error',
      from: { path: '^(server|web/src)/' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'every-server-folder-has-a-layer',
      comment: 'A new server folder gets its place in SERVER_LAYERS, so the order stays whole.',
      severity: 'error',
      from: { path: '^server/', pathNot: pathOf(SERVER_LAYERS.flat()) },
      to: {},
    },
    {
      name: 'no-test-code-in-shipped-code',
      severity: 'error',
      from: { path: '^(server|web/src|migrations)/' },
      to: { path: '^(test|bench)/' },
    },
    {
      name: 'spa-takes-only-types-from-the-server',
      comment:
        'The SPA may import the server contract as types (erased at build); server runtime code never ships to browsers.',
      severity: 'error',
      from: { path: '^web/src/' },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-reuses-only-pure-spa-modules',
      severity: 'error',
      from: { path: '^(server|migrations)/' },
      to: { path: '^web/', pathNot: SHARED_WEB_MODULES },
    },
    {
      name: 'shared-spa-modules-stay-pure',
      comment: 'What the server reuses from web/src must not pull in the SPA framework or other SPA files.',
      severity: 'error',
      from: { path: SHARED_WEB_MODULES },
      to: { pathNot: '^server/' },
    },
    {
      name: 'shared-spa-modules-take-only-types',
      severity: 'error',
      from: { path: SHARED_WEB_MODULES },
      to: { path: '^server/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-dev-dependency-at-run-time',
      comment:
        'The server runs with production dependencies only; dev dependencies are for tests, the build and types.',
      severity: 'error',
      from: { path: '^(server|migrations)/', pathNot: '\\.cli\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
    reporterOptions: {
      dot: { collapsePattern: '^(server/[^/]+|web/src/[^/]+)', theme: { graph: { rankdir: 'BT' } } },
    },
  },
};

// Readable by the layer test and the README check, invisible to the cruiser's own config validation.
Object.defineProperty(module.exports, 'SERVER_LAYERS', { value: SERVER_LAYERS, enumerable: false });
