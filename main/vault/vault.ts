import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { KeywardError } from '../../contract/errors.ts';
import type { AuditSource } from '../../contract/audit.ts';
import type { BackupInfo } from '../../contract/backups.ts';
import type { LockReason, VaultStatus } from '../../contract/vault.ts';
import { appendAudit } from '../audit/log.ts';
import { systemClock, type Clock } from '../clock.ts';
import { SerialQueue } from '../serial-queue.ts';
import { backupDbPath, createBackup, listBackups } from './backups.ts';
import { SecretBox } from './crypto.ts';
import { assertEncryptedOnDisk, inWriteTransaction, openEncrypted, type Db } from './database.ts';
import { damaged, readHeader, unwrapDataKey, wrapDataKey, writeHeader, type VaultHeader } from './header.ts';
import { chooseKdfCost, deriveKek, isBelowFloor, newSalt, type KdfParams, type KdfPolicy } from './kdf.ts';
import { LATEST_SCHEMA_VERSION, migrate, schemaVersion } from './migrations/index.ts';
import { vaultFiles, type VaultFiles } from './paths.ts';
import { UnlockThrottle } from './throttle.ts';
import { replaceContents } from './restore.ts';
import { verifyInBackground, type Verdict, type Verification } from './verify.ts';
import { checkWalSettled } from './wal-check.ts';

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
}

/** What services get while the vault is unlocked. Never held past a lock. */
export interface Session {
  readonly db: Db;
  readonly box: SecretBox;
  readonly vaultId: string;
}

type LockListener = (reason: LockReason) => void;

interface OpenState {
  session: Session;
  dataKey: Buffer;
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
  #verification: Verification | null = null;
  #verified: Promise<Verdict> = Promise.resolve('ok');
  /** The file as it was when the background check found it damaged: unlocking it again is refused until it changes. */
  #damagedFile: string | null = null;

