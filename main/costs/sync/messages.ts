import { defineMessages } from '@formatjs/intl';

/*
 * Usage sync's sentences as phrases (i18n/phrase.ts): its errors, why a sync stopped, and what a
 * sync did. The CLI prints the English; the window says them in the reader's language.
 *
 * Counts in the English are written without grouping ({n, number, ::group-off}), as the CLI
 * always printed them; technical numbers (HTTP status, seconds, MiB) go as text.
 */

/** Refusals of a call (KeywardError). */
export const syncErrors = defineMessages({
  unavailable: {
    id: 'usageSync.error.unavailable',
    defaultMessage: 'Usage sync is not available here: this build cannot reach the network.',
  },
  openRouterNeedsNoKey: {
    id: 'usageSync.error.openRouterNeedsNoKey',
    defaultMessage: 'OpenRouter needs no admin key: each stored OpenRouter key reports its own usage.',
  },
  pickAdminKey: { id: 'usageSync.error.pickAdminKey', defaultMessage: 'Pick the {provider} admin key the sync should use.' },
  noKey: { id: 'usageSync.error.noKey', defaultMessage: 'No key with that id (it may be in the trash).' },
  notAdminKey: {
    id: 'usageSync.error.notAdminKey',
    defaultMessage: '“{label}” is not an admin key for {provider} ({prefix}); usage reports need one.',
  },
  sinceFuture: { id: 'usageSync.error.sinceFuture', defaultMessage: '--since {since} is in the future (today is {today} UTC).' },
  sinceTooOld: {
    id: 'usageSync.error.sinceTooOld',
    defaultMessage: '--since reaches back at most {days, number, ::group-off} days (to {earliest}).',
  },
  openRouterNotConnected: {
    id: 'usageSync.error.openRouterNotConnected',
    defaultMessage: 'OpenRouter usage is not connected: connect it first (keyward usage connect openrouter).',
  },
  notConnected: {
    id: 'usageSync.error.notConnected',
    defaultMessage: "{name} usage is not connected: pick its admin key first (keyward usage connect {provider} '<key id>').",
  },
  noneConnected: {
    id: 'usageSync.error.noneConnected',
    defaultMessage: 'No provider is connected for usage sync: connect one first (keyward usage connect).',
  },
  wrongProvider: {
    id: 'usageSync.error.wrongProvider',
    defaultMessage: 'That key is not for {provider}: this usage cannot be attributed to it.',
  },
  linkNotSeen: { id: 'usageSync.error.linkNotSeen', defaultMessage: 'No {provider} key {apiKeyId} has been seen by a sync.' },
});

/** Why a provider's sync stopped (SyncFailure): its result's message. */
export const syncFailures = defineMessages({
  otherHost: { id: 'usageSync.failure.otherHost', defaultMessage: 'Refused to send the request to another host.' },
  rateLimited: {
    id: 'usageSync.failure.rateLimited',
    defaultMessage:
      '{provider} is rate-limiting usage requests{seconds, select, none {} other { (it asked to wait {seconds} s)}}; try again later. Nothing changed.',
  },
  refused: {
    id: 'usageSync.failure.refused',
    defaultMessage:
      '{provider} refused the admin key “{label}” (HTTP {status}): it may be revoked, or not an admin key. Pick another in Connect usage.',
  },
  httpStatus: {
    id: 'usageSync.failure.httpStatus',
    defaultMessage: '{provider} answered HTTP {status} to {path}; nothing changed.',
  },
  tooLarge: {
    id: 'usageSync.failure.tooLarge',
    defaultMessage: "{provider}'s answer to {path} is larger than {mib} MiB; nothing changed.",
  },
  // Offline: with `since` (the last success, or `none`), the result says when the provider last synced.
  timedOut: {
    id: 'usageSync.failure.timedOut',
    defaultMessage:
      '{since, select, none {} other {Offline — {provider} usage last synced {since} UTC. }}{provider} did not answer within {seconds} s.',
  },
  unreachable: {
    id: 'usageSync.failure.unreachable',
    defaultMessage:
      '{since, select, none {} other {Offline — {provider} usage last synced {since} UTC. }}Could not reach {host} (offline?).',
  },
  notJson: { id: 'usageSync.failure.notJson', defaultMessage: '{what}: the answer is not JSON; nothing changed.' },
  unexpectedAt: {
    id: 'usageSync.failure.unexpectedAt',
    defaultMessage: '{what}: unexpected answer at {field} ({issue}); nothing changed.',
  },
  unexpectedWhole: {
    id: 'usageSync.failure.unexpectedWhole',
    defaultMessage: '{what}: unexpected answer at (the whole answer) ({issue}); nothing changed.',
  },
  noNextPage: { id: 'usageSync.failure.noNextPage', defaultMessage: '{what}: has_more without next_page; nothing changed.' },
  tooManyPages: { id: 'usageSync.failure.tooManyPages', defaultMessage: '{what}: more than {pages} pages; nothing changed.' },
  notUsd: { id: 'usageSync.failure.notUsd', defaultMessage: '{what}: a cost in {currency}, not USD; nothing changed.' },
  adminKeyGone: {
    id: 'usageSync.failure.adminKeyGone',
    defaultMessage:
      'The {provider} admin key picked for usage sync is gone (deleted or in the trash): pick another in Connect usage.',
  },
});

/** What a sync did: its result's message and notes. */
export const syncSaid = defineMessages({
  // `removed`, `skipped` and `billed` are text, `none` when there is nothing to say (one plural per
  // message); the amounts are dollars as numbers, so each language writes them its way.
  summary: {
    id: 'usageSync.said.summary',
    defaultMessage:
      '{provider}: {days, plural, one {{days, number, ::group-off} day} other {{days, number, ::group-off} days}} fetched, {added, number, ::group-off} added, {updated, number, ::group-off} updated{removed, select, none {} other {, {removed} removed}}{skipped, select, none {} 1 {; 1 day skipped: a CSV import owns them} other {; {skipped} days skipped: a CSV import owns them}}{billed, select, none {} other {; {provider} billed {billedUsd, number, ::currency/USD}; the records come to {recordedUsd, number, ::currency/USD}}}.',
  },
  // Dollars as numbers, so each language writes them its way ($10.00, US$10.00).
  keyLimit: {
    id: 'usageSync.said.keyLimit',
    defaultMessage: '“{label}”: limit {limit, number, ::currency/USD}, {left, number, ::currency/USD} left.',
  },
  keyRefused: { id: 'usageSync.said.keyRefused', defaultMessage: 'OpenRouter refused “{label}” (revoked?).' },
  /** A result stored before results were phrases: its English as it was. */
  stored: { id: 'usageSync.said.stored', defaultMessage: '{text}' },
});
