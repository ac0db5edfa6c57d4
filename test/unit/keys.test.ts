import { afterEach, describe, expect, it } from 'vitest';
import type { InputOf } from '../../contract/define.ts';
import { KeywardError } from '../../contract/errors.ts';
import { contract, type Contract } from '../../contract/index.ts';
import { getProvider } from '../../contract/providers.ts';
import { listAudit } from '../../main/audit/log.ts';
import type { Services } from '../../main/services.ts';
import { fakeKeys, moreFakeKeys } from '../support/fake-keys.ts';
import { createdVault, ManualClock } from '../support/vault.ts';

// The KeyService on a real encrypted vault in a temp dir. Inputs go through the contract's
// schemas first, as every door does, so defaults and trimming are the real ones.
type AddInput = InputOf<Contract['keys']['add']>;
type UpdateInput = InputOf<Contract['keys']['update']>;

const opened: Services[] = [];
afterEach(() => {
  for (const services of opened.splice(0)) services.vault.lock('quit');
});

async function vault(clock = new ManualClock()) {
  const services = await createdVault(undefined, clock);
  opened.push(services);
  return { services, clock, keys: services.keys };
}

function add(services: Services, input: AddInput) {
  return services.keys.add(contract.keys.add.input.parse(input), 'app');
}

function update(services: Services, input: UpdateInput) {
  return services.keys.update(contract.keys.update.input.parse(input), 'app');
}

function audit(services: Services) {
  return listAudit(services.vault.session().db, { limit: 10_000 });
}

