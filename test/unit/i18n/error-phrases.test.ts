import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { KeywardError, type ErrorPayload } from '../../../contract/errors.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { uncheckable } from '../../../main/health/probes.ts';
import type { Transport } from '../../../main/health/transport.ts';
import { damaged, type DamageCause } from '../../../main/vault/header.ts';
import { appLike } from '../../support/app.ts';
import { fakeKeys, moreFakeKeys } from '../../support/fake-keys.ts';
import { windowIntl } from '../../support/intl.ts';
import { PASSWORD } from '../../support/vault.ts';

/*
 * Main's errors that name a specific thing cross as phrases (i18n/phrase.ts): the English message
 * is what the CLI printed before, word for word, and the Korean window says the whole sentence in
 * Korean, not a Korean summary followed by main's English.
 */

const korean = windowIntl('ko');
const MISSING_ID = '00000000-0000-4000-8000-000000000000';

async function caught(promise: Promise<unknown>): Promise<KeywardError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(KeywardError);
  return error as KeywardError;
}

/** The Korean of an error, after the same checks for every error here. */
function inKorean(error: KeywardError | ErrorPayload, english: string, ...names: string[]): string {
  expect(error.message).toBe(english);
  expect(error.phrase, english).toBeDefined();
  expect(phraseText(error.phrase!)).toBe(english);
  const text = phraseText(error.phrase!, korean);
  expectKorean(text, ...names);
  return text;
}

/** The same for an error about one field: the CLI's message names the field, the window says the sentence. */
function fieldInKorean(error: KeywardError, field: string, sentence: string, ...names: string[]): string {
  expect(error.code).toBe('Invalid');
  expect(error.message).toBe(`${field}: ${sentence}`);
  expect(phraseText(error.phrase!)).toBe(sentence);
  const text = phraseText(error.phrase!, korean);
  expectKorean(text, ...names);
  return text;
}

