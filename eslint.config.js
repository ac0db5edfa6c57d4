import js from '@eslint/js';
import formatjs from 'eslint-plugin-formatjs';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The Electron edge of main/: the entry point and the adapters in main/platform/. Every other
 * main/ module is plain TypeScript and may import neither `electron` nor an adapter (which would
 * reach `electron` one step further; test/unit/boundaries.test.ts walks the whole import graph).
 */
const electronEdge = ['main/index.ts', 'main/platform/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    // Type-aware, for the product's code only (tests and scripts would double the time): a promise
    // nobody awaits loses its rejection, and one handed to a callback that ignores it is not waited for.
    files: ['main/**/*.ts', 'contract/**/*.ts', 'preload/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    files: ['scripts/**/*.ts', 'test/**/*.ts', 'bin/**/*.js'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['main/**/*.ts'],
    ignores: electronEdge,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Services stay Electron-free; put Electron calls in an adapter in main/platform/.' },
            {
              name: 'commander',
              message:
                "Import from '@commander-js/extra-typings' (the same commander, typed): a command's option types are inferred from its .option() declarations.",
            },
          ],
          patterns: [
            { group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import renderer or preload code.' },
            {
              group: ['**/platform/*'],
              message:
                'Services stay Electron-free: main/platform/ adapters are wired in main/index.ts, not imported by services.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The contract is shared by every process.' }],
          patterns: [
            { group: ['node:*'], message: 'The contract runs in the renderer too: no Node built-ins.' },
            { group: ['**/main/**', '**/renderer/**', '**/preload/**'], message: 'The contract depends on nothing but zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'The renderer talks to main only through window.keyward.' }],
          patterns: [
            { group: ['node:*'], message: 'The renderer is a sandboxed web page.' },
            {
              group: ['**/main/**', '**/preload/**'],
              allowTypeImports: true,
              message: 'The renderer may import main/ types only.',
            },
          ],
        },
      ],
    },
  },
  {
    // Every message a person reads goes through the catalog (i18n/intl.ts; `npm run i18n:check`).
    // The CLI stays English, like op and gh.
    files: ['renderer/**/*.{ts,tsx}', 'main/**/*.ts', 'contract/**/*.ts'],
    ignores: ['main/cli.ts', 'main/cli/**'],
    plugins: { formatjs },
    rules: {
      'formatjs/enforce-default-message': ['error', 'literal'],
      'formatjs/enforce-placeholders': 'error',
      'formatjs/no-invalid-icu': 'error',
      'formatjs/no-multiple-plurals': 'error',
      'formatjs/no-offset': 'error',
    },
  },
  {
    // A bare string in JSX, or in a prop a person reads, is a message missing from the catalog.
    files: ['renderer/**/*.tsx'],
    plugins: { formatjs },
    rules: {
      'formatjs/no-literal-string-in-jsx': [
        'error',
        { props: { include: [['*', '{label,placeholder,title,alt,hint,description,heading,caption}']] } },
      ],
    },
  },
  {
    files: ['preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The sandboxed preload can require electron only.' },
            {
              group: ['**/main/**', '**/renderer/**'],
              allowTypeImports: true,
              message: 'The preload exposes the contract, nothing else.',
            },
          ],
        },
      ],
    },
  },
);
