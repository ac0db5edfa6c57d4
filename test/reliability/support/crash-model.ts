import { isDeepStrictEqual } from 'node:util';
import type { ClipboardClearSeconds } from '../../../contract/settings.ts';
import type { ExpectedKey } from './outcome.ts';

/** One operation of the crash writer, as it announces it. */
export type CrashOp =
  | { kind: 'add'; label: string; secret: string; notes: string }
  | { kind: 'edit'; id: string; label: string; notes: string }
  | { kind: 'remove'; id: string }
  | { kind: 'rotate'; id: string; secret: string }
  | { kind: 'settings'; clipboardClearSeconds: Exclude<ClipboardClearSeconds, null> }
  | { kind: 'backup' }
  | { kind: 'relock' }
  | { kind: 'passwd'; from: string; to: string }
  | { kind: 'restore'; name: string }
  | { kind: 'import'; rows: number; tag: string };

export type WriterLine =
  | { t: 'ready' }
  | { t: 'begin'; op: CrashOp }
  | ({ t: 'ack'; op: CrashOp } & {
      id?: string;
      provider?: string;
      name?: string;
      savedCurrentAs?: string;
      importId?: string;
      added?: number;
    });

/** The data a state holds (what a backup captures and a restore puts back). */
export interface VaultData {
  keys: Map<string, ExpectedKey>;
  clipboardClearSeconds: number;
  /** Usage records per import: every import is in whole or not at all. */
  imports: Map<string, number>;
  /** Each rotated key's earlier secrets, oldest first (a rotation moves the current one here). */
  history: Map<string, string[]>;
}

/** What the vault must hold: the effect of every acknowledged operation, in order. */
export interface VaultModel extends VaultData {
  password: string;
  /** Each acknowledged backup, by name, with the data it holds. */
  backups: Map<string, VaultData>;
}

export function dataOf(model: VaultData): VaultData {
  return {
    keys: new Map([...model.keys].map(([id, key]) => [id, { ...key }])),
    clipboardClearSeconds: model.clipboardClearSeconds,
    imports: new Map(model.imports),
    history: new Map([...model.history].map(([id, secrets]) => [id, [...secrets]])),
  };
}

export function cloneModel(model: VaultModel): VaultModel {
  return { ...model, ...dataOf(model), backups: new Map(model.backups) };
}

/**
 * Applies one operation. `id`/`provider` are what an add was given (from its ack, or read back
 * for an unacknowledged one); `backup` names what a backup or a restore wrote.
 */
export function apply(model: VaultModel, op: CrashOp, added?: { id: string; provider: string }, backup?: string): void {
  switch (op.kind) {
    case 'add':
      model.keys.set(added!.id, { label: op.label, provider: added!.provider, notes: op.notes, secret: op.secret });
      break;
    case 'edit': {
      const key = model.keys.get(op.id)!;
      model.keys.set(op.id, { ...key, label: op.label, notes: op.notes });
      break;
    }
    case 'remove':
      model.keys.delete(op.id);
      model.history.delete(op.id);
      break;
    case 'rotate': {
      const key = model.keys.get(op.id)!;
      model.history.set(op.id, [...(model.history.get(op.id) ?? []), key.secret]);
      model.keys.set(op.id, { ...key, secret: op.secret });
      break;
    }
    case 'settings':
      model.clipboardClearSeconds = op.clipboardClearSeconds;
      break;
    case 'backup':
      if (backup) model.backups.set(backup, dataOf(model));
      break;
    case 'restore': {
      const restored = dataOf(model.backups.get(op.name)!);
      if (backup) model.backups.set(backup, dataOf(model));
      model.keys = restored.keys;
      model.clipboardClearSeconds = restored.clipboardClearSeconds;
      model.imports = restored.imports;
      model.history = restored.history;
      break;
    }
    case 'import':
      // `backup` carries the import id here (from its ack, or read back for an unacknowledged one).
      if (backup) model.imports.set(backup, op.rows);
      break;
    case 'relock':
      break;
    case 'passwd':
      model.password = op.to;
      break;
  }
}

export type Observed = VaultData;

export function matches(model: VaultData, observed: Observed): boolean {
  return (
    isDeepStrictEqual(model.keys, observed.keys) &&
    model.clipboardClearSeconds === observed.clipboardClearSeconds &&
    isDeepStrictEqual(model.imports, observed.imports) &&
    isDeepStrictEqual(model.history, observed.history)
  );
}
