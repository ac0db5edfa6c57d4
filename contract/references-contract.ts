import { z } from 'zod';
import { method } from './define.ts';
import type { Phrase } from '../i18n/phrase.ts';
import type { Environment } from './keys.ts';
import { schemaText } from './schema-words.ts';

/** One resolved reference: which key it named and, for the CLI alone, its secret. */
export interface ResolvedReference {
  reference: string;
  keyId: string;
  label: string;
  provider: string;
  secret: string;
}

export type EnvImportStatus = 'added' | 'existing' | 'skipped';

export interface EnvImportItem {
  variable: string;
  /** The recognised provider; null for values left alone (ports, URLs, flags, references). */
  provider: string | null;
  /** The reference that now stands for the value; null when skipped. */
  reference: string | null;
  status: EnvImportStatus;
  /** The value masked as lists show keys; null when skipped. Never the value itself. */
  masked: string | null;
  /** Why a value was left alone, or the key it already is: a phrase, said in the reader's language (the CLI's in English). */
  note: Phrase | null;
}

export interface EnvImportReport {
  added: number;
  existing: number;
  skipped: number;
  /** The environment new keys get, from the file's name. */
  environment: Environment;
  items: EnvImportItem[];
  /** True when nothing was written (a preview). */
  dryRun: boolean;
}

/** Methods behind `keyward run`, `keyward inject` and `keyward env import` / "Import a .env file…". */
export const referencesContract = {
  /**
   * Turns references into secrets for a child process or a template: plaintext in bulk, so open
   * to the `keyward` command only, never to the window. All or nothing: one reference that names
   * no key, or several, fails the whole call with every such reference named. One audit entry.
   */
  resolve: method(
    z
      .object({
        references: z.array(z.string().max(1000)).min(1).max(1000),
        purpose: z.object({ kind: z.enum(['run', 'inject']), command: z.string().max(200) }).strict(),
      })
      .strict(),
    { doors: ['cli'] },
  ).returns<{ resolved: ResolvedReference[] }>(),
  /**
   * Moves the keys in a `.env` file's text into the vault (or, with dryRun, says what would
   * happen). `fileName` decides the environment (`.env.production` → prod); `usedIn` is where
   * the keys are used (the CLI passes the file's folder name).
   */
  importEnv: method(
    z
      .object({
        text: z.string().max(1_000_000, schemaText.envFileTooLarge),
        fileName: z.string().trim().min(1).max(255),
        usedIn: z.string().trim().max(80).optional(),
        dryRun: z.boolean().default(false),
      })
      .strict(),
  ).returns<EnvImportReport>(),
};
