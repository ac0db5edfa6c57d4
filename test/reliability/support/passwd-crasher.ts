/**
 * The process the password-change crash test kills: it unlocks the vault and changes the master
 * password, and SIGKILLs itself right after the named step of the change (Vault's
 * onPasswordChangeStep; the steps are listed in main/vault/vault.ts and docs/reliability.md).
 *
 *   node passwd-crasher.ts <data dir> <step>    (KEYWARD_PASSWORD, KEYWARD_NEW_PASSWORD)
 *
 * With the step `none`, it runs to the end unless the parent kills it (the test kills it while
 * the rekey runs, after the line `rekeying`). Prints `done` if the change finished without reaching the step (which the test treats as a failure).
 */
import { Vault, type PasswordChangeStep } from '../../../main/vault/vault.ts';

const [dataDir, killAt] = process.argv.slice(2) as [string, PasswordChangeStep | 'none'];
const vault = new Vault({
  dataDir,
  kdfPolicy: 'minimum',
  onPasswordChangeStep: (step) => {
    if (step === killAt) process.kill(process.pid, 'SIGKILL');
    // For a kill by the parent while the rekey runs: the line is written (synchronously, to a pipe) just before it starts.
    if (step === 'pending-header-written') process.stdout.write('rekeying\n');
  },
});
await vault.unlock(process.env.KEYWARD_PASSWORD ?? '', 'cli');
await vault.changePassword(process.env.KEYWARD_PASSWORD ?? '', process.env.KEYWARD_NEW_PASSWORD ?? '', 'cli');
process.stdout.write('done\n');