function failure(run: () => unknown): KeywardError {
  try {
    run();
  } catch (error) {
    if (error instanceof KeywardError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

describe('add', () => {
  it('recognises the provider from the secret when none is given', async () => {
    const { services } = await vault();
    const openai = add(services, { label: 'Chatbot', secret: fakeKeys.openaiProject() });
    expect(openai).toMatchObject({ provider: 'openai', live: null, environment: 'prod', favourite: false });
    expect(add(services, { label: 'Shop live', secret: fakeKeys.stripeLive() })).toMatchObject({
      provider: 'stripe',
      live: true,
    });
    expect(add(services, { label: 'Shop test', secret: fakeKeys.stripeTest() })).toMatchObject({
      provider: 'stripe',
      live: false,
    });
  });

  it('lets an explicitly chosen provider override the recognised one', async () => {
    const { services } = await vault();
    const key = add(services, { label: 'Connect platform', provider: 'custom:Stripe Connect', secret: fakeKeys.stripeLive() });
    // The recognised live/test flag belongs to the recognised provider, not to the chosen one.
    expect(key).toMatchObject({ provider: 'custom:Stripe Connect', live: null });
    expect(add(services, { label: 'Proxy', provider: 'openrouter', secret: fakeKeys.openaiProject() }).provider).toBe(
      'openrouter',
    );
  });

  it('stores a key pasted with the quotes or spaces of an .env line as the bare key', async () => {
    const { services } = await vault();
    const bare = fakeKeys.stripeTest();
    const key = add(services, { label: 'Quoted', secret: `  "${bare}"\n` });
    expect(key).toMatchObject({ provider: 'stripe', live: false, masked: `sk_test_…${bare.slice(-4)}` });
    expect(services.keys.reveal(key.id, 'app').secret).toBe(bare);
    expect(services.keys.findDuplicates(bare).map((k) => k.id)).toEqual([key.id]);
  });

  it('accepts a custom provider', async () => {
    const { services } = await vault();
    const key = add(services, {
      label: 'Internal gateway',
      provider: 'custom:Acme Internal',
      secret: moreFakeKeys.unrecognised(),
    });
    expect(key.provider).toBe('custom:Acme Internal');
    expect(services.keys.get(key.id)).toEqual(key);
  });

  it('rejects an unrecognisable secret without a provider and adds nothing', async () => {
    const { services } = await vault();
    const before = audit(services);
    const error = failure(() => add(services, { label: 'Mystery', secret: moreFakeKeys.unrecognised() }));
    expect(error.code).toBe('Invalid');
    expect(error.issues?.map((issue) => issue.path)).toEqual(['provider']);
    expect(error.message).not.toContain(moreFakeKeys.unrecognised());
    expect(services.keys.list()).toEqual([]);
    expect(audit(services)).toEqual(before);
  });

  it('stores every given field and audits key.added with the label', async () => {
    const { services, clock } = await vault();
    const key = add(services, {
      label: '  Deploy bot  ',
      secret: fakeKeys.github(),
      environment: 'staging',
      notes: 'repo scope only',
      usedIn: ['ci', 'ci', 'release'],
      tags: ['infra'],
      expiresAt: '2027-03-01',
      rotateEveryDays: 90,
      favourite: true,
    });
    expect(key).toMatchObject({
      label: 'Deploy bot',
      provider: 'github',
      environment: 'staging',
      notes: 'repo scope only',
      usedIn: ['ci', 'release'],
      tags: ['infra'],
      expiresAt: '2027-03-01',
      rotateEveryDays: 90,
      favourite: true,
      createdAt: clock.now().toISOString(),
      updatedAt: clock.now().toISOString(),
      lastRotatedAt: null,
      lastCopiedAt: null,
    });
    expect(audit(services)[0]).toMatchObject({ action: 'key.added', source: 'app', keyId: key.id, keyLabel: 'Deploy bot' });
  });
});

describe('list', () => {
  it('returns masked values only', async () => {
    const { services } = await vault();
    const secrets = [fakeKeys.openaiProject(), fakeKeys.anthropic(), fakeKeys.github(), fakeKeys.stripeLive()];
    for (const [i, secret] of secrets.entries()) add(services, { label: `key ${i}`, secret });
    const list = services.keys.list();
    expect(list).toHaveLength(secrets.length);
    const json = JSON.stringify(list);
    for (const secret of secrets) expect(json).not.toContain(secret);
    for (const key of list) expect(key).not.toHaveProperty('secret');
    const openai = list.find((key) => key.provider === 'openai')!;
    expect(openai.masked).toBe(`sk-proj-…${fakeKeys.openaiProject().slice(-4)}`);
  });

  it('puts favourites first, then sorts by provider, then by label ignoring case', async () => {
    const { services } = await vault();
    add(services, { label: 'openai b', secret: fakeKeys.openaiProject('1') });
    add(services, { label: 'beta', secret: fakeKeys.github('1') });
    add(services, { label: 'Alpha', secret: fakeKeys.github('2') });
    add(services, { label: 'starred stripe', secret: fakeKeys.stripeTest(), favourite: true });
    add(services, { label: 'starred anthropic', secret: fakeKeys.anthropic(), favourite: true });
    add(services, { label: 'gateway', provider: 'custom:Acme Internal', secret: moreFakeKeys.unrecognised() });
    expect(services.keys.list().map((key) => key.label)).toEqual([
      'starred anthropic',
      'starred stripe',
      'gateway',
      'Alpha',
      'beta',
      'openai b',
    ]);
  });

  it('filters by provider', async () => {
    const { services } = await vault();
    add(services, { label: 'one', secret: fakeKeys.github('1') });
    add(services, { label: 'two', secret: fakeKeys.stripeTest() });
    expect(services.keys.list({ provider: 'github' }).map((key) => key.label)).toEqual(['one']);
  });
});

describe('search', () => {
  async function searchable() {
    const { services } = await vault();
    add(services, {
      label: 'Support chatbot',
      secret: fakeKeys.openaiProject(),
      tags: ['Billing'],
      usedIn: ['n8n-workflow'],
      notes: 'Restricted to the Zephyr project',
    });
    add(services, { label: 'Vision experiments', secret: moreFakeKeys.google() });
    add(services, { label: 'Payments', secret: fakeKeys.stripeLive(), usedIn: ['checkout-service'], favourite: true });
    add(services, {
      label: 'Über gateway',
      provider: 'custom:Acme Internal',
      secret: moreFakeKeys.unrecognised(),
      tags: ['edge'],
    });
    add(services, { label: 'Chatbot staging', secret: fakeKeys.anthropic(), environment: 'staging', tags: ['billing'] });
    const labels = (search: string) => services.keys.list({ search }).map((key) => key.label);
    return { services, labels };
  }

  it('matches the label, case-insensitively, including non-ASCII letters', async () => {
    const { labels } = await searchable();
    expect(labels('chatbot')).toEqual(['Chatbot staging', 'Support chatbot']);
    expect(labels('CHATBOT')).toEqual(['Chatbot staging', 'Support chatbot']);
    expect(labels('über')).toEqual(['Über gateway']);
    expect(labels('ÜBER')).toEqual(['Über gateway']);
  });

  it('matches the provider id and the catalog name', async () => {
    const { labels } = await searchable();
    // AIza… keys are generic Google API keys: the card says Google, which API is the user's to note.
    expect(getProvider('google')?.name).toBe('Google');
    expect(labels('google')).toEqual(['Vision experiments']);
    expect(labels('stripe')).toEqual(['Payments']);
    expect(labels('acme')).toEqual(['Über gateway']);
  });

  it('matches tags, used-in and notes', async () => {
    const { labels } = await searchable();
    expect(labels('billing')).toEqual(['Chatbot staging', 'Support chatbot']);
    expect(labels('n8n')).toEqual(['Support chatbot']);
    expect(labels('checkout')).toEqual(['Payments']);
    expect(labels('zephyr')).toEqual(['Support chatbot']);
  });

  it('requires every word to match, and orders results like the list', async () => {
    const { labels } = await searchable();
    expect(labels('chatbot billing')).toEqual(['Chatbot staging', 'Support chatbot']);
    expect(labels('  chatbot   anthropic ')).toEqual(['Chatbot staging']);
    expect(labels('chatbot nowhere')).toEqual([]);
    expect(labels('e')[0]).toBe('Payments'); // the favourite comes first
  });

  it('never matches on the secret itself', async () => {
    const { labels } = await searchable();
    expect(labels(fakeKeys.stripeLive())).toEqual([]);
    expect(labels('T3BlbkFJ')).toEqual([]);
  });

  it('an empty search lists everything', async () => {
    const { services, labels } = await searchable();
    expect(labels('   ')).toHaveLength(services.keys.list().length);
  });
});

describe('update', () => {
  it('changes only the given fields, bumps updatedAt and audits the changed fields', async () => {
    const { services, clock } = await vault();
    const original = add(services, { label: 'Old label', secret: fakeKeys.github(), tags: ['a'], notes: 'keep me' });
    clock.advance(60_000);
    const updated = update(services, { id: original.id, label: 'New label', usedIn: ['deploy'], expiresAt: '2027-01-31' });
    expect(updated).toEqual({
      ...original,
      label: 'New label',
      usedIn: ['deploy'],
      expiresAt: '2027-01-31',
      updatedAt: clock.now().toISOString(),
    });
    expect(updated.createdAt).toBe(original.createdAt);
    expect(services.keys.get(original.id)).toEqual(updated);
    const entry = audit(services)[0]!;
    expect(entry).toMatchObject({
      action: 'key.edited',
      keyId: original.id,
      keyLabel: 'New label',
      at: clock.now().toISOString(),
    });
    expect(entry.detail.split(', ').sort()).toEqual(['expiresAt', 'label', 'usedIn']);
  });

  it('can clear nullable fields and unpin a favourite', async () => {
    const { services } = await vault();
    const key = add(services, {
      label: 'k',
      secret: fakeKeys.github(),
      expiresAt: '2027-01-31',
      rotateEveryDays: 30,
      favourite: true,
    });
    const updated = update(services, { id: key.id, expiresAt: null, rotateEveryDays: null, favourite: false });
    expect(updated).toMatchObject({ expiresAt: null, rotateEveryDays: null, favourite: false });
    expect(audit(services)[0]!.detail.split(', ').sort()).toEqual(['expiresAt', 'favourite', 'rotateEveryDays']);
  });

  it('moving a key to another provider forgets what the old format said about live or test', async () => {
    const { services } = await vault();
    const key = add(services, { label: 'Shop', secret: fakeKeys.stripeTest() });
    expect(update(services, { id: key.id, provider: 'custom:Payments proxy' }).live).toBeNull();
    expect(update(services, { id: key.id, provider: 'stripe' }).live).toBe(false);
  });

  it('writes nothing when no value actually changes', async () => {
    const { services, clock } = await vault();
    const key = add(services, { label: 'Same', secret: fakeKeys.github(), tags: ['x'] });
    const before = audit(services);
    clock.advance(60_000);
    expect(update(services, { id: key.id })).toEqual(key);
    expect(update(services, { id: key.id, label: 'Same', tags: ['x'], favourite: false })).toEqual(key);
    expect(audit(services)).toEqual(before);
  });

  it('says NotFound for an unknown id', async () => {
    const { services } = await vault();
    const error = failure(() => update(services, { id: '00000000-0000-4000-8000-000000000000', label: 'x' }));
    expect(error.code).toBe('NotFound');
  });
});

describe('remove and reveal', () => {
  it('remove moves the key to the trash and audits key.trashed with its label', async () => {
    const { services } = await vault();
    const keep = add(services, { label: 'Keep', secret: fakeKeys.github('1') });
    const gone = add(services, { label: 'Gone soon', secret: fakeKeys.github('2') });
    expect(services.keys.remove(gone.id, 'cli')).toEqual({ id: gone.id });
    expect(services.keys.list().map((key) => key.id)).toEqual([keep.id]);
    expect(failure(() => services.keys.get(gone.id)).code).toBe('NotFound');
    expect(audit(services)[0]).toMatchObject({ action: 'key.trashed', source: 'cli', keyId: gone.id, keyLabel: 'Gone soon' });
    expect(services.trash.list('cli').map((key) => key.id)).toEqual([gone.id]);
    expect(failure(() => services.keys.remove(gone.id, 'cli')).code).toBe('NotFound');
  });

  it('reveal returns the plaintext and audits key.revealed', async () => {
    const { services } = await vault();
    const key = add(services, { label: 'Anthropic prod', secret: `  ${fakeKeys.anthropic()}\n` });
    expect(services.keys.reveal(key.id, 'app')).toEqual({ secret: fakeKeys.anthropic() });
    expect(audit(services)[0]).toMatchObject({ action: 'key.revealed', keyId: key.id, keyLabel: 'Anthropic prod', detail: '' });
    expect(failure(() => services.keys.reveal('00000000-0000-4000-8000-000000000000', 'app')).code).toBe('NotFound');
  });
});

describe('findDuplicates', () => {
  it('finds the keys holding the same secret, and only those', async () => {
    const { services } = await vault();
    const first = add(services, { label: 'CI', secret: fakeKeys.github('1') });
    add(services, { label: 'Other', secret: fakeKeys.github('2') });
    const second = add(services, { label: 'Copy of CI', provider: 'custom:Mirror', secret: fakeKeys.github('1') });
    expect(services.keys.findDuplicates(fakeKeys.github('1'))).toEqual([
      { id: first.id, label: 'CI', provider: 'github' },
      { id: second.id, label: 'Copy of CI', provider: 'custom:Mirror' },
    ]);
    expect(services.keys.findDuplicates(fakeKeys.github('3'))).toEqual([]);
    expect(services.keys.findDuplicates(fakeKeys.github('2')).map((key) => key.label)).toEqual(['Other']);
  });
});

describe('the audit log', () => {
  it('never contains a secret that was added, revealed, edited or deleted', async () => {
    const { services } = await vault();
    const secrets = [
      fakeKeys.openaiProject(),
      fakeKeys.anthropic(),
      fakeKeys.github(),
      fakeKeys.stripeLive(),
      fakeKeys.stripeTest(),
      moreFakeKeys.google(),
      moreFakeKeys.unrecognised(),
    ];
    const added = secrets.map((secret, i) =>
      add(services, { label: `key ${i}`, secret, provider: i === 6 ? 'custom:Acme' : undefined }),
    );
    for (const key of added) services.keys.reveal(key.id, 'app');
    update(services, { id: added[0]!.id, notes: 'rotated soon', tags: ['x'] });
    services.keys.findDuplicates(secrets[1]!);
    services.keys.remove(added[2]!.id, 'app');
    const json = JSON.stringify(audit(services));
    expect(audit(services).length).toBeGreaterThanOrEqual(secrets.length * 2 + 2);
    for (const secret of secrets) {
      expect(json).not.toContain(secret);
      // Nor the part after the shared prefix.
      expect(json).not.toContain(secret.slice(8, 28));
    }
  });
});

describe('when locked', () => {
  it('every method throws Locked', async () => {
    const { services } = await vault();
    const key = add(services, { label: 'k', secret: fakeKeys.github() });
    services.vault.lock('manual');
    const { keys } = services;
    const calls: Array<[string, () => unknown]> = [
      ['list', () => keys.list()],
      ['list search', () => keys.list({ search: 'k' })],
      ['get', () => keys.get(key.id)],
      ['add', () => add(services, { label: 'new', secret: fakeKeys.stripeTest() })],
      ['update', () => update(services, { id: key.id, label: 'renamed' })],
      ['remove', () => keys.remove(key.id, 'app')],
      ['reveal', () => keys.reveal(key.id, 'app')],
      ['findDuplicates', () => keys.findDuplicates(fakeKeys.github())],
    ];
    for (const [name, call] of calls) expect(failure(call).code, name).toBe('Locked');
  });
});
