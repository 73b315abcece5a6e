/** Import rules (DESIGN.md "Layout"): arrows point one way. Checked by `npm run lint`. */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'rules-do-no-io',
      comment: 'A *.rules.ts file is pure: no SDK, no database, no platform, no file system or network.',
      severity: 'error',
      from: { path: '^cloudfunctions/_core/[^/]+/[^/]+\\.rules\\.ts$' },
      to: {
        path: [
          'wx-server-sdk',
          '\\.repo\\.ts$',
          '^cloudfunctions/_core/runtime/(db|context|audit|serve|secrets|log)\\.ts$',
          '^cloudfunctions/_core/platform/',
          '^(node:)?(fs|http|https|net|child_process|dgram|crypto)$',
        ],
      },
    },
    {
      name: 'functions-stay-out-of-app-and-local',
      severity: 'error',
      from: { path: '^cloudfunctions/' },
      to: { path: '^(src|local|tests|bench)/' },
    },
    {
      name: 'types-import-only-zod',
      severity: 'error',
      from: { path: '^types/' },
      to: { pathNot: ['^types/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'app-talks-only-through-the-contract',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(cloudfunctions|local|tests|bench)/' },
    },
    {
      name: 'main-package-not-into-subpackages',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/packages/' },
      to: { path: '^src/packages/' },
    },
    {
      name: 'repos-do-not-import-actions',
      severity: 'error',
      from: { path: '^cloudfunctions/_core/' },
      to: { path: '^cloudfunctions/[^_][^/]*/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
}
