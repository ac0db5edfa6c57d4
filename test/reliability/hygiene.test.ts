/**
 * Secret hygiene, outside the browser (see hygiene.spec.ts for the harness path): a unique
 * canary key added through the CLI (by `add`, by `rotate`, inside an import file) never appears
 * in plain text in any CLI output other than the reveal that asks for it, in any error, audit
 * entry or failure log, or in any file of the data directory (every file, as UTF-8, UTF-16,
 * base64 and hex).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeywardError } from '../../contract/errors.ts';
import { contract } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { createServices } from '../../main/services.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault, PASSWORD } from '../support/vault.ts';
import { canaryKey, countFiles, filesContaining } from './support/canary.ts';
import { cli, cliInProcess, type CliRun } from './support/cli.ts';
import { record } from './support/outcome.ts';

/**
 * CLI runs kept for the leak check. The key goes in and comes out through the real binary (`cli`);
 * the many commands in between run the same CLI code in this process (`run`: cliInProcess), which
 * prints exactly what the binary prints.
 */
function recordedCli(dir: string) {
  const runs: CliRun[] = [];
  const run = async (args: string[], stdin = '') => {
    const result = await cliInProcess(dir, args, stdin);
    runs.push(result);
    return result;
  };
  const ok = (result: CliRun) => {
    expect(result.code, `${result.args.join(' ')}: ${result.stderr}`).toBe(0);
    return result;
  };
  return { runs, run, ok };
}

describe('a canary key added through the CLI', () => {
  it('appears only in `reveal`’s output: nowhere else the CLI prints, nowhere in the data directory, nowhere in the audit log', async () => {
    const canary = canaryKey();
    const dir = tempDir();
    const { runs, run, ok } = recordedCli(dir);

    (await createdVault(dir)).vault.lock('manual');
    const addedRun = ok(await cli(dir, ['add', '--label', 'Canary shop', '--tag', 'canary', '--json'], `${canary}\n`));
    runs.push(addedRun);
    const added = JSON.parse(addedRun.stdout) as { id: string };
    ok(await run(['add', '--label', 'Neighbour', '--provider', 'github'], fakeKeys.github('NB')));
    ok(await run(['list']));
    ok(await run(['list', '--search', 'canary', '--json']));
    ok(await run(['detect', '--json'], canary));
    ok(await run(['backup', 'create']));
    ok(await run(['backup', 'list', '--json']));
    ok(await run(['audit', '--json', '--limit', '1000']));
    // Errors: a bad provider, a label too long, an unknown id, a wrong password.
    await run(['add', '--label', 'Again', '--provider', 'not-a-provider'], canary);
    await run(['add', '--label', 'x'.repeat(200)], canary);
    await run(['reveal', '00000000-0000-4000-8000-000000000000']);
    runs.push(await cliInProcess(dir, ['list'], '', 'not the password'));
    // A password change (issue 18): the rekeyed vault, its key ring, the pending header while it
    // lasts and the after-change backup hold no plaintext either; a pre-change backup restores.
    const newPassword = 'the canary test’s new password';
    const newPasswordFile = join(tempDir(), 'new-password');
    writeFileSync(newPasswordFile, `${newPassword}\n`);
    const beforeChange = JSON.parse(ok(await run(['backup', 'list', '--json'])).stdout) as Array<{ name: string }>;
    ok(await run(['passwd', '--new-password-file', newPasswordFile, '--json']));
    const asNew = async (args: string[]) => {
      const result = await cliInProcess(dir, args, '', newPassword);
      runs.push(result);
      return ok(result);
    };
    await asNew(['backup', 'restore', beforeChange.at(-1)!.name]);
    await asNew(['list', '--json']);
    const reveal = ok(await cli(dir, ['reveal', added.id], '', newPassword));
    expect(reveal.stdout.trim(), 'reveal prints the key').toBe(canary);

    const leaks = runs.filter((r) => r.stdout.includes(canary) || r.stderr.includes(canary)).map((r) => r.args.join(' '));
    expect(leaks).toEqual([]);
    expect(filesContaining(dir, canary)).toEqual([]);
    record('hygiene-cli', { commands: runs.length + 1, filesScanned: countFiles(dir), encodings: 5 });
  });
});