  constructor(options: VaultOptions) {
    this.files = vaultFiles(options.dataDir);
    this.#clock = options.clock ?? systemClock;
    this.#kdfPolicy = options.kdfPolicy ?? 'calibrate';
    this.#throttle = new UnlockThrottle(this.files.throttle, this.#clock);
    this.#verifyWorker = options.verifyWorker;
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
        throw new KeywardError('AlreadyExists', `A vault already exists in ${this.files.dir}; unlock it instead.`);
      }
      mkdirSync(this.files.dir, { recursive: true, mode: 0o700 });
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
      this.#open = { session: { db, box: new SecretBox(dataKey), vaultId: fields.vaultId }, dataKey };
    });
  }

  #unlock(password: string, source: AuditSource): Promise<void> {
    return this.#queue.run(async () => {
      if (this.#open) return;
      const header = this.#readHeader();
      if (this.#damagedFile && this.#damagedFile === fileStamp(this.files.db)) {
        throw damaged('the integrity check after the last unlock found vault.db damaged');
      }
      // Before the KDF: damage is reported at once, and never counted as a wrong password.
      const wal = await checkWalSettled(`${this.files.db}-wal`);
      if (!wal.ok) throw damaged(wal.reason);
      const dataKey = await this.#unwrapThrottled(header, password);
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
          for (const failedAt of this.#throttle.failuresSinceUnlock()) appendAudit(db, { at: failedAt, action: 'vault.unlock-failed', source });
          appendAudit(db, { at, action: 'vault.unlocked', source });
        });
      } catch (error) {
        db.close();
        dataKey.fill(0);
        throw error;
      }
      this.#throttle.recordSuccess();
      const session: Session = { db, box: new SecretBox(dataKey), vaultId: header.vaultId };
      this.#open = { session, dataKey };
      if (this.#verifyWorker) this.#verifyWholeFile(this.#verifyWorker, session, dataKey);
    });
  }

  /**
   * The rest of the integrity check, off the main thread (see IntegrityCheck in database.ts for
   * what waiting for it would and would not add). Damage locks the vault and keeps it locked.
   */
  #verifyWholeFile(script: string | URL, session: Session, dataKey: Buffer): void {
    const verification = verifyInBackground(script, this.files.db, dataKey);
    this.#verification = verification;
    this.#verified = verification.result.then((verdict) => {
      if (verdict === 'damaged' && this.#open?.session === session) {
        this.lock('damaged');
        this.#damagedFile = fileStamp(this.files.db);
      }
      return verdict;
    });
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
    this.#verification?.stop();
    this.#verification = null;
    try {
      // Not into a file found damaged: what is left of the log stays beside it.
      if (reason !== 'damaged') open.session.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // A busy checkpoint only means the WAL stays until the next open; closing is what matters.
    }
    open.session.db.close();
    open.session.box.wipe();
    open.dataKey.fill(0);
    for (const listener of this.#lockListeners) listener(reason);
  }

  /** Re-wraps the same data key under a new password; the database is not re-encrypted. */
  changePassword(current: string, next: string, source: AuditSource): Promise<void> {
    return this.#queue.run(async () => {
      const open = this.#open;
      if (!open) throw new KeywardError('Locked', 'Unlock the vault before changing its master password.');
      const header = this.#readHeader();
      const check = await this.#unwrap(header, current);
      if (!check) throw new KeywardError('WrongPassword', 'The current master password is wrong.');
      check.fill(0);
      const cost = await chooseKdfCost(this.#kdfPolicy);
      const kdf: KdfParams = { algorithm: 'argon2id', version: 19, salt: newSalt(), ...cost };
      const kek = await deriveKek(next, kdf);
      const { db } = open.session;
      try {
        // One transaction around both: the lock is taken before the header changes, so a busy
        // vault leaves the old password in force and nothing recorded, never one without the other.
        inWriteTransaction(db, () => {
          appendAudit(db, { at: this.#clock.now().toISOString(), action: 'vault.password-changed', source });
          writeHeader(this.files.header, wrapDataKey(open.dataKey, kek, { vaultId: header.vaultId, createdAt: header.createdAt, kdf }));
        });
      } finally {
        kek.fill(0);
      }
    });
  }

  /** An encrypted snapshot of the open vault (see backups.ts). */
  backup(reason: string, source: AuditSource): BackupInfo {
    const { db } = this.session();
    const info = createBackup(db, this.files, reason, this.#clock);
    appendAudit(db, { at: this.#clock.now().toISOString(), action: 'vault.backup-created', source, detail: info.name });
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
      if (!open) throw new KeywardError('Locked', 'Unlock the vault before restoring a backup.');
      const backup = listBackups(this.files.backups).find((b) => b.name === name);
      if (!backup) throw new KeywardError('NotFound', `No backup named ${name}.`);
      const staged = `${this.files.db}.restoring`;
      copyFileSync(backupDbPath(this.files.backups, name), staged);
      try {
        const candidate = openEncrypted(staged, open.dataKey, 'open', { verify: (db) => checkIdentity(db, open.session.vaultId, `backup ${name}`) });
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
            open.dataKey,
            () => createBackup(reader, this.files, 'before-restore', this.#clock),
            () => appendAudit(db, { at: this.#clock.now().toISOString(), action: 'vault.restored', source, detail: name }),
          );
        } finally {
          reader.close();
        }
        this.lock('restore');
        return { restored: name, savedCurrentAs: saved.name };
      } finally {
        for (const suffix of ['', '-wal', '-shm']) rmSync(staged + suffix, { force: true });
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
      if (this.#open) throw new KeywardError('Invalid', 'The vault is open and not damaged; restore the backup from Settings or `keyward backup restore` instead.');
      const backup = listBackups(this.files.backups).find((b) => b.name === name);
      if (!backup) throw new KeywardError('NotFound', `No backup named ${name}.`);
      const backupDir = dirname(backupDbPath(this.files.backups, name));
      let header: VaultHeader;
      let headerFromBackup = false;
      try {
        header = this.#readHeader();
      } catch (error) {
        if (!(error instanceof KeywardError && error.code === 'VaultDamaged')) throw error;
        header = readHeader(join(backupDir, 'vault.header.json'));
        headerFromBackup = true;
      }
      const dataKey = await this.#unwrapThrottled(header, password);
      const staged = `${this.files.db}.recovering`;
      try {
        // Only for a vault that does not open: a sound one is restored after unlocking, which saves its state first.
        if (!headerFromBackup && this.#opensCleanly(dataKey, header.vaultId)) {
          throw new KeywardError('Invalid', 'The vault opens and is not damaged; unlock it and restore the backup from Settings or `keyward backup restore`.');
        }
        copyFileSync(backupDbPath(this.files.backups, name), staged);
        const candidate = openEncrypted(staged, dataKey, 'open', { verify: (db) => checkIdentity(db, header.vaultId, `backup ${name}`) });
        try {
          appendAudit(candidate, { at: this.#clock.now().toISOString(), action: 'vault.recovered', source, detail: name });
          candidate.pragma('wal_checkpoint(TRUNCATE)');
        } finally {
          candidate.close();
        }
        const setAsideIn = join(this.files.dir, `damaged-${this.#clock.now().toISOString().replace(/[:.]/g, '-')}`);
        mkdirSync(setAsideIn, { mode: 0o700 });
        for (const file of [this.files.db, `${this.files.db}-wal`, `${this.files.db}-shm`, ...(headerFromBackup ? [this.files.header] : [])]) {
          if (existsSync(file)) renameSync(file, join(setAsideIn, basename(file)));
        }
        if (headerFromBackup) copyFileSync(join(backupDir, 'vault.header.json'), this.files.header);
        renameSync(staged, this.files.db);
        restrictPermissions(this.files.db);
        this.#damagedFile = null;
        return { restored: name, setAsideIn };
      } finally {
        dataKey.fill(0);
        for (const suffix of ['', '-wal', '-shm']) rmSync(staged + suffix, { force: true });
      }
    });
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
      if (existsSync(this.files.db)) throw damaged('the vault header (vault.header.json) is missing');
      throw new KeywardError('NotInitialized', `No vault in ${this.files.dir} yet; create one first.`);
    }
    const header = readHeader(this.files.header);
    if (isBelowFloor(header.kdf)) throw damaged('the key-derivation settings are below the safe minimum');
    return header;
  }

  /** The data key, under the growing delay after wrong passwords: every door that checks the master password goes through here. */
  async #unwrapThrottled(header: VaultHeader, password: string): Promise<Buffer> {
    const retryAfterMs = this.#throttle.retryAfterMs();
    if (retryAfterMs > 0) {
      throw new KeywardError('Throttled', `Too many wrong passwords. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`, { retryAfterMs });
    }
    const dataKey = await this.#unwrap(header, password);
    if (!dataKey) {
      this.#throttle.recordFailure();
      throw new KeywardError('WrongPassword', 'Wrong master password.');
    }
    return dataKey;
  }

  async #unwrap(header: VaultHeader, password: string): Promise<Buffer | null> {
    const kek = await deriveKek(password, header.kdf);
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
 * database must belong to this vault and be a schema this build understands.
 */
function checkIdentity(db: Db, vaultId: string, what = 'vault.db'): void {
  const storedId = db.prepare("SELECT value FROM vault_meta WHERE key = 'vault_id'").pluck().get();
  if (storedId !== vaultId) throw damaged(`${what} belongs to another vault`);
  const version = schemaVersion(db);
  if (version > LATEST_SCHEMA_VERSION) {
    throw new KeywardError(
      'VaultTooNew',
      `This vault uses schema ${version}, newer than this Keyward understands (${LATEST_SCHEMA_VERSION}); update Keyward to open it.`,
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
