import type { Handlers } from '../contract/index.ts';
import { listAudit } from './audit/log.ts';
import { recognizeKey } from './keys/recognize.ts';
import { deleteBackups } from './vault/backup-deletion.ts';
import type { CallContext } from './router.ts';
import type { Services } from './services.ts';

/**
 * Maps every contract method onto the services, and nothing more: rules live in the services,
 * and so do the events they announce (keysChanged, unlocked, …).
 */
export function createHandlers(services: Services): Handlers<CallContext> {
  const { vault, keys, trash, settings, clipboard, costs, reminders, rotation, scan, references, envImport, approvals } =
    services;
  return {
    vault: {
      status: () => vault.status(),
      create: async ({ password }, ctx) => {
        await vault.create(password, ctx.source);
        return vault.status();
      },
      unlock: async ({ password }, ctx) => {
        await vault.unlock(password, ctx.source);
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
      add: (input, ctx) => keys.add(input, ctx.source),
      update: (input, ctx) => keys.update(input, ctx.source),
      remove: ({ id }, ctx) => keys.remove(id, ctx.source),
      reveal: ({ id }, ctx) => keys.reveal(id, ctx.source),
      findDuplicates: ({ secret }) => keys.findDuplicates(secret),
      detect: ({ secret }) => recognizeKey(secret),
      rotate: (input, ctx) => rotation.rotate(input, ctx.source),
      history: ({ id }) => rotation.history(id),
      revealHistory: ({ id, seq }, ctx) => rotation.revealHistory(id, seq, ctx.source),
      markRevoked: ({ id, seq }, ctx) => rotation.markRevoked(id, seq, ctx.source),
      openConsole: ({ id }) => rotation.openConsole(id),
      resolve: ({ references: list, purpose }, ctx) => references.resolve(list, purpose, ctx.source),
      importEnv: (input, ctx) => envImport.import(input, ctx.source),
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
      restore: ({ id }, ctx) => trash.restore(id, ctx.source),
      purge: ({ ids }, ctx) => trash.purge(ids, ctx.source),
    },
    audit: {
      list: ({ keyId, action, limit }) => listAudit(vault.session().db, { keyId, action, limit }),
    },
    usage: {
      add: (input, ctx) => costs.usage.add(input, ctx.source),
      list: (input) => costs.usage.list(input),
      remove: ({ id }, ctx) => costs.usage.remove(id, ctx.source),
      preview: (input, ctx) => costs.imports.preview(input, ctx.source),
      commit: ({ token, skipInvalid }, ctx) => costs.imports.commit(token, skipInvalid, ctx.source),
      discard: ({ token }) => costs.imports.discard(token),
      imports: () => costs.imports.list(),
      undoImport: ({ importId }, ctx) => costs.imports.undo(importId, ctx.source),
      exportCsv: (input, ctx) => costs.usage.exportCsv(input, ctx.source),
      presets: () => costs.imports.presets(),
      savePreset: ({ name, mapping }) => costs.imports.savePreset(name, mapping),
      removePreset: ({ name }) => costs.imports.removePreset(name),
    },
    usageSync: {
      status: () => costs.sync.status(settings.get().usageSyncDaily),
      connect: ({ provider, keyId }, ctx) => costs.sync.connect(provider, keyId, ctx.source),
      disconnect: ({ provider }, ctx) => costs.sync.disconnect(provider, ctx.source),
      sync: (input, ctx) => costs.sync.sync(input, ctx.source),
      links: ({ provider }) => costs.sync.links(provider),
      setLink: ({ provider, apiKeyId, keyId }, ctx) => costs.sync.setLink(provider, apiKeyId, keyId, ctx.source),
      clearLink: ({ provider, apiKeyId }, ctx) => costs.sync.clearLink(provider, apiKeyId, ctx.source),
    },
    costs: {
      summary: (input) => costs.views.summary(input),
      overview: (input) => costs.views.overview(input),
      keySpend: ({ month }) => costs.views.keySpend(month),
    },
    prices: {
      list: ({ provider }) => costs.prices.list(provider),
      set: (input, ctx) => costs.prices.set(input, ctx.source),
      reset: ({ model }, ctx) => costs.prices.reset(model, ctx.source),
    },
    budgets: {
      list: ({ month }) => costs.budgets.list(month),
      set: (input, ctx) => costs.budgets.set(input, ctx.source),
      remove: ({ id }, ctx) => costs.budgets.remove(id, ctx.source),
    },
    clipboard: {
      copyKey: ({ id }, ctx) => clipboard.copyKey(id, ctx.source),
      copyReference: ({ id, form }) => clipboard.copyReference(id, form),
      clear: async () => ({ cleared: await clipboard.clear('request') }),
    },
    settings: {
      get: () => settings.get(),
      update: (changes) => settings.update(changes),
    },
    scan: {
      start: (request, ctx) => scan.start(request, ctx.source),
      result: ({ scanId }) => scan.result(scanId),
      wait: ({ scanId }) => scan.wait(scanId),
      cancel: ({ scanId }) => scan.cancel(scanId),
      addUnknown: (input, ctx) => scan.addUnknown(input, ctx.source),
    },
    reminders: {
      needsAttention: () => reminders.needsAttention(),
      due: (input) => reminders.due(input?.withinDays),
      snooze: ({ keyId, reason, historySeq, days }) => reminders.snooze(keyId, reason, historySeq, days),
      check: () => reminders.check(),
    },
    health: {
      list: () => services.health.list(),
      lastChecks: () => services.health.lastChecks(),
      check: (input, ctx) => services.health.check(input?.ids, ctx.source),
    },
    agent: {
      answer: ({ id, answer }) => ({ answered: approvals.answer(id, answer) }),
    },
  };
}