describe('a canary key that arrives and leaves by rotation', () => {
  it('appears only where it is asked for by number (`history --reveal`): not in rotate, history, due or audit output, errors or files', async () => {
    const canary = canaryKey();
    const dir = tempDir();
    const { runs, run, ok } = recordedCli(dir);

    (await createdVault(dir)).vault.lock('manual');
    const added = JSON.parse(ok(await run(['add', '--label', 'Rotating shop', '--json'], fakeKeys.stripeTest('OLD'))).stdout) as {
      id: string;
    };
    // In by rotation (through the real binary), then out again into the history by a second one.
    runs.push(ok(await cli(dir, ['rotate', added.id, '--keep-old', '7', '--json'], `${canary}\n`)));
    ok(await run(['history', added.id]));
    // Errors: the same key again, a key of another provider, an unknown id.
    const refused = (result: CliRun) => expect(result.code, result.args.join(' ')).not.toBe(0);
    refused(await run(['rotate', added.id], `${canary}\n`));
    refused(await run(['rotate', added.id], `${fakeKeys.github('OTHER')}\n`));
    refused(await run(['rotate', '00000000-0000-4000-8000-000000000000'], `${canary}\n`));
    ok(await run(['rotate', added.id, '--json'], `${fakeKeys.stripeTest('NEW')}\n`));
    // Now history: rotating back to it is refused without quoting it.
    refused(await run(['rotate', added.id], `${canary}\n`));
    const history = JSON.parse(ok(await run(['history', added.id, '--json'])).stdout) as Array<{ seq: number }>;
    // #1 is the first key, #2 the canary (rotated out by the second rotation).
    expect(history.map((entry) => entry.seq)).toEqual([2, 1]);
    ok(await run(['due', '--within', '30', '--json']));
    ok(await run(['list', '--json']));
    ok(await run(['audit', '--json', '--limit', '1000']));
    ok(await run(['backup', 'create']));
    const reveal = ok(await cli(dir, ['history', added.id, '--reveal', '2']));
    expect(reveal.stdout.trim(), 'history --reveal prints the earlier key').toBe(canary);

    const leaks = runs.filter((r) => r.stdout.includes(canary) || r.stderr.includes(canary)).map((r) => r.args.join(' '));
    expect(leaks).toEqual([]);
    expect(filesContaining(dir, canary)).toEqual([]);
    record('hygiene-rotation', { commands: runs.length + 1, filesScanned: countFiles(dir), encodings: 5 });
  });
});

