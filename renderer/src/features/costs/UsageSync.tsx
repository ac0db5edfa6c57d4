import { useEffect, useId, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';
import type { KeyLink, SyncProvider, SyncSourceResult, SyncSourceStatus, SyncStatus } from '../../../../contract/usage-sync.ts';
import { api } from '../../api.ts';
import { errorText } from '../../lib/error-text.ts';
import { dateTime } from '../../lib/time.ts';
import { useSettings } from '../../stores/settings.ts';
import { usd } from './format.ts';
import './usage-sync.css';

/** What the attribution picker's value means besides a key id. */
const NO_KEY = 'none';
const AUTOMATIC = 'auto';

/**
 * "Connect usage": pull usage from the providers' own usage APIs instead of importing exports.
 * The user picks the admin key per provider (OpenAI, Anthropic; OpenRouter needs none), syncs now
 * or daily, sees the last sync and its result, and corrects which vault key each provider key's
 * spend is attributed to. Everything that reaches a provider goes from main; this shows labels only.
 */
export function UsageSync({ onSynced }: { onSynced: () => void }) {
  const intl = useIntl();
  const [status, setStatus] = useState<SyncStatus | null>(null);
  const [links, setLinks] = useState<KeyLink[]>([]);
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const updateSettings = useSettings((s) => s.update);
  const headingId = useId();
  const dailyHintId = useId();

  // Bumped after every change, so the effect reads status, links and keys again.
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let current = true;
    Promise.all([api.usageSync.status(), api.usageSync.links(), api.keys.list()]).then(
      ([nextStatus, nextLinks, nextKeys]) => {
        if (!current) return;
        setStatus(nextStatus);
        setLinks(nextLinks);
        setKeys(nextKeys);
      },
      () => {
        if (current)
          setError(intl.formatMessage({ id: 'usageSync.loadFailed', defaultMessage: 'Usage sync could not be read.' }));
      },
    );
    return () => {
      current = false;
    };
  }, [version, intl]);

  async function act(task: () => Promise<unknown>) {
    setBusy(true);
    setError(null);
    try {
      await task();
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'usageSync.failed', defaultMessage: 'That did not work; nothing changed.' }),
          intl,
        ),
      );
    } finally {
      setBusy(false);
      setVersion((n) => n + 1);
    }
  }

  const syncNow = () =>
    act(async () => {
      await api.usageSync.sync();
      onSynced();
    });

  if (!status) return null;
  const anyConnected = status.sources.some((source) => source.connected);

  return (
    <section className="costs-card usage-sync" aria-labelledby={headingId} data-testid="usage-sync">
      <div className="costs-card-header">
        <h2 id={headingId}>
          <FormattedMessage id="usageSync.heading" defaultMessage="Connect usage" />
        </h2>
        <button type="button" className="primary" disabled={busy || !anyConnected} onClick={() => void syncNow()}>
          {busy ? (
            <FormattedMessage id="usageSync.syncing" defaultMessage="Syncing…" />
          ) : (
            <FormattedMessage id="usageSync.syncNow" defaultMessage="Sync now" />
          )}
        </button>
      </div>
      <p className="field-hint">
        <FormattedMessage
          id="usageSync.intro"
          defaultMessage="Keyward can fetch usage from the providers’ own usage APIs instead of exports. Only the admin key you pick is sent, only to that provider’s API over https. Days a CSV import already holds are left to the import."
        />
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <ul className="usage-sync-sources">
        {status.sources.map((source) => (
          <SourceRow key={source.provider} source={source} busy={busy} act={act} />
        ))}
      </ul>
      <label className="checkbox">
        <input
          type="checkbox"
          aria-describedby={dailyHintId}
          checked={status.daily}
          onChange={(event) => void act(() => updateSettings({ usageSyncDaily: event.target.checked }))}
        />
        <FormattedMessage id="usageSync.daily" defaultMessage="Sync connected providers daily while Keyward is unlocked" />
      </label>
      <p id={dailyHintId} className="field-hint">
        <FormattedMessage
          id="usageSync.dailyHint"
          defaultMessage="Off: nothing is sent unless you press Sync now. Offline, the sync waits and tries again later."
        />
      </p>
      {links.length > 0 && <Attribution links={links} keys={keys} busy={busy} act={act} />}
    </section>
  );
}

