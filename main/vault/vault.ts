import {
  chmodSync,
  constants,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { defineMessages } from '@formatjs/intl';
import { KeywardError } from '../../contract/errors.ts';
import type { AuditSource } from '../../contract/audit.ts';
import type { BackupInfo } from '../../contract/backups.ts';
import type { LockReason, VaultStatus } from '../../contract/vault.ts';
import { auditDetail } from '../audit/details.ts';
import { appendAudit } from '../audit/log.ts';
import { systemClock, type Clock } from '../clock.ts';
import { SerialQueue } from '../serial-queue.ts';
import { backupDbPath, createBackup, listBackups } from './backups.ts';
import { SecretBox } from './crypto.ts';
import { syncDirectory } from './atomic-file.ts';
import { assertEncryptedOnDisk, inWriteTransaction, openEncrypted, type Db } from './database.ts';
import { formerDataKeys, readKeyRing, rememberFormerKeys, retireDataKey, secretBoxRoot } from './key-ring.ts';
import { damaged, readHeader, unwrapDataKey, wrapDataKey, writeHeader, type VaultHeader } from './header.ts';
import { chooseKdfCost, deriveKek, newSalt, type KdfParams, type KdfPolicy } from './kdf.ts';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations/index.ts';
import { vaultFiles, type VaultFiles } from './paths.ts';
import { UnlockThrottle } from './throttle.ts';
import { replaceContents } from './restore.ts';
import { verifyInBackground, type Verdict } from './verify.ts';
import { checkWalSettled } from './wal-check.ts';
import { phrase } from '../../i18n/phrase.ts';
import { phraseError } from '../../i18n/phrase-text.ts';

// The plain "The vault is locked. Unlock it…" and "Wrong master password." stay plain errors: the
// window says their codes whole (renderer/src/lib/error-text.ts). So does Throttled, with its wait.
const errors = defineMessages({
  alreadyExists: { id: 'vault.error.alreadyExists', defaultMessage: 'A vault already exists in {dir}; unlock it instead.' },
  notInitialized: { id: 'vault.error.notInitialized', defaultMessage: 'No vault in {dir} yet; create one first.' },
  lockedBeforePasswordChange: {
    id: 'vault.error.lockedBeforePasswordChange',
    defaultMessage: 'Unlock the vault before changing its master password.',
  },
  currentPasswordWrong: { id: 'vault.error.currentPasswordWrong', defaultMessage: 'The current master password is wrong.' },
  lockedDuringPasswordChange: {
    id: 'vault.error.lockedDuringPasswordChange',
    defaultMessage: 'The vault locked before the password could be changed; nothing was changed.',
  },
  openElsewhere: {
    id: 'vault.error.openElsewhere',
    defaultMessage:
      'The vault is open elsewhere (the Keyward app, another keyward command, or an import): close it there, then change the password. Nothing was changed.',
  },
  lockedBeforeRestore: { id: 'vault.error.lockedBeforeRestore', defaultMessage: 'Unlock the vault before restoring a backup.' },
  noSuchBackup: { id: 'vault.error.noSuchBackup', defaultMessage: 'No backup named {name}.' },
  recoverWhileOpen: {
    id: 'vault.error.recoverWhileOpen',
    defaultMessage: 'The vault is open and not damaged; restore the backup from Settings or `keyward backup restore` instead.',
  },
  recoverSoundVault: {
    id: 'vault.error.recoverSoundVault',
    defaultMessage:
      'The vault opens and is not damaged; unlock it and restore the backup from Settings or `keyward backup restore`.',
  },
  schemaTooNew: {
    id: 'vault.error.schemaTooNew',
    defaultMessage:
      'This vault uses schema {version}, newer than this Keyward understands ({latest}); update Keyward to open it.',
  },
});

export interface VaultOptions {
  dataDir: string;
  clock?: Clock;
  kdfPolicy?: KdfPolicy;
  /**
   * The whole-file integrity check's worker script (the app). With it, an unlock checks only the
   * first screen's tables and the whole file is checked in the background; a damaged file then
   * locks the vault ('damaged'). Without it (CLI, tests) the unlock checks the whole file itself.
   */
  verifyWorker?: string | URL | undefined;
  /**
   * When the background check may start (the app: once the window's first requests are answered,
   * main/activity.ts); resolves false if `signal` aborted first (the vault locked). Without it the
   * check starts right after the unlock.
   */
  verifyWhen?: ((signal: AbortSignal) => Promise<boolean>) | undefined;
  /**
   * Called after each step of a password change (docs/reliability.md, "Changing the master
   * password"): the crash tests kill the process there. Never set in the app or the CLI.
   */
  onPasswordChangeStep?: ((step: PasswordChangeStep) => void) | undefined;
}

/** The steps of a password change, in order; `rekeyed` is the point after which the new password is the one in force. */
export const passwordChangeSteps = [
  'key-ring-saved',
  'pending-header-written',
  'rekeyed',
  'audited',
  'header-promoted',
  'backup-taken',
] as const;
export type PasswordChangeStep = (typeof passwordChangeSteps)[number];

/** What services get while the vault is unlocked. Never held past a lock. */
export interface Session {
  readonly db: Db;
  readonly box: SecretBox;
  readonly vaultId: string;
}

type LockListener = (reason: LockReason) => void;

export interface UnlockTimings {
  /** The Argon2id derivation of the key-encryption key. */
  kdfMs: number;
  /** The whole unlock: header, log check, KDF, open with its checks, audit entry. */
  unlockMs: number;
}

interface OpenState {
  session: Session;
  /** The SQLCipher key of vault.db; replaced (in place) by a password change. */
  dataKey: Buffer;
  /** What the secret box derives from (key-ring.ts): kept to pin it before the data key changes. */
  boxRoot: Buffer;
}

/**
 * The vault: one data directory, one master password. Create, unlock, lock and change the
 * password; everything else asks it for the open session. Operations are serialised so a
 * double-clicked unlock cannot race a lock.
 */
export class Vault {
  readonly files: VaultFiles;
  readonly #clock: Clock;
  readonly #kdfPolicy: KdfPolicy;
  readonly #throttle: UnlockThrottle;
  readonly #lockListeners = new Set<LockListener>();
  readonly #unlockListeners = new Set<(source: AuditSource) => void>();
  #open: OpenState | null = null;
  readonly #queue = new SerialQueue();
  readonly #verifyWorker: string | URL | undefined;
  readonly #verifyWhen: ((signal: AbortSignal) => Promise<boolean>) | undefined;
  /** Cancels the current session's whole-file check, whether it is still waiting to start or running. */
  #stopVerification: (() => void) | null = null;
  #verified: Promise<Verdict> = Promise.resolve('ok');
  /** The file as it was when the background check found it damaged: unlocking it again is refused until it changes. */
  #damagedFile: string | null = null;
  /** How long the last unlock took, and its key derivation: for the benchmark's split of unlock → painted. */
  #lastUnlock: UnlockTimings | null = null;
  #lastKdfMs = 0;
  readonly #onPasswordChangeStep: ((step: PasswordChangeStep) => void) | undefined;

  constructor(options: VaultOptions) {
    this.files = vaultFiles(options.dataDir);
    this.#clock = options.clock ?? systemClock;
    this.#kdfPolicy = options.kdfPolicy ?? 'calibrate';
    this.#throttle = new UnlockThrottle(this.files.throttle, this.#clock);
    this.#verifyWorker = options.verifyWorker;
    this.#verifyWhen = options.verifyWhen;
    this.#onPasswordChangeStep = options.onPasswordChangeStep;
  }

  status(): VaultStatus {
    const state = this.#open ? 'unlocked' : this.#exists() ? 'locked' : 'uninitialized';
    return { state, failedAttempts: this.#throttle.failures(), retryAfterMs: this.#throttle.retryAfterMs() };
  }

  isUnlocked(): boolean {
    return this.#open !== null;
  }

  /** The open session, or `Locked`. */
  session(): Session {
    if (!this.#open) throw new KeywardError('Locked', 'The vault is locked. Unlock it with the master password first.');
    return this.#open.session;
  }

  /**
   * A second connection to the open vault, for a long job (an import) that writes in one
   * transaction without holding the main connection. The caller closes it, and on lock.
   */
  openSecondary(): Db {
    if (!this.#open) throw new KeywardError('Locked', 'The vault is locked. Unlock it with the master password first.');
    return openEncrypted(this.files.db, this.#open.dataKey, 'secondary');
  }

  /** A copy of the data key for a worker thread that opens its own connection; the caller zeroes it. */
  dataKeyCopy(): Buffer {
    if (!this.#open) throw new KeywardError('Locked', 'The vault is locked. Unlock it with the master password first.');
    return Buffer.from(this.#open.dataKey);
  }

  onLock(listener: LockListener): () => void {
    this.#lockListeners.add(listener);
    return () => this.#lockListeners.delete(listener);
  }

  /** Called after every create and unlock that succeeds (an unlock of an open vault included), with the door it came by. */
  onUnlock(listener: (source: AuditSource) => void): () => void {
    this.#unlockListeners.add(listener);
    return () => this.#unlockListeners.delete(listener);
  }

  async create(password: string, source: AuditSource): Promise<void> {
    await this.#create(password, source);
    for (const listener of this.#unlockListeners) listener(source);
  }

  async unlock(password: string, source: AuditSource): Promise<void> {
    await this.#unlock(password, source);
    for (const listener of this.#unlockListeners) listener(source);
  }

  #create(password: string, source: AuditSource): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#exists()) {
        throw phraseError('AlreadyExists', phrase(errors.alreadyExists, { dir: this.files.dir }));
      }
      mkdirSync(this.files.dir, { recursive: true, mode: 0o700 });
      restrictDirectory(this.files.dir);
      assertNoSymlinks(this.files);
      // Left by a change in a vault that was since deleted: it belongs to no vault here.
      rmSync(this.files.pendingHeader, { force: true });
      const cost = await chooseKdfCost(this.#kdfPolicy);
      const kdf: KdfParams = { algorithm: 'argon2id', version: 19, salt: newSalt(), ...cost };
      const fields = { vaultId: randomUUID(), createdAt: this.#clock.now().toISOString(), kdf };
      const dataKey = randomBytes(32);
      const kek = await deriveKek(password, kdf);
      let db: Db;
      try {
        db = this.#initialiseDatabase(dataKey, fields.vaultId, source);
        // The header is written last: it is what makes the vault exist.
        writeHeader(this.files.header, wrapDataKey(dataKey, kek, fields));
      } catch (error) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(this.files.db + suffix, { force: true });
        dataKey.fill(0);
        throw error;
      } finally {
        kek.fill(0);
      }
      this.#open = {
        session: { db, box: new SecretBox(dataKey), vaultId: fields.vaultId },
        dataKey,
        boxRoot: Buffer.from(dataKey),
      };
    });
  }

  #unlock(password: string, source: AuditSource): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#open) return;
      const started = performance.now();
      assertNoSymlinks(this.files);
      const header = this.#readHeader();
      if (this.#damagedFile && this.#damagedFile === fileStamp(this.files.db)) {
        throw damaged('integrity');
      }
      // Before the KDF: damage is reported at once, and never counted as a wrong password.
      const wal = await checkWalSettled(`${this.files.db}-wal`);
      if (!wal.ok) throw damaged(wal.cause, wal.frame === undefined ? {} : { frame: String(wal.frame) });
      const { dataKey, finishedChange } = await this.#unlockKey(header, password);
      let db: Db | null = null;
      try {
        db = openEncrypted(this.files.db, dataKey, 'open', {
          verify: (candidate) => checkIdentity(candidate, header.vaultId),
          check: this.#verifyWorker ? 'first-screen' : 'whole-file',
        });
        this.#upgradeSchema(db);
      } catch (error) {
        db?.close();
        dataKey.fill(0);
        throw error;
      }
      // Recorded before the vault counts as open: if the write fails (another process holds the
      // vault for long), the vault stays locked and the failed attempts stay counted, so trying
      // again records them then.
      try {
        const at = this.#clock.now().toISOString();
        inWriteTransaction(db, () => {
          for (const failedAt of this.#throttle.failuresSinceUnlock())
            appendAudit(db, { at: failedAt, action: 'vault.unlock-failed', source });
          if (finishedChange)
            appendAudit(db, { at, action: 'vault.password-changed', source, detail: auditDetail.passwordChangeFinished() });
          appendAudit(db, { at, action: 'vault.unlocked', source });
        });
      } catch (error) {
        db.close();
        dataKey.fill(0);
        throw error;
      }
      this.#throttle.recordSuccess();
      restrictDirectory(this.files.dir);
      const boxRoot = secretBoxRoot(db, dataKey);
      const session: Session = { db, box: new SecretBox(boxRoot), vaultId: header.vaultId };
      this.#open = { session, dataKey, boxRoot };
      if (this.#verifyWorker) this.#verifyWholeFile(this.#verifyWorker, session);
      this.#lastUnlock = { kdfMs: this.#lastKdfMs, unlockMs: performance.now() - started };
    });
  }

  /** The last successful unlock's duration and its key derivation's (benchmark: the KDF's part of unlock → painted). */
  lastUnlockTimings(): UnlockTimings | null {
    return this.#lastUnlock;
  }

  /**
   * The rest of the integrity check, off the main thread (see IntegrityCheck in database.ts for
   * what waiting for it would and would not add), once `verifyWhen` says the window has what it
   * asked for first. Damage locks the vault and keeps it locked. A lock or a password change
   * cancels it, waiting or running: the verdict is then 'stopped'.
   */
  #verifyWholeFile(script: string | URL, session: Session): void {
    const cancel = new AbortController();
    this.#stopVerification = () => cancel.abort();
    const stillOpen = () => !cancel.signal.aborted && this.#open?.session === session;
    this.#verified = (async (): Promise<Verdict> => {
      const ready = this.#verifyWhen ? await this.#verifyWhen(cancel.signal) : true;
      if (!ready || !stillOpen()) return 'stopped';
      // The key as it is now: a password change in between would have cancelled this check.
      const verification = verifyInBackground(script, this.files.db, this.#open!.dataKey);
      cancel.signal.addEventListener('abort', () => verification.stop(), { once: true });
      const verdict = await verification.result;
      if (verdict === 'damaged' && this.#open?.session === session) {
        this.lock('damaged');
        this.#damagedFile = fileStamp(this.files.db);
      }
      return verdict;
    })();
  }

  /** How the background check of the current (or last) session's file ended: for tests and the benchmark. */
  verification(): Promise<Verdict> {
    return this.#verified;
  }

  /** Closes the database and wipes the key material. Safe to call when already locked. */
  lock(reason: LockReason): void {
    const open = this.#open;
    if (!open) return;
    this.#open = null;
    this.#stopVerification?.();
    this.#stopVerification = null;
    try {
      // Not into a file found damaged: what is left of the log stays beside it.
      if (reason !== 'damaged') open.session.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A busy checkpoint only means the WAL stays until the next open; closing is what matters.
    }
    open.session.db.close();
    open.session.box.wipe();
    open.dataKey.fill(0);
    open.boxRoot.fill(0);
    for (const listener of this.#lockListeners) listener(reason);
  }

  /**
   * Gives the vault a new data key under the new password, so no earlier password opens the
   * current database, whatever header is put back beside it. The steps, in order (each named
   * for the crash tests; docs/reliability.md explains why this order):
   *
   * 1. `key-ring-saved`: the key being retired, and the secret box's root, go into the database
   *    (so backups under the old key can still be restored, and secrets need not be re-sealed);
   * 2. `pending-header-written`: the new key wrapped under the new password, written atomically
   *    to `vault.header.next.json`; the old header stays in force;
   * 3. `rekeyed`: SQLCipher re-encrypts every page under the new key in ONE transaction: the
   *    commit point. Before it the old password opens the vault, after it only the new one;
   * 4. `audited`; 5. `header-promoted`: the pending header renamed over the old one;
   * 6. `backup-taken`: a backup under the new password, so recovering a damaged header never
   *    needs an old one.
   *
   * An unlock that finds a pending header finishes or discards the change (#unlockKey).
   * Returns how many backups were taken before the change: they open with an earlier password.
   */
  changePassword(current: string, next: string, source: AuditSource): Promise<{ olderBackups: number }> {
    return this.#queue.run(async () => {
      const open = this.#open;
      if (!open) throw phraseError('Locked', phrase(errors.lockedBeforePasswordChange));
      const header = this.#readHeader();
      const { db } = open.session;
      let check: Buffer;
      try {
        // The same growing delay as unlocking: an unlocked session is no free guessing oracle.
        check = await this.#unwrapThrottled(header, current, { listForUnlockAudit: false });
      } catch (error) {
        if (error instanceof KeywardError && error.code === 'WrongPassword') {
          inWriteTransaction(db, () =>
            appendAudit(db, { at: this.#clock.now().toISOString(), action: 'vault.password-change-failed', source }),
          );
          throw phraseError('WrongPassword', phrase(errors.currentPasswordWrong));
        }
        throw error;
      }
      check.fill(0);
      const cost = await chooseKdfCost(this.#kdfPolicy);
      const kdf: KdfParams = { algorithm: 'argon2id', version: 19, salt: newSalt(), ...cost };
      const kek = await deriveKek(next, kdf);
      const newKey = randomBytes(32);
      let pending: VaultHeader;
      try {
        pending = wrapDataKey(newKey, kek, { vaultId: header.vaultId, createdAt: header.createdAt, kdf });
      } finally {
        kek.fill(0);
      }
      // The background check's connection holds the old key: after the rekey it would read pages
      // it cannot decrypt and call the vault damaged.
      this.#stopVerification?.();
      this.#stopVerification = null;
      // Its connection must be closed before the change can have the database to itself.
      await this.#verified;
      if (this.#open !== open) throw phraseError('Locked', phrase(errors.lockedDuringPasswordChange));
      const step = (name: PasswordChangeStep) => this.#onPasswordChangeStep?.(name);
      takeSoleAccess(db);
      try {
        inWriteTransaction(db, () => retireDataKey(db, open.dataKey, open.boxRoot, this.#clock.now().toISOString()));
        step('key-ring-saved');
        writeHeader(this.files.pendingHeader, pending);
        step('pending-header-written');
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.pragma(`rekey = "x'${newKey.toString('hex')}'"`);
        } catch (error) {
          // Not rekeyed (busy, disk full): the old password stays in force.
          rmSync(this.files.pendingHeader, { force: true });
          throw error;
        }
        newKey.copy(open.dataKey);
      } catch (error) {
        releaseSoleAccess(db);
        throw error;
      } finally {
        newKey.fill(0);
      }
      try {
        step('rekeyed');
        inWriteTransaction(db, () =>
          appendAudit(db, { at: this.#clock.now().toISOString(), action: 'vault.password-changed', source }),
        );
        step('audited');
        this.#promotePendingHeader();
        step('header-promoted');
        const olderBackups = listBackups(this.files.backups).length;
        this.backup('after-password-change', source);
        step('backup-taken');
        return { olderBackups };
      } finally {
        releaseSoleAccess(db);
      }
    });
  }

  #promotePendingHeader(): void {
    renameSync(this.files.pendingHeader, this.files.header);
    syncDirectory(this.files.dir);
  }

  /** An encrypted snapshot of the open vault (see backups.ts). */
  backup(reason: string, source: AuditSource): BackupInfo {
    const { db } = this.session();
    const info = createBackup(db, this.files, reason, this.#clock);
    appendAudit(db, {
      at: this.#clock.now().toISOString(),
      action: 'vault.backup-created',
      source,
      detail: auditDetail.name(info.name),
    });
    return info;
  }

  backups(): BackupInfo[] {
    return listBackups(this.files.backups);
  }

  /**
   * Puts a backup's data in place of the current data. The backup is checked first on a copy
   * (it must open under this vault's key and belong to this vault) and brought to this build's
   * schema; the current state is saved as a backup of its own; then the contents are replaced in
   * one write transaction (see restore.ts for why not a file swap). Backups share the vault's
   * data key, so the current master password opens the restored data. The vault locks afterwards.
   */
  restore(name: string, source: AuditSource): Promise<{ restored: string; savedCurrentAs: string }> {
    return this.#queue.run(async () => {
      const open = this.#open;
      if (!open) throw phraseError('Locked', phrase(errors.lockedBeforeRestore));
      const backup = listBackups(this.files.backups).find((b) => b.name === name);
      if (!backup) throw phraseError('NotFound', phrase(errors.noSuchBackup, { name }));
      assertNoSymlinks(this.files);
      const staged = `${this.files.db}.restoring`;
      stageCopy(backupDbPath(this.files.backups, name), staged);
      // A backup from before a password change is under an earlier data key, which the key ring keeps.
      const knownKeys = [open.dataKey, ...formerDataKeys(open.session.db)];
      try {
        const { db: candidate, key: backupKey } = openWithAnyKey(staged, knownKeys, (db) =>
          checkIdentity(db, open.session.vaultId, name),
        );
        try {
          migrate(candidate);
          candidate.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          candidate.close();
        }
        const { db } = open.session;
        // The snapshot of the current state is read through a second connection while the first
        // holds the write lock (see restore.ts).
        const reader = openEncrypted(this.files.db, open.dataKey, 'secondary');
        let saved: BackupInfo;
        try {
          saved = replaceContents(
            db,
            staged,
            backupKey,
            () => createBackup(reader, this.files, 'before-restore', this.#clock),
            () =>
              appendAudit(db, {
                at: this.#clock.now().toISOString(),
                action: 'vault.restored',
                source,
                detail: auditDetail.name(name),
              }),
          );
        } finally {
          reader.close();
        }
        this.lock('restore');
        return { restored: name, savedCurrentAs: saved.name };
      } finally {
        for (const suffix of ['', '-wal', '-shm']) rmSync(staged + suffix, { force: true });
        for (const key of knownKeys.slice(1)) key.fill(0);
      }
    });
  }

  /**
   * For a vault that no longer opens (VaultDamaged), while it is locked: puts a backup in place of
   * the damaged files. The master password is checked against the vault's header (or, if the
   * header itself is damaged, the backup's, which then comes back too), under the same growing
   * delay as unlocking; the backup must open under the vault's key and belong to this vault. The
   * damaged files are set aside in `damaged-<time>/` beside the vault, never deleted. The vault
   * stays locked: the next unlock opens the restored data (and upgrades its schema if it is older).
   */
  recover(password: string, name: string, source: AuditSource): Promise<{ restored: string; setAsideIn: string }> {
    return this.#queue.run(async () => {
      if (this.#open) throw phraseError('Invalid', phrase(errors.recoverWhileOpen));
      const backup = listBackups(this.files.backups).find((b) => b.name === name);
      if (!backup) throw phraseError('NotFound', phrase(errors.noSuchBackup, { name }));
      assertNoSymlinks(this.files);
      let header: VaultHeader;
      let dataKey: Buffer;
      // The backup folder whose header comes back with the data, when the vault's own is damaged.
      let headerFrom: string | null = null;
      try {
        header = this.#readHeader();
        // As at unlock: an interrupted password change is settled first, so a sound vault under
        // the new key is never taken for a damaged one under the old (and set aside).
        dataKey = (await this.#unlockKey(header, password)).dataKey;
      } catch (error) {
        if (!(error instanceof KeywardError && error.code === 'VaultDamaged')) throw error;
        ({ header, dataKey, headerFrom } = await this.#headerFromBackups(name, password));
      }
      const staged = `${this.files.db}.recovering`;
      let knownKeys: Buffer[] = [dataKey];
      try {
        // Only for a vault that does not open: a sound one is restored after unlocking, which saves its state first.
        if (!headerFrom && this.#opensCleanly(dataKey, header.vaultId)) {
          throw phraseError('Invalid', phrase(errors.recoverSoundVault));
        }
        // A backup from before a password change is under an earlier key: the newer backups' key rings hold it.
        knownKeys = [dataKey, ...this.#formerKeysFromBackups(dataKey)];
        stageCopy(backupDbPath(this.files.backups, name), staged);
        const { db: candidate, key: backupKey } = openWithAnyKey(staged, knownKeys, (db) =>
          checkIdentity(db, header.vaultId, name),
        );
        try {
          if (!backupKey.equals(dataKey)) {
            // Brought to the key of the header in force, remembering its own (and its box's root).
            migrate(candidate);
            const at = this.#clock.now().toISOString();
            inWriteTransaction(candidate, () => {
              retireDataKey(candidate, backupKey, secretBoxRoot(candidate, backupKey), at);
              rememberFormerKeys(
                candidate,
                knownKeys.filter((key) => !key.equals(dataKey)),
                at,
              );
            });
            candidate.pragma('wal_checkpoint(TRUNCATE)');
            candidate.pragma(`rekey = "x'${dataKey.toString('hex')}'"`);
          }
          appendAudit(candidate, {
            at: this.#clock.now().toISOString(),
            action: 'vault.recovered',
            source,
            detail: auditDetail.name(name),
          });
          candidate.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          candidate.close();
        }
        const setAsideIn = join(this.files.dir, `damaged-${this.#clock.now().toISOString().replace(/[:.]/g, '-')}`);
        mkdirSync(setAsideIn, { mode: 0o700 });
        const moved = [
          this.files.db,
          `${this.files.db}-wal`,
          `${this.files.db}-shm`,
          this.files.pendingHeader,
          ...(headerFrom ? [this.files.header] : []),
        ];
        for (const file of moved) {
          if (existsSync(file)) renameSync(file, join(setAsideIn, basename(file)));
        }
        if (headerFrom) copyFileSync(join(headerFrom, 'vault.header.json'), this.files.header);
        renameSync(staged, this.files.db);
        restrictPermissions(this.files.db);
        this.#damagedFile = null;
        return { restored: name, setAsideIn };
      } finally {
        for (const key of knownKeys) key.fill(0);
        for (const suffix of ['', '-wal', '-shm']) rmSync(staged + suffix, { force: true });
      }
    });
  }

  /**
   * For a damaged vault header: the header of the chosen backup, of the newest one taken right
   * after a password change (it takes the current password), or of the newest one, whichever the
   * password opens first. One failure counted if none does.
   */
  async #headerFromBackups(
    name: string,
    password: string,
  ): Promise<{ header: VaultHeader; dataKey: Buffer; headerFrom: string }> {
    this.#refuseWhileThrottled();
    const all = listBackups(this.files.backups);
    const newestAfterChange = all.filter((b) => b.reason === 'after-password-change').at(-1)?.name;
    const candidates = [...new Set([name, newestAfterChange, all.at(-1)?.name].filter((n): n is string => n !== undefined))];
    let firstError: unknown = null;
    for (const candidate of candidates) {
      const dir = dirname(backupDbPath(this.files.backups, candidate));
      let header: VaultHeader;
      try {
        header = readHeader(join(dir, 'vault.header.json'));
      } catch (error) {
        firstError ??= error;
        continue;
      }
      const dataKey = await this.#unwrap(header, password);
      if (dataKey) return { header, dataKey, headerFrom: dir };
    }
    if (firstError && candidates.length === 1) throw firstError;
    throw this.#wrongPassword();
  }

  /** Former data keys from the key rings of the backups that open under `dataKey`, newest backup first. */
  #formerKeysFromBackups(dataKey: Buffer): Buffer[] {
    const found: Buffer[] = [];
    for (const backup of listBackups(this.files.backups).reverse()) {
      for (const key of readKeyRing(backupDbPath(this.files.backups, backup.name), dataKey)) {
        if (!found.some((known) => known.equals(key))) found.push(key);
      }
    }
    return found;
  }

  /** Whether the vault's database passes every check of an open (the whole file), without keeping it open. */
  #opensCleanly(dataKey: Buffer, vaultId: string): boolean {
    try {
      openEncrypted(this.files.db, dataKey, 'open', { verify: (db) => checkIdentity(db, vaultId) }).close();
      return true;
    } catch (error) {
      if (error instanceof KeywardError && error.code === 'VaultDamaged') return false;
      throw error;
    }
  }

  /** A new, encrypted, migrated database that knows its vault id. Closed again if anything fails. */
  #initialiseDatabase(dataKey: Buffer, vaultId: string, source: AuditSource): Db {
    const db = openEncrypted(this.files.db, dataKey, 'create');
    try {
      migrate(db);
      const at = this.#clock.now().toISOString();
      inWriteTransaction(db, () => {
        db.prepare("INSERT INTO vault_meta (key, value) VALUES ('vault_id', ?)").run(vaultId);
        appendAudit(db, { at, action: 'vault.created', source });
      });
      db.pragma('wal_checkpoint(TRUNCATE)');
      assertEncryptedOnDisk(this.files.db);
      restrictPermissions(this.files.db);
      return db;
    } catch (error) {
      db.close();
      throw error;
    }
  }

  #exists(): boolean {
    return existsSync(this.files.header) || existsSync(this.files.db);
  }

  #readHeader(): VaultHeader {
    if (!existsSync(this.files.header)) {
      if (existsSync(this.files.db)) throw damaged('headerMissing');
      throw phraseError('NotInitialized', phrase(errors.notInitialized, { dir: this.files.dir }));
    }
    return readHeader(this.files.header);
  }

  /**
   * The data key, under the growing delay after wrong passwords: every door that checks the
   * master password goes through here. `listForUnlockAudit: false` when the caller audits the
   * failure itself (a password change, with the vault open).
   */
  async #unwrapThrottled(header: VaultHeader, password: string, options: { listForUnlockAudit?: boolean } = {}): Promise<Buffer> {
    this.#refuseWhileThrottled();
    const dataKey = await this.#unwrap(header, password);
    if (!dataKey) throw this.#wrongPassword(options.listForUnlockAudit ?? true);
    return dataKey;
  }

  #refuseWhileThrottled(): void {
    const retryAfterMs = this.#throttle.retryAfterMs();
    if (retryAfterMs > 0) {
      throw new KeywardError('Throttled', `Too many wrong passwords. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`, {
        retryAfterMs,
      });
    }
  }

  #wrongPassword(listForUnlockAudit = true): KeywardError {
    this.#throttle.recordFailure(listForUnlockAudit);
    return new KeywardError('WrongPassword', 'Wrong master password.');
  }

  /**
   * The data key for an unlock. With a pending header beside the header, a password change was
   * interrupted (see changePassword): the database itself says which key is in force. The old
   * password counts only if its key still opens vault.db (the change never reached its commit
   * point: the pending header is discarded); the new one only if its key does (the change went
   * through: its header is put in force). Anything else is a wrong password.
   */
  async #unlockKey(header: VaultHeader, password: string): Promise<{ dataKey: Buffer; finishedChange: boolean }> {
    const pending = this.#readPendingHeader(header.vaultId);
    if (!pending) return { dataKey: await this.#unwrapThrottled(header, password), finishedChange: false };
    this.#refuseWhileThrottled();
    const old = await this.#unwrap(header, password);
    if (old) {
      if (this.#opensCleanly(old, header.vaultId)) {
        rmSync(this.files.pendingHeader, { force: true });
        return { dataKey: old, finishedChange: false };
      }
      old.fill(0);
      throw this.#wrongPassword();
    }
    const next = await this.#unwrap(pending, password);
    if (next && this.#opensCleanly(next, pending.vaultId)) {
      this.#promotePendingHeader();
      return { dataKey: next, finishedChange: true };
    }
    next?.fill(0);
    throw this.#wrongPassword();
  }

  /** The pending header of an interrupted password change, if there is a sound one for this vault. */
  #readPendingHeader(vaultId: string): VaultHeader | null {
    if (!existsSync(this.files.pendingHeader)) return null;
    try {
      const pending = readHeader(this.files.pendingHeader);
      return pending.vaultId === vaultId ? pending : null;
    } catch {
      // Written atomically before the commit point: a damaged one was never in force.
      return null;
    }
  }

  async #unwrap(header: VaultHeader, password: string): Promise<Buffer | null> {
    const started = performance.now();
    const kek = await deriveKek(password, header.kdf);
    this.#lastKdfMs = performance.now() - started;
    try {
      return unwrapDataKey(header, kek);
    } finally {
      kek.fill(0);
    }
  }

  #upgradeSchema(db: Db): void {
    if (schemaVersion(db) === LATEST_SCHEMA_VERSION) return;
    createBackup(db, this.files, `before-schema-${LATEST_SCHEMA_VERSION}`, this.#clock);
    migrate(db);
  }
}