describe('a canary key that arrives inside an import file', () => {
  it('is stored masked and never printed: not by import, usage list or export, costs, audit, nor in any file', async () => {
    const canary = canaryKey();
    const dir = tempDir();
    (await createdVault(dir)).vault.lock('manual');
    const header =
      'usage_date_utc,model_version,api_key,workspace,usage_type,context_window,usage_input_tokens_no_cache,usage_input_tokens_cache_write_5m,usage_input_tokens_cache_write_1h,usage_input_tokens_cache_read,usage_output_tokens,web_search_count';
    const good = join(tempDir(), 'anthropic-usage.csv');
    // Some tools write the key itself where the export names the key: the canary rides in that column.
    writeFileSync(good, `${header}\n2026-11-20,claude-haiku-4-5,${canary},Default,standard,≤ 200k,1000,0,0,0,100,0\n`);
    const bad = join(tempDir(), 'anthropic-bad.csv');
    writeFileSync(bad, `${header}\n2026-11-21,claude-haiku-4-5,${canary},Default,standard,≤ 200k,${canary},0,0,0,100,0\n`);
    const runs: CliRun[] = [];
    const run = async (args: string[]) => {
      const result = await cliInProcess(dir, args);
      runs.push(result);
      return result;
    };
    expect((await run(['usage', 'import', good, '--dry-run'])).code).toBe(0);
    expect((await run(['usage', 'import', good])).code).toBe(0);
    expect((await run(['usage', 'import', bad])).code).toBe(2);
    await run(['usage', 'list', '--json']);
    await run(['usage', 'list']);
    await run(['usage', 'export']);
    await run(['usage', 'imports', '--json']);
    await run(['usage', 'costs', '--by', 'key']);
    await run(['audit', '--json']);
    const leaks = runs.filter((r) => r.stdout.includes(canary) || r.stderr.includes(canary)).map((r) => r.args.join(' '));
    expect(leaks).toEqual([]);
    // The record still says which key it was, the way every list shows a key: masked.
    expect(runs.find((r) => r.args.join(' ') === 'usage list --json')!.stdout).toContain('sk_test_…');
    expect(filesContaining(dir, canary)).toEqual([]);
  });
});

describe('errors and failure logs never carry a value', () => {
  it('the router: an unexpected failure is logged without its message, and answered without it', async () => {
    const canary = canaryKey();
    const logged: string[] = [];
    const services = createServices({ dataDir: tempDir(), kdfPolicy: 'minimum' });
    const handlers = createHandlers(services);
    handlers.keys.detect = () => {
      throw new Error(`parser choked on ${canary}`);
    };
    const call = createRouter(handlers, (channel, summary) => logged.push(`${channel} ${summary}`));
    const result = await call('keys.detect', { secret: canary }, { source: 'app' });
    expect(result).toMatchObject({ ok: false, error: { code: 'Internal' } });
    expect(JSON.stringify(result)).not.toContain(canary);
    expect(logged).toHaveLength(1);
    expect(logged[0]).not.toContain(canary);
  });

  it('validation errors name fields, never the values given: the canary in every field of every method', async () => {
    const canary = canaryKey();
    const services = await createdVault();
    const call = createRouter(createHandlers(services));
    const key = services.keys.add(contract.keys.add.input.parse({ label: 'Target', secret: fakeKeys.github('T') }), 'app');
    // Wrong type, too long, malformed: the value rides in the input, never in the answer.
    const bad = [canary, `${canary}${'x'.repeat(20_000)}`, [canary], { [canary]: canary }];
    const fields = [
      'password',
      'current',
      'next',
      'id',
      'label',
      'provider',
      'environment',
      'notes',
      'usedIn',
      'tags',
      'expiresAt',
      'rotateEveryDays',
      'favourite',
      'search',
      'name',
      'keyId',
      'limit',
      'clipboardClearSeconds',
      'autoLockMinutes',
      'theme',
      'secret',
    ];
    let cases = 0;
    for (const channel of Object.keys(contract).flatMap((slice) =>
      Object.keys(contract[slice as keyof typeof contract]).map((m) => `${slice}.${m}`),
    )) {
      for (const field of fields) {
        for (const value of bad) {
          for (const input of [
            { [field]: value },
            { id: key.id, label: 'ok', secret: fakeKeys.github('T'), [field]: value },
            value,
          ]) {
            if (channel === 'vault.create' || channel === 'vault.lock') continue;
            const result = await call(channel, input, { source: 'app' });
            cases++;
            if (result.ok) continue;
            expect(JSON.stringify(result.error), `${channel} ${field}`).not.toContain(canary);
          }
        }
      }
    }
    services.vault.lock('manual');
    record('hygiene-errors', { cases });
  });

  it('a KeywardError carries only its own message across a door', () => {
    const error = new KeywardError('Invalid', 'label: Use at most 120 characters.');
    expect(Object.keys(error.toPayload()).sort()).toEqual(['code', 'message']);
    void PASSWORD;
  });
});
