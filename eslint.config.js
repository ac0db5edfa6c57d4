import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Files in main/ that are the Electron edge; every other main/ module is plain TypeScript. */
const electronEdge = ['main/index.ts', 'main/ipc.ts', 'main/window.ts', 'main/tray.ts', 'main/protocol.ts', 'main/platform/**'];

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
          paths: [{ name: 'electron', message: 'Services stay Electron-free; put Electron calls in an edge module (index/ipc/window/tray/protocol/platform).' }],
          patterns: [{ group: ['**/renderer/**', '**/preload/**'], message: 'main/ does not import renderer or preload code.' }],
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
            { group: ['**/main/**', '**/preload/**'], allowTypeImports: true, message: 'The renderer may import main/ types only.' },
          ],
        },
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
            { group: ['**/main/**', '**/renderer/**'], allowTypeImports: true, message: 'The preload exposes the contract, nothing else.' },
          ],
        },
      ],
    },
  },
);