/**
 * Runs inside the read-only check of an open, so a refusal leaves the files as they were: the
 * database must belong to this vault and be a schema this build understands. `backup` names the
 * backup when the database is one, for the message.
 */
function checkIdentity(db: Db, vaultId: string, backup?: string): void {
  const storedId = db.prepare("SELECT value FROM vault_meta WHERE key = 'vault_id'").pluck().get();
  if (storedId !== vaultId) throw backup === undefined ? damaged('otherVault') : damaged('backupOtherVault', { name: backup });
  const version = schemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw phraseError(
      'VaultTooNew',
      phrase(errors.schemaTooNew, { version: String(version), latest: String(LATEST_SCHEMA_VERSION) }),
    );
  }
}

/** Size and modification time: enough to tell that a file was replaced or changed. */
function fileStamp(path: string): string {
  try {
    const stats = statSync(path);
    return `${stats.size}:${stats.mtimeMs}`;
  } catch {
    return 'missing';
  }
}

function restrictPermissions(path: string): void {
  if (process.platform !== 'win32') chmodSync(path, 0o600);
}

/**
 * A password change re-encrypts the database under a new key: another connection to it (the app
 * while the CLI runs `passwd`, an import's connection) would go on with the old key and find
 * every page unreadable. So the change first takes the database for itself: with
 * locking_mode EXCLUSIVE, an exclusive transaction keeps its lock after it ends, and it can only
 * be taken while no other connection, in any process, has the database open (each holds a shared
 * lock on the file in WAL mode). Refused with a clear message otherwise; nothing changed.
 */