function SourceRow({
  source,
  busy,
  act,
}: {
  source: SyncSourceStatus;
  busy: boolean;
  act: (task: () => Promise<unknown>) => Promise<void>;
}) {
  const intl = useIntl();
  const pickId = useId();
  const [picked, setPicked] = useState(source.adminKeyId ?? source.adminKeys[0]?.keyId ?? '');
  const name = providerDisplayName(source.provider);
  const needsAdminKey = source.provider !== 'openrouter';

  return (
    <li className="usage-sync-source" data-testid={`usage-sync-${source.provider}`}>
      <strong>{name}</strong>
      {!needsAdminKey && source.keysToAsk === 0 && !source.connected ? (
        <span className="muted">
          <FormattedMessage
            id="usageSync.noOpenRouterKeys"
            defaultMessage="No OpenRouter keys in the vault: each stored key reports its own spend."
          />
        </span>
      ) : needsAdminKey && source.adminKeys.length === 0 ? (
        <span className="muted">
          <FormattedMessage
            id="usageSync.noAdminKey"
            defaultMessage="No admin key for {provider} in the vault: add one ({prefix}) to connect."
            values={{ provider: name, prefix: source.provider === 'openai' ? 'sk-admin-…' : 'sk-ant-admin01-…' }}
          />
        </span>
      ) : (
        <span className="usage-sync-controls">
          {needsAdminKey && (
            <>
              <label htmlFor={pickId} className="sr-only">
                <FormattedMessage id="usageSync.adminKey" defaultMessage="Admin key for {provider}" values={{ provider: name }} />
              </label>
              <select id={pickId} value={picked} disabled={busy} onChange={(event) => setPicked(event.target.value)}>
                {source.adminKeys.map((key) => (
                  <option key={key.keyId} value={key.keyId}>
                    {key.label}
                  </option>
                ))}
              </select>
            </>
          )}
          {source.connected && (!needsAdminKey || picked === source.adminKeyId) ? (
            <button
              type="button"
              className="secondary"
              disabled={busy}
              onClick={() => void act(() => api.usageSync.disconnect({ provider: source.provider }))}
            >
              <FormattedMessage id="usageSync.disconnect" defaultMessage="Disconnect" />
            </button>
          ) : (
            <button
              type="button"
              className="secondary"
              disabled={busy || (needsAdminKey && !picked)}
              onClick={() =>
                void act(() => api.usageSync.connect({ provider: source.provider, ...(needsAdminKey ? { keyId: picked } : {}) }))
              }
            >
              <FormattedMessage id="usageSync.connect" defaultMessage="Connect" />
            </button>
          )}
        </span>
      )}
      <span className="usage-sync-state" data-testid={`usage-sync-state-${source.provider}`}>
        {source.connected ? (
          <LastSync source={source} />
        ) : (
          intl.formatMessage({ id: 'usageSync.notConnected', defaultMessage: 'Not connected' })
        )}
      </span>
    </li>
  );
}

function LastSync({ source }: { source: SyncSourceStatus }) {
  const intl = useIntl();
  const last = source.last;
  if (!last || !source.lastSyncAt)
    return <FormattedMessage id="usageSync.neverSynced" defaultMessage="Connected; not synced yet" />;
  const when = dateTime(source.lastSyncAt, intl);
  if (last.state === 'ok') return <OkResult result={last} when={when} />;
  if (last.state === 'offline')
    return (
      <span className="usage-sync-warning">
        {source.lastSuccessAt ? (
          <FormattedMessage
            id="usageSync.offlineSince"
            defaultMessage="Offline — last synced {when}"
            values={{ when: dateTime(source.lastSuccessAt, intl) }}
          />
        ) : (
          <FormattedMessage id="usageSync.offline" defaultMessage="Offline — not synced yet" />
        )}
      </span>
    );
  const words = {
    rejected: intl.formatMessage({ id: 'usageSync.rejected', defaultMessage: 'The admin key was refused' }),
    'rate-limited': intl.formatMessage({ id: 'usageSync.rateLimited', defaultMessage: 'Rate-limited; try again later' }),
    failed: intl.formatMessage({ id: 'usageSync.unusable', defaultMessage: 'The provider’s answer could not be used' }),
  }[last.state];
  return (
    <span className="usage-sync-warning" title={phraseText(last.message, intl)}>
      <FormattedMessage
        id="usageSync.failedAt"
        defaultMessage="{when}: {what}. Nothing changed."
        values={{ when, what: words }}
      />
    </span>
  );
}

