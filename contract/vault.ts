import { z } from 'zod';
import { event, method } from './define.ts';
import { schemaText } from './schema-words.ts';

export type VaultState = 'uninitialized' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Wrong passwords since the last successful unlock. */
  failedAttempts: number;
  /** 0 when an unlock may be tried now. */
  retryAfterMs: number;
}

/** 'damaged': the integrity check that runs after an unlock found the file damaged. */
export const lockReasons = ['manual', 'idle', 'suspend', 'screen-lock', 'quit', 'restore', 'damaged'] as const;
export type LockReason = (typeof lockReasons)[number];

export const newPassword = z.string().min(8, 'Use at least 8 characters.').max(1024, 'Use at most 1024 characters.');
export const givenPassword = z.string().min(1, schemaText.passwordGiven).max(1024, 'Use at most 1024 characters.');

/**
 * What a password change answers: the status, and how many backups were taken before the change.
 * Those keep the password of their time (each backup carries the header it was taken with); they
 * are still restored by an unlocked vault (the vault keeps its former keys inside), but whoever
 * knows an old password can open them on their own. The change itself adds one backup under the
 * new password (`after-password-change`), not counted here.
 */
export interface PasswordChangeResult extends VaultStatus {
  olderBackups: number;
}

export const vaultContract = {
  status: method(z.undefined()).returns<VaultStatus>(),
  create: method(z.object({ password: newPassword }).strict()).returns<VaultStatus>(),
  unlock: method(z.object({ password: givenPassword }).strict()).returns<VaultStatus>(),
  lock: method(z.undefined()).returns<VaultStatus>(),
  changePassword: method(z.object({ current: givenPassword, next: newPassword }).strict()).returns<PasswordChangeResult>(),
};

export const vaultEvents = {
  locked: event<{ reason: LockReason }>(),
  unlocked: event<Record<string, never>>(),
};