function takeSoleAccess(db: Db): void {
  db.pragma('busy_timeout = 1000');
  db.pragma('locking_mode = EXCLUSIVE');
  try {
    db.exec('BEGIN EXCLUSIVE; COMMIT');
  } catch (error) {
    releaseSoleAccess(db);
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))) {
      throw phraseError('Busy', phrase(errors.openElsewhere));
    }
    throw error;
  }
}

function releaseSoleAccess(db: Db): void {
  db.pragma('locking_mode = NORMAL');
  // The exclusive lock is let go at the next access after the mode changes.
  db.prepare('SELECT count(*) FROM sqlite_master').get();
  db.pragma('busy_timeout = 5000');
}

/**
 * A private copy of a backup to work on. Created exclusively (O_EXCL, which also refuses to write
 * through a symlink planted under that name): a leftover from an interrupted run, or a link
 * someone planted, is removed first (rm removes the link, never its target), so a restore can
 * never overwrite a file outside the data directory.
 */
function stageCopy(source: string, staged: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(staged + suffix, { force: true });
  copyFileSync(source, staged, constants.COPYFILE_EXCL);
  restrictPermissions(staged);
}

/** Opens (and checks) a database with the first of `keys` it is encrypted under. */
function openWithAnyKey(path: string, keys: Buffer[], verify: (db: Db) => void): { db: Db; key: Buffer } {
  let firstError: unknown = null;
  for (const key of keys) {
    try {
      return { db: openEncrypted(path, key, 'open', { verify }), key };
    } catch (error) {
      firstError ??= error;
      // Only "not this key" is worth another key; a newer schema is the same answer under any.
      if (!(error instanceof KeywardError && error.code === 'VaultDamaged')) throw error;
    }
  }
  throw firstError;
}

