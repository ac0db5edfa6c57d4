import { afterEach, describe, expect, it } from 'vitest';
import { appLike } from '../support/app.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { PASSWORD } from '../support/vault.ts';

// The services announce their own events, so every door (the router, the tray, a direct call in
// the app's own code) gets the same ones; the handlers only map contract methods onto services.

const apps: Array<ReturnType<typeof appLike>> = [];
afterEach(() => {
  for (const app of apps.splice(0)) app.services.vault.lock('quit');
});

function app() {
  const created = appLike();
  apps.push(created);
  return created;
}

const newKey = (secret: string) => ({
  label: 'Bot',
  secret,
  provider: 'openai',
  environment: 'prod' as const,
  notes: '',
  usedIn: [],
  tags: [],
  expiresAt: null,
  rotateEveryDays: null,
  favourite: false,
});

describe('services emit their own events', () => {
  it('unlocking the vault directly, not through the router, announces unlocked', async () => {
    const { services, eventsNamed } = app();
    await services.vault.create(PASSWORD, 'app');
    services.vault.lock('manual');
    await services.vault.unlock(PASSWORD, 'cli');
    expect(eventsNamed('unlocked')).toHaveLength(2);
    expect(eventsNamed('locked')).toEqual([{ reason: 'manual' }]);
  });

  it('adding, editing, rotating and deleting a key directly each announce keysChanged with its id', async () => {
    const { services, eventsNamed } = app();
    await services.vault.create(PASSWORD, 'app');
    const key = services.keys.add(newKey(fakeKeys.openaiProject()), 'app');
    services.keys.update({ id: key.id, label: 'Renamed' } as never, 'app');
    services.rotation.rotate({ id: key.id, secret: fakeKeys.openaiProject('NEXT'), keepOldForDays: null } as never, 'app');
    services.keys.remove(key.id, 'app');
    expect(eventsNamed('keysChanged')).toEqual([{ ids: [key.id] }, { ids: [key.id] }, { ids: [key.id] }, { ids: [key.id] }]);
  });
});
