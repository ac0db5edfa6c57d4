import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The process boundaries are enforced by lint; these cases prove the rules bite. The files are
 * imagined, so no TypeScript project holds them: the type-aware rules are off here (an import
 * restriction needs no types).
 */
const eslint = new ESLint({
  overrideConfig: {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: false } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  const messages = result?.messages ?? [];
  const fatal = messages.find((m) => m.fatal);
  if (fatal) throw new Error(`${filePath} could not be linted: ${fatal.message}`);
  return messages.filter((m) => m.ruleId?.endsWith('no-restricted-imports')).map((m) => m.message);
}

describe('import boundaries', () => {
  it('services in main/ may not import electron', async () => {
    expect(await problems('main/vault/example.ts', "import { app } from 'electron';\nvoid app;\n")).toHaveLength(1);
    expect(await problems('main/keys/example.ts', "import { clipboard } from 'electron';\nvoid clipboard;\n")).toHaveLength(1);
  });

  it('the Electron edge of main/ may', async () => {
    expect(await problems('main/window.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(await problems('main/platform/clipboard.ts', "import { clipboard } from 'electron';\nvoid clipboard;\n")).toEqual([]);
  });

  it('the renderer may import main/ types only', async () => {
    expect(await problems('renderer/src/x.ts', "import { Vault } from '../../main/vault/vault.ts';\nvoid Vault;\n")).toHaveLength(1);
    expect(await problems('renderer/src/x.ts', "import type { Vault } from '../../main/vault/vault.ts';\nexport type V = Vault;\n")).toEqual([]);
    expect(await problems('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n")).toHaveLength(1);
  });

  it('the contract depends on nothing of main, Node or Electron', async () => {
    expect(await problems('contract/x.ts', "import { Vault } from '../main/vault/vault.ts';\nvoid Vault;\n")).toHaveLength(1);
    expect(await problems('contract/x.ts', "import { join } from 'node:path';\nvoid join;\n")).toHaveLength(1);
  });
});