/**
 * Keyward's files are its own: a symlink among them (planted by someone who can write the
 * directory) could make a write land elsewhere. Refused as damage before anything is written.
 */
function assertNoSymlinks(files: VaultFiles): void {
  const entries = (dir: string) => {
    try {
      return readdirSync(dir).map((name) => join(dir, name));
    } catch {
      return [];
    }
  };
  for (const path of [...entries(files.dir), ...entries(files.backups).flatMap((backup) => [backup, ...entries(backup)])]) {
    let link: boolean;
    try {
      link = lstatSync(path).isSymbolicLink();
    } catch {
      continue;
    }
    if (link) throw damaged('symlink', { file: basename(path) });
  }
}

/**
 * The data directory is the owner's alone: directories 0700, files 0600, backups included, also
 * when an older version or the user created them looser. Keyward's own entries only (symlinks
 * were refused before this runs).
 */
function restrictDirectory(dir: string): void {
  if (process.platform === 'win32') return;
  const tighten = (path: string, depth: number) => {
    let stats;
    try {
      stats = lstatSync(path);
    } catch {
      return;
    }
    if (stats.isSymbolicLink()) return;
    const wanted = stats.isDirectory() ? 0o700 : 0o600;
    if ((stats.mode & 0o777) !== wanted && (stats.mode & 0o077) !== 0) chmodSync(path, wanted);
    if (stats.isDirectory() && depth < 3) for (const name of readdirSync(path)) tighten(join(path, name), depth + 1);
  };
  tighten(dir, 0);
}
