import { ESLint } from 'eslint';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
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

  it('services in main/ may not import a platform adapter, which would reach electron one step further', async () => {
    expect(
      await problems('main/keys/example.ts', "import { createTray } from '../platform/tray.ts';\nvoid createTray;\n"),
    ).toHaveLength(1);
    expect(await problems('main/platform/example.ts', "import { createTray } from './tray.ts';\nvoid createTray;\n")).toEqual([]);
  });

  it('the Electron edge of main/ may', async () => {
    expect(await problems('main/platform/window.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
    expect(await problems('main/platform/clipboard.ts', "import { clipboard } from 'electron';\nvoid clipboard;\n")).toEqual([]);
  });

  it('the renderer may import main/ types only', async () => {
    expect(await problems('renderer/src/x.ts', "import { Vault } from '../../main/vault/vault.ts';\nvoid Vault;\n")).toHaveLength(
      1,
    );
    expect(
      await problems('renderer/src/x.ts', "import type { Vault } from '../../main/vault/vault.ts';\nexport type V = Vault;\n"),
    ).toEqual([]);
    expect(await problems('renderer/src/x.ts', "import { readFileSync } from 'node:fs';\nvoid readFileSync;\n")).toHaveLength(1);
  });

  it('the contract depends on nothing of main, Node or Electron', async () => {
    expect(await problems('contract/x.ts', "import { Vault } from '../main/vault/vault.ts';\nvoid Vault;\n")).toHaveLength(1);
    expect(await problems('contract/x.ts', "import { join } from 'node:path';\nvoid join;\n")).toHaveLength(1);
  });
});

const root = resolve(import.meta.dirname, '../..');

/** main/index.ts and the adapters in main/platform/ are the Electron edge; every other main/ file is a service. */
function isElectronEdge(file: string): boolean {
  const path = relative(root, file).replaceAll('\\', '/');
  return path === 'main/index.ts' || path.startsWith('main/platform/');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** What a file imports, type-only imports and dynamic import() included: as strict as the lint rule. */
function importsOf(file: string): string[] {
  return ts.preProcessFile(readFileSync(file, 'utf8'), true, true).importedFiles.map((imported) => imported.fileName);
}

/** The chain of files by which `start` reaches `electron`, or null when it cannot. */
function pathToElectron(start: string): string[] | null {
  const cameFrom = new Map<string, string | null>([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const specifier of importsOf(file)) {
      if (specifier === 'electron' || specifier.startsWith('electron/')) {
        const chain = [file];
        for (let at = cameFrom.get(file); at; at = cameFrom.get(at)) chain.unshift(at);
        return [...chain.map((f) => relative(root, f)), specifier];
      }
      if (!specifier.startsWith('.')) continue;
      const target = resolve(dirname(file), specifier);
      if (!target.endsWith('.ts') || !existsSync(target) || cameFrom.has(target)) continue;
      cameFrom.set(target, file);
      queue.push(target);
    }
  }
  return null;
}

describe('the Electron edge, over the whole import graph', () => {
  const mainFiles = sourceFiles(join(root, 'main'));

  it('finds electron behind an adapter (the walk itself works)', () => {
    expect(pathToElectron(join(root, 'main/platform/desktop-lifecycle.ts'))).toEqual([
      'main/platform/desktop-lifecycle.ts',
      'electron',
    ]);
    expect(pathToElectron(join(root, 'main/index.ts'))?.at(-1)).toBe('electron');
  });

  it('no service reaches electron, directly or through any chain of imports', () => {
    const services = mainFiles.filter((file) => !isElectronEdge(file));
    expect(services.length).toBeGreaterThan(50);
    const reaching = services
      .map(pathToElectron)
      .filter((chain) => chain !== null)
      .map((chain) => chain.join(' → '));
    expect(reaching).toEqual([]);
  });
});
