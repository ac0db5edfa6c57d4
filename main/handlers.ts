import type { Handlers } from '../contract/index.ts';
import { listAudit } from './audit/log.ts';
import { recognizeKey } from './keys/recognize.ts';
import { deleteBackups } from './vault/backup-deletion.ts';
import type { CallContext } from './router.ts';
import type { Services } from './services.ts';

/** Maps every contract method onto the services. Thin on purpose: rules live in the services. */
export function createHandlers(services: Services): Handlers<CallContext> {
  const { vault, keys, trash, events, settings, clipboard, costs, reminders, rotation } = services;
  // The tray and the needs-attention list follow every change to keys, whichever door made it.
  const changed = <T>(id: string, result: T): T => {
    events.emit('keysChanged', { ids: [id] });
    return result;
  };
  // Keys 30 days in the trash go at unlock. A failure (a busy vault) must not fail the unlock:
  // the next unlock or trash listing purges them.
  const purgeExpiredTrash = (source: CallContext['source']) => {
    try {
      trash.purgeExpired(source);
    } catch {
      /* retried later, see above */
    }
  };
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
        purgeExpiredTrash(ctx.source);
        events.emit('unlocked', {});
        return vault.status();
      },
      lock: () => {
        vault.lock('manual');
        return vault.status();
      },
      changePassword: async ({ current, next }, ctx) => {
        const { olderBackups } = await vault.changePassword(current, next, ctx.source);
        return { ...vault.status(), olderBackups };
      },
    },
    keys: {
      list: (input) => keys.list(input),
      get: ({ id }) => keys.get(id),
      add: (input, ctx) => {
        const key = keys.add(input, ctx.source);
        return changed(key.id, key);
      },
      update: (input, ctx) => changed(input.id, keys.update(input, ctx.source)),
      remove: ({ id }, ctx) => changed(id, keys.remove(id, ctx.source)),
      reveal: ({ id }, ctx) => keys.reveal(id, ctx.source),
      findDuplicates: ({ secret }) => keys.findDuplicates(secret),
      detect: ({ secret }) => recognizeKey(secret),
      rotate: (input, ctx) => changed(input.id, rotation.rotate(input, ctx.source)),
      history: ({ id }) => rotation.history(id),
      revealHistory: ({ id, seq }, ctx) => rotation.revealHistory(id, seq, ctx.source),
      markRevoked: ({ id, seq }, ctx) => changed(id, rotation.markRevoked(id, seq, ctx.source)),
      openConsole: ({ id }) => rotation.openConsole(id),
    },
    backups: {
      list: () => vault.backups(),
      create: (_input, ctx) => vault.backup('manual', ctx.source),
      delete: ({ names }, ctx) => deleteBackups(vault, services.clock, names, ctx.source),
      restore: ({ name }, ctx) => vault.restore(name, ctx.source),
      recover: ({ password, name }, ctx) => vault.recover(password, name, ctx.source),
    },
    trash: {
      list: (_input, ctx) => trash.list(ctx.source),
      restore: ({ id }, ctx) => changed(id, trash.restore(id, ctx.source)),
      purge: ({ ids }, ctx) => {
        const result = trash.purge(ids, ctx.source);
        events.emit('keysChanged', { ids: result.purged });
        return result;
      },
    },
    audit: {
      list: ({ keyId, action, limit }) => listAudit(vault.session().db, { keyId, action, limit }),
    },
    usage: {
      add: (input, ctx) => costs.add(input, ctx.source),
      list: (input) => costs.list(input),
      remove: ({ id }, ctx) => costs.remove(id, ctx.source),
      preview: (input, ctx) => costs.preview(input, ctx.source),
      commit: ({ token, skipInvalid }, ctx) => costs.commit(token, skipInvalid, ctx.source),
      discard: ({ token }) => costs.discard(token),
      imports: () => costs.imports(),
      undoImport: ({ importId }, ctx) => costs.undoImport(importId, ctx.source),
      exportCsv: (input, ctx) => costs.exportCsv(input, ctx.source),
      presets: () => costs.presets(),
      savePreset: ({ name, mapping }) => costs.savePreset(name, mapping),
      removePreset: ({ name }) => costs.removePreset(name),
    },
    costs: {
      summary: (input) => costs.summary(input),
      overview: (input) => costs.overview(input),
      keySpend: ({ month }) => costs.keySpend(month),
    },
    prices: {
      list: ({ provider }) => costs.prices(provider),
      set: (input, ctx) => costs.setPrice(input, ctx.source),
      reset: ({ model }, ctx) => costs.resetPrice(model, ctx.source),
    },
    budgets: {
      list: ({ month }) => costs.budgets(month),
      set: (input, ctx) => costs.setBudget(input, ctx.source),
      remove: ({ id }, ctx) => costs.removeBudget(id, ctx.source),
    },
    clipboard: {
      copyKey: ({ id }, ctx) => clipboard.copyKey(id, ctx.source),
      clear: async () => ({ cleared: await clipboard.clear('request') }),
    },
    settings: {
      get: () => settings.get(),
      update: (changes) => settings.update(changes),
    },
    reminders: {
      needsAttention: () => reminders.needsAttention(),
      due: (input) => reminders.due(input?.withinDays),
      snooze: ({ keyId, reason, historySeq, days }) => reminders.snooze(keyId, reason, historySeq, days),
      check: () => reminders.check(),
    },
  };
}
