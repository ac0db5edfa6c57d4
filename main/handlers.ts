import type { Handlers } from '../contract/index.ts';
import { listAudit } from './audit/log.ts';
import { recognizeKey } from './keys/recognize.ts';
import type { CallContext } from './router.ts';
import type { Services } from './services.ts';

/** Maps every contract method onto the services. Thin on purpose: rules live in the services. */
export function createHandlers(services: Services): Handlers<CallContext> {
  const { vault, keys, events, settings, clipboard } = services;
  return {
    vault: {
      status: () => vault.status(),
      create: async ({ password }, ctx) => {
        await vault.create(password, ctx.source);
        events.emit('unlocked', {});
        return vault.status();
      },
      unlock: async ({ password }, ctx) => {
        await vault.unlock(password, ctx.source);
        events.emit('unlocked', {});
        return vault.status();
      },
      lock: () => {
        vault.lock('manual');
        return vault.status();
      },
      changePassword: async ({ current, next }, ctx) => {
        await vault.changePassword(current, next, ctx.source);
        return vault.status();
      },
    },
    keys: {
      list: (input) => keys.list(input),
      get: ({ id }) => keys.get(id),
      add: (input, ctx) => keys.add(input, ctx.source),
      update: (input, ctx) => keys.update(input, ctx.source),
      remove: ({ id }, ctx) => keys.remove(id, ctx.source),
      reveal: ({ id }, ctx) => keys.reveal(id, ctx.source),
      findDuplicates: ({ secret }) => keys.findDuplicates(secret),
      detect: ({ secret }) => recognizeKey(secret),
    },
    backups: {
      list: () => {
        vault.session();
        return vault.backups();
      },
      create: (_input, ctx) => vault.backup('manual', ctx.source),
      restore: ({ name }, ctx) => vault.restore(name, ctx.source),
    },
    audit: {
      list: ({ keyId, limit }) => listAudit(vault.session().db, { keyId, limit }),
    },
    clipboard: {
      copyKey: ({ id }, ctx) => clipboard.copyKey(id, ctx.source),
      clear: async () => ({ cleared: await clipboard.clear('request') }),
    },
    settings: {
      get: () => settings.get(),
      update: (changes) => settings.update(changes),
    },
  };
}
