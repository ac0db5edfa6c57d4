/**
 * The process the crash rounds kill. It opens a vault through the same services and router as
 * the CLI, then writes for as long as it lives, one committed operation after another, and
 * prints a line before each (`begin`) and after each has returned (`ack`). Standard output to a
 * pipe is synchronous on Linux, so an `ack` the parent has read was written after the commit
 * and before the next operation began.
 *
 *   node crash-writer.ts <data dir> <seed> <scratch dir>    (password in KEYWARD_PASSWORD)
 *
 * The secrets are fake (test/support/fake-keys.ts); printing them lets the parent check every
 * value read back.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApi } from '../../../contract/client.ts';
import { createHandlers } from '../../../main/handlers.ts';
import { createRouter } from '../../../main/router.ts';
import { createServices } from '../../../main/services.ts';
import { fakeKeys, fill } from '../../support/fake-keys.ts';
import { createRng } from './rng.ts';
import type { CrashOp } from './crash-model.ts';

const [dataDir, seedText, scratch] = process.argv.slice(2);
const rng = createRng(Number(seedText));
let password = process.env.KEYWARD_PASSWORD ?? '';
const other = process.env.KEYWARD_OTHER_PASSWORD ?? '';

const services = createServices({ dataDir: dataDir!, kdfPolicy: 'minimum' });
const call = createRouter(createHandlers(services));
const api = createApi((channel, input) => call(channel, input, { source: 'cli' }));

const say = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);

await api.vault.unlock({ password });
say({ t: 'ready' });

const ids = (await api.keys.list()).map((k) => k.id);
const providers = new Map((await api.keys.list()).map((k) => [k.id, k.provider]));
// A rotation must bring a key in the same provider's format (Keyward refuses another's).
const newSecret = (id: string, tag: string) => (providers.get(id) === 'stripe' ? fakeKeys.stripeTest(tag) : fakeKeys.github(tag));
// Only backups this writer took and acknowledged: the parent knows what each holds.
const ownBackups: string[] = [];
let n = 0;
for (;;) {
  n++;
  const roll = rng.next();
  const tag = `${seedText}x${n}`;
  let op: CrashOp;
  // Mostly the cheap writes that crowd the kill window; a few backups and restores; rarely the
  // operations that spend most of their time in Argon2 (a lock/unlock, a password change).
  if (roll < 0.42 || ids.length < 3) {
    op = {
      kind: 'add',
      label: `key ${tag}`,
      secret: n % 2 ? fakeKeys.github(tag) : fakeKeys.stripeTest(tag),
      notes: fill(`notes ${tag} `, rng.int(0, 600)),
    };
  } else if (roll < 0.58) {
    const id = rng.pick(ids);
    op = { kind: 'rotate', id, secret: newSecret(id, `r${tag}`) };
  } else if (roll < 0.67) {
    op = { kind: 'edit', id: rng.pick(ids), label: `edited ${tag}`, notes: fill(`edit ${tag} `, rng.int(0, 600)) };
  } else if (roll < 0.77) {
    op = { kind: 'remove', id: ids.splice(rng.int(0, ids.length - 1), 1)[0]! };
  } else if (roll < 0.84) {
    op = { kind: 'settings', clipboardClearSeconds: rng.pick([10, 20, 30, 60, 120, 300] as const) };
  } else if (roll < 0.88) {
    op = { kind: 'import', rows: rng.int(20, 400), tag };
  } else if (roll < 0.92) {
    op = { kind: 'backup' };
  } else if (roll < 0.98) {
    // Imports take backups too and only the last 10 are kept: restore one of its own that is still there.
    const listed = new Set((await api.backups.list()).map((b) => b.name));
    const candidates = ownBackups.filter((name) => listed.has(name));
    op = candidates.length > 0 ? { kind: 'restore', name: rng.pick(candidates) } : { kind: 'backup' };
  } else if (roll < 0.99) {
    op = { kind: 'relock' };
  } else {
    op = { kind: 'passwd', from: password, to: password === other ? (process.env.KEYWARD_PASSWORD ?? '') : other };
  }
  say({ t: 'begin', op });
  let ack: Record<string, unknown> = {};
  switch (op.kind) {
    case 'add': {
      const key = await api.keys.add({ label: op.label, secret: op.secret, notes: op.notes });
      ids.push(key.id);
      providers.set(key.id, key.provider);
      ack = { id: key.id, provider: key.provider };
      break;
    }
    case 'edit':
      await api.keys.update({ id: op.id, label: op.label, notes: op.notes });
      break;
    case 'remove':
      await api.keys.remove({ id: op.id });
      break;
    case 'rotate':
      await api.keys.rotate({ id: op.id, secret: op.secret, keepOldForDays: null });
      break;
    case 'settings':
      await api.settings.update({ clipboardClearSeconds: op.clipboardClearSeconds });
      break;
    case 'backup':
      ack = { name: (await api.backups.create()).name };
      ownBackups.push(ack.name as string);
      break;
    case 'import': {
      // An OpenAI activity export whose rows are all new (the tag is in every identity).
      const header =
        'start_time,end_time,project_id,num_model_requests,api_key_id,model,input_tokens,output_tokens,input_cached_tokens';
      const lines = Array.from(
        { length: op.rows },
        (_, i) =>
          `${1767225600 + (i % 300) * 86400},${1767312000 + (i % 300) * 86400},proj_${op.tag}_${i},1,key_FAKE,gpt-4o-mini-2024-07-18,${1000 + i},200,0`,
      );
      const file = join(scratch!, `import-${op.tag}.csv`);
      writeFileSync(file, `${[header, ...lines].join('\n')}\n`);
      const preview = await api.usage.preview({ file: { path: file } });
      const result = await api.usage.commit({ token: preview.token });
      ack = { importId: result.importId, added: result.added };
      break;
    }
    case 'restore': {
      ack = { savedCurrentAs: (await api.backups.restore({ name: op.name })).savedCurrentAs };
      // The restore locked the vault; the keys it brought back are the ones to work on now.
      await api.vault.unlock({ password });
      const restored = await api.keys.list();
      ids.splice(0, ids.length, ...restored.map((k) => k.id));
      for (const key of restored) providers.set(key.id, key.provider);
      break;
    }
    case 'relock':
      await api.vault.lock();
      await api.vault.unlock({ password });
      break;
    case 'passwd':
      await api.vault.changePassword({ current: op.from, next: op.to });
      password = op.to;
      break;
  }
  say({ t: 'ack', op, ...ack });
}
