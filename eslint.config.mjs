// Lint for the workspace: typescript-eslint's recommended rules, type-only imports written as such, and the import
// boundaries of the plugin's layers (STYLE.md §1): the pure core (ledger/, engine/) does no IO, and nothing below the
// faces imports a face (cli/, executors/, mcp/).
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'node:fs',
  'fs',
  'node:fs/promises',
  'fs/promises',
  'node:child_process',
  'child_process',
  'node:net',
  'net',
  'node:http',
  'http',
  'node:https',
  'https',
  'better-sqlite3',
  'pg',
];
// An executor's schema.json is the options contract the core validates against (data, not code): it may be read.
const FACES = ['(^|/)(cli|mcp)/', '(^|/)executors/(?!\\w+/schema\\.json$)'];

const restrict = (groups, why) => ({
  'no-restricted-imports': [
    'error',
    { paths: IO_MODULES.filter(() => groups.io).map((name) => ({ name, message: why })), patterns: groups.patterns.map((regex) => ({ regex, message: why })) },
  ],
});

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/dist-bench/**',
      '**/node_modules/**',
      'tmp/**',
      '.nx/**',
      'tools/sot-sync/bin/**',
      'tools/sot-sync/plugin.js',
      'tools/sot-sync/scripts/**',
      '**/*.js',
      '**/*.cjs',
      '**/*.mjs',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Drivers and optional modules are loaded lazily with require() so a command loads only what it uses.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['tools/sot-sync/src/ledger/**/*.ts', 'tools/sot-sync/src/engine/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(
      { io: true, patterns: [...FACES, '(^|/)(io|targets|lock|http|sync)/'] },
      'ledger/ and engine/ are the pure core: they take text and data as arguments and do no IO (STYLE.md §1)',
    ),
  },
  {
    files: ['tools/sot-sync/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'tools/sot-sync/src/cli/**', 'tools/sot-sync/src/mcp/**', 'tools/sot-sync/src/ledger/**', 'tools/sot-sync/src/engine/**'],
    rules: restrict(
      { io: false, patterns: FACES },
      'the core and its adapters never import a face (cli/, executors/, mcp/): what two faces share lives in the core',
    ),
  },
  {
    files: ['tools/sot-sync/src/mcp/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(
      { io: false, patterns: ['(^|/)cli/', '(^|/)executors/(?!\\w+/schema\\.json$)'] },
      'a face does not import another face: what the CLI and the MCP server share lives in the core (src/retrieval, src/sync)',
    ),
  },
  {
    files: ['tools/sot-sync/executors/**/*.ts', 'tools/sot-sync/generators/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: restrict(
      { io: false, patterns: ['(^|/)src/(cli|mcp)/'] },
      'a face does not import another face: use the core (src/config, src/sync, src/io, src/runtime)',
    ),
  },
);