function OkResult({ result, when }: { result: SyncSourceResult; when: string }) {
  const intl = useIntl();
  const money = (micros: number | null) => usd(micros ?? 0, intl);
  return (
    <span>
      <FormattedMessage
        id="usageSync.result"
        defaultMessage="Synced {when}: {days, plural, one {# day} other {# days}}, {added} added, {updated} updated"
        values={{ when, days: result.daysFetched, added: result.added, updated: result.updated }}
      />
      {result.skippedDays.length > 0 && (
        <span className="usage-sync-aside">
          <FormattedMessage
            id="usageSync.skipped"
            defaultMessage="({count, plural, one {# day} other {# days}} left to a CSV import)"
            values={{ count: result.skippedDays.length }}
          />
        </span>
      )}
      {result.keys.length > 0 && (
        <ul className="usage-sync-keys">
          {result.keys.map((key) => (
            <li key={key.keyId}>
              {key.answered ? (
                <>
                  <FormattedMessage
                    id="usageSync.openrouterKey"
                    defaultMessage="{label}: {today} today, {month} this month"
                    values={{ label: key.label, today: money(key.todayMicros), month: money(key.monthMicros) }}
                  />
                  {key.limitMicros !== null && (
                    <span className="usage-sync-aside">
                      <FormattedMessage
                        id="usageSync.openrouterLimit"
                        defaultMessage="(limit {limit}, {left} left)"
                        values={{ limit: money(key.limitMicros), left: money(key.remainingMicros) }}
                      />
                    </span>
                  )}
                </>
              ) : (
                <span className="usage-sync-warning">
                  <FormattedMessage
                    id="usageSync.openrouterRefused"
                    defaultMessage="{label}: refused by OpenRouter (revoked?)"
                    values={{ label: key.label }}
                  />
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}

function Attribution({
  links,
  keys,
  busy,
  act,
}: {
  links: KeyLink[];
  keys: KeySummary[];
  busy: boolean;
  act: (task: () => Promise<unknown>) => Promise<void>;
}) {
  const intl = useIntl();
  const headingId = useId();
  const choose = (link: KeyLink, value: string) =>
    act(() =>
      value === AUTOMATIC
        ? api.usageSync.clearLink({ provider: link.provider, apiKeyId: link.apiKeyId })
        : api.usageSync.setLink({ provider: link.provider, apiKeyId: link.apiKeyId, keyId: value === NO_KEY ? null : value }),
    );
  const how = (link: KeyLink) =>
    link.setBy === 'user'
      ? intl.formatMessage({ id: 'usageSync.howUser', defaultMessage: 'set by you' })
      : link.matchedOn === 'redacted-value'
        ? intl.formatMessage({ id: 'usageSync.howRedacted', defaultMessage: 'matched on the redacted key' })
        : link.matchedOn === 'name'
          ? intl.formatMessage({ id: 'usageSync.howName', defaultMessage: 'matched on the name' })
          : intl.formatMessage({ id: 'usageSync.howNone', defaultMessage: 'no match' });

  return (
    <div className="usage-sync-links">
      <h3 id={headingId}>
        <FormattedMessage id="usageSync.attribution" defaultMessage="Which key spent it" />
      </h3>
      <table className="costs-table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">
              <FormattedMessage id="usageSync.providerKey" defaultMessage="Provider key" />
            </th>
            <th scope="col">
              <FormattedMessage id="usageSync.vaultKey" defaultMessage="Vault key" />
            </th>
            <th scope="col">
              <FormattedMessage id="usageSync.how" defaultMessage="How" />
            </th>
          </tr>
        </thead>
        <tbody>
          {links.map((link) => (
            <AttributionRow
              key={`${link.provider}/${link.apiKeyId}`}
              link={link}
              keys={keys.filter((key) => key.provider === link.provider)}
              busy={busy}
              how={how(link)}
              choose={choose}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AttributionRow({
  link,
  keys,
  busy,
  how,
  choose,
}: {
  link: KeyLink;
  keys: KeySummary[];
  busy: boolean;
  how: string;
  choose: (link: KeyLink, value: string) => Promise<void>;
}) {
  const intl = useIntl();
  const selectId = useId();
  const provider: SyncProvider = link.provider;
  return (
    <tr data-testid={`usage-link-${link.apiKeyId}`}>
      <th scope="row">
        <FormattedMessage
          id="usageSync.providerKeyName"
          defaultMessage="{provider}: {name}"
          values={{ provider: providerDisplayName(provider), name: link.name || link.apiKeyId }}
        />
        <span className="muted mono usage-sync-aside">{link.hint}</span>
      </th>
      <td>
        <label htmlFor={selectId} className="sr-only">
          <FormattedMessage
            id="usageSync.vaultKeyFor"
            defaultMessage="Vault key for {name}"
            values={{ name: link.name || link.apiKeyId }}
          />
        </label>
        <select
          id={selectId}
          value={link.keyId ?? NO_KEY}
          disabled={busy}
          onChange={(event) => void choose(link, event.target.value)}
        >
          <option value={NO_KEY}>{intl.formatMessage({ id: 'usageSync.noVaultKey', defaultMessage: 'No vault key' })}</option>
          {keys.map((key) => (
            <option key={key.id} value={key.id}>
              {key.label}
            </option>
          ))}
          {link.setBy === 'user' && (
            <option value={AUTOMATIC}>
              {intl.formatMessage({ id: 'usageSync.matchAgain', defaultMessage: 'Match automatically' })}
            </option>
          )}
        </select>
      </td>
      <td className="muted">{how}</td>
    </tr>
  );
}
