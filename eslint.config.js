// One lint config for the whole tree. The `no-restricted-imports` blocks are the layering
// fences of DESIGN.md: shared/ is pure, renderer/ never reaches Node or Electron, and only
// electron/main may import 'electron'. `import-x/no-cycle` keeps the module graph acyclic.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'child_process',
  'worker_threads',
  'url',
  'crypto',
  'http',
  'net',
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'dist', 'release', 'test-results', 'coverage'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // No import cycles: a module that needs something from one that imports it takes it through a
    // hook on the object it works on (World.arrive, REdge.fault) or a registry filled from a
    // composition root (engine/engineActions.ts). Type-only imports are left out on purpose (the
    // rule skips `import type`): they vanish at compile time, and records that point at each
    // other (World ↔ graph nodes) are typed that way.
    files: ['shared/**/*.ts', 'electron/**/*.ts', 'renderer/src/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js'] })],
    },
    rules: { 'import-x/no-cycle': 'error' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'electron',
                'react',
                'react-dom',
                'zustand',
                'zustand/*',
                '@xyflow/*',
                ...nodeBuiltins,
              ],
              message:
                'shared/ is pure TypeScript: no Electron, React, Node or DOM (STYLE.md habit 2).',
            },
            {
              group: ['**/renderer/**', '**/electron/**'],
              message: 'shared/ never imports from the hosts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['shared/engine/**/*.ts', 'shared/drills/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'Date',
          message: 'The engine has a virtual clock; no wall clock (STYLE.md habit 3).',
        },
        { name: 'performance', message: 'The engine has a virtual clock; no wall clock.' },
        { name: 'setTimeout', message: 'Use the kernel timers.' },
        { name: 'setInterval', message: 'Use the kernel timers.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: "Use the run's seeded generator." },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', ...nodeBuiltins],
              message: 'renderer/ goes through renderer/src/platform, never Node or Electron.',
            },
            { group: ['**/electron/**'], message: 'renderer/ never imports from electron/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/node/**/*.ts', 'electron/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }],
        },
      ],
    },
  },
  {
    files: ['electron/node/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                "electron/node has no 'electron' import so it runs and is tested in plain Node.",
            },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'electron/ never imports renderer/.' }],
        },
      ],
    },
  },
  {
    files: [
      'electron/**/*.ts',
      'scripts/**/*.{js,mjs,ts}',
      'bin/**/*.mjs',
      'tests/**/*.ts',
      '*.config.{js,ts}',
    ],
    languageOptions: { globals: { ...globals.node } },
  },
);