/** Hangul throughout: no Latin word is left but the names and values given, file names and commands in backticks. */
function expectKorean(text: string, ...names: string[]) {
  expect(text).toMatch(/[가-힣]/);
  let rest = text.replace(/`[^`]*`/g, '');
  for (const name of [...names, 'Keyward', 'vault.header.json', 'vault.db'].sort((a, b) => b.length - a.length)) {
    rest = rest.split(name).join('');
  }
  expect(rest.match(/[A-Za-z]{2,}/g) ?? [], text).toEqual([]);
}

describe('errors main words for the window, in English and Korean', () => {
  it('backups: a restore or a deletion of a backup that is not there names it', async () => {
    const app = appLike();
    await app.create();
    const restore = await caught(app.api.backups.restore({ name: '2026-01-02T03-04-05Z-manual' }));
    expect(inKorean(restore, 'No backup named 2026-01-02T03-04-05Z-manual.', '2026-01-02T03-04-05Z-manual')).toBe(
      '이름이 2026-01-02T03-04-05Z-manual인 백업이 없습니다.',
    );
    const deletion = await caught(
      app.api.backups.delete({ names: ['2026-01-01T00-00-00Z-manual', '2026-01-01T00-00-01Z-manual'] }),
    );
    expect(
      inKorean(
        deletion,
        'No backup named 2026-01-01T00-00-00Z-manual, 2026-01-01T00-00-01Z-manual; nothing was deleted.',
        '2026-01-01T00-00-00Z-manual',
        '2026-01-01T00-00-01Z-manual',
      ),
    ).toBe('이름이 2026-01-01T00-00-00Z-manual, 2026-01-01T00-00-01Z-manual인 백업이 없습니다. 아무것도 삭제되지 않았습니다.');
  });

  it('keys and rotation: a missing key, a missing history entry, a rotation to the same key (at its field too)', async () => {
    const app = appLike();
    await app.create();
    const missing = await caught(app.api.keys.rotate({ id: MISSING_ID, secret: fakeKeys.openaiProject('v2') }));
    expect(missing.code).toBe('NotFound');
    expect(inKorean(missing, 'No key with that id.', 'ID')).toBe('그런 ID의 키가 없습니다.');

    const secret = fakeKeys.openaiProject('v1');
    const key = await app.api.keys.add({ label: 'Billing', secret });
    const same = await caught(app.api.keys.rotate({ id: key.id, secret }));
    // The CLI's message names the field; the window says the sentence, there and beside the field.
    expect(fieldInKorean(same, 'secret', 'That is the key already stored; paste the new one.')).toBe(
      '이미 저장된 키입니다. 새 키를 붙여 넣으십시오.',
    );
    expect(same.issues).toHaveLength(1);
    const [issue] = same.issues!;
    expect(issue).toMatchObject({ path: 'secret', message: 'That is the key already stored; paste the new one.' });
    expect(phraseText(issue!.phrase!)).toBe(issue!.message);
    expect(phraseText(issue!.phrase!, korean)).toBe('이미 저장된 키입니다. 새 키를 붙여 넣으십시오.');

    const other = await caught(app.api.keys.rotate({ id: key.id, secret: fakeKeys.anthropic() }));
    expect(
      fieldInKorean(other, 'secret', 'That looks like a Anthropic key, not OpenAI; nothing was changed.', 'Anthropic', 'OpenAI'),
    ).toBe('OpenAI 키가 아니라 Anthropic 키로 보입니다. 아무것도 변경되지 않았습니다.');

    const history = await caught(app.api.keys.markRevoked({ id: key.id, seq: 42 }));
    expect(inKorean(history, 'That key has no history entry #42.')).toBe('이 키에는 #42 기록 항목이 없습니다.');

    const unknown = await caught(app.api.keys.add({ label: 'Odd', secret: moreFakeKeys.unrecognised('a') }));
    expect(fieldInKorean(unknown, 'provider', 'this key’s format is not recognised; choose its provider.')).toBe(
      '이 키의 형식을 알 수 없습니다. 제공업체를 고르십시오.',
    );
    expect(unknown.issues?.map((i) => [i.message, phraseText(i.phrase!, korean)])).toEqual([
      ['The format is not recognised; choose the provider.', '형식을 알 수 없습니다. 제공업체를 고르십시오.'],
    ]);
  });

  it('trash: restoring a key that is not in the trash names it, with its particle', async () => {
    const app = appLike();
    await app.create();
    const key = await app.api.keys.add({ label: '결제 키', secret: fakeKeys.github() });
    const error = await caught(app.api.trash.restore({ id: key.id }));
    expect(inKorean(error, '결제 키 is not in the trash.')).toBe('결제 키가 휴지통에 없습니다.');
    const bot = await app.api.keys.add({ label: '배포 봇', secret: fakeKeys.stripeLive() });
    expect(phraseText((await caught(app.api.trash.restore({ id: bot.id }))).phrase!, korean)).toBe(
      '배포 봇이 휴지통에 없습니다.',
    );
  });

  it('scan: a path that does not exist, or is not absolute, is named', async () => {
    const app = appLike();
    await app.create();
    const missing = await caught(app.api.scan.start({ paths: ['/no/such/folder'] }));
    expect(missing.code).toBe('Invalid');
    expect(inKorean(missing, 'paths.0: no such file or folder: /no/such/folder', '/no/such/folder', 'paths')).toBe(
      '/no/such/folder: 그런 파일이나 폴더가 없습니다(paths.0).',
    );
    const relative = await caught(app.api.scan.start({ paths: ['/tmp', 'src'] }));
    expect(inKorean(relative, 'paths.1: use an absolute path (src).', 'paths', 'src')).toBe(
      'src: 절대 경로가 아닙니다(paths.1). 절대 경로를 쓰십시오.',
    );
  });

  it('health: a key that cannot be checked says why', async () => {
    // No request is made: the key is refused before anything is sent.
    const noRequest: Transport = () => Promise.reject(new Error('no request expected'));
    const app = appLike({ checkTransport: noRequest });
    await app.create();
    const custom = await app.api.keys.add({
      label: 'Internal',
      secret: moreFakeKeys.unrecognised('x'),
      provider: 'custom:Internal',
    });
    const error = await caught(app.api.health.check({ ids: [custom.id] }));
    expect(inKorean(error, 'This key cannot be checked: Custom providers have no known check endpoint.')).toBe(
      '이 키는 확인할 수 없습니다. 사용자 지정 제공업체에는 알려진 확인 엔드포인트가 없습니다.',
    );
    // The same reason, for a key skipped in a run of several: the window and the CLI word it.
    const reason = uncheckable('perplexity', 'pplx-…')!;
    expect(phraseText(reason)).toBe('Perplexity has no free read-only endpoint to check a key with.');
    expect(phraseText(reason, korean)).toBe('Perplexity에는 키를 확인할 무료 읽기 전용 엔드포인트가 없습니다.');
  });

  it('the vault: a wrong current password, and a damaged header, named', async () => {
    const app = appLike();
    await app.create();
    const wrong = await caught(
      app.api.vault.changePassword({ current: 'not the password at all', next: 'another long password' }),
    );
    expect(wrong.code).toBe('WrongPassword');
    expect(inKorean(wrong, 'The current master password is wrong.')).toBe('현재 마스터 비밀번호가 틀렸습니다.');

    await app.api.vault.lock();
    writeFileSync(app.services.vault.files.header, 'not a header');
    const damage = await caught(app.api.vault.unlock({ password: PASSWORD }));
    expect(damage.code).toBe('VaultDamaged');
    expect(
      inKorean(
        damage,
        'The vault is damaged: the vault header is not readable. Nothing was changed; recover it from a backup (the unlock screen offers them, or `keyward backup recover`).',
      ),
    ).toBe(
      '보관함이 손상되었습니다. 보관함 헤더를 읽을 수 없습니다. 아무것도 변경되지 않았습니다. 백업에서 복구하십시오(잠금 해제 화면에서 백업을 고르거나 `keyward backup recover`를 실행하십시오).',
    );
  });

  it('the router: a CLI-only method called from the window', async () => {
    const app = appLike();
    await app.create();
    const refused = await caught(
      app.api.keys.resolve({ references: ['keyward://x'], purpose: { kind: 'run', command: 'node' } }),
    );
    expect(refused.code).toBe('Forbidden');
    expect(
      inKorean(
        refused,
        "keys.resolve is only available to the keyward command, not to the app's window.",
        'keys.resolve',
        'keyward',
      ),
    ).toBe('keys.resolve는 keyward 명령에서만 쓸 수 있으며 앱 창에서는 쓸 수 없습니다.');
  });

  it('every kind of damage keeps its English sentence and has its Korean', () => {
    const tail = '. Nothing was changed; recover it from a backup (the unlock screen offers them, or `keyward backup recover`).';
    const causes: Array<[DamageCause, Record<string, string>, string]> = [
      ['headerUnreadable', {}, 'the vault header is not readable'],
      ['headerChecksum', {}, 'the vault header failed its checksum'],
      ['headerMalformed', {}, 'the vault header is malformed'],
      ['headerMissing', {}, 'the vault header (vault.header.json) is missing'],
      ['kdfOutOfRange', {}, 'the key-derivation settings are outside the range Keyward uses'],
      ['dbMissing', {}, 'vault.db is missing'],
      ['dbUnopenable', {}, 'vault.db cannot be opened'],
      ['dbEmpty', {}, 'vault.db is empty'],
      ['corrupted', {}, 'vault.db does not match its header or is corrupted'],
      ['integrity', {}, 'the integrity check after the last unlock found vault.db damaged'],
      ['walCut', {}, 'the write-ahead log is cut inside its header'],
      ['walHeader', {}, 'the write-ahead log header is not valid'],
      ['walFrame', { frame: '12' }, 'write-ahead log frame 12 was altered'],
      ['otherVault', {}, 'vault.db belongs to another vault'],
      ['backupOtherVault', { name: '2026-11-30' }, 'backup 2026-11-30 belongs to another vault'],
      [
        'symlink',
        { file: 'vault.db-wal' },
        'vault.db-wal in the data directory is a symbolic link; Keyward does not follow links there',
      ],
    ];
    const said = new Set<string>();
    for (const [cause, values, what] of causes) {
      const text = inKorean(damaged(cause, values).toPayload(), `The vault is damaged: ${what}${tail}`, ...Object.values(values));
      said.add(text);
    }
    expect(said.size).toBe(causes.length);
  });
});
