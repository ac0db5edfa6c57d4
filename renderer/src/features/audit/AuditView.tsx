import { useEffect, useId, useMemo, useState } from 'react';
import { defineMessages, FormattedMessage, useIntl } from 'react-intl';
import { auditActions, type AuditAction, type AuditEntry } from '../../../../contract/audit.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import { api } from '../../api.ts';
import { errorText } from '../../lib/error-text.ts';
import { dateTime, timeAgo } from '../../lib/time.ts';
import { useKeys } from '../../stores/keys.ts';
import { actionLabel } from './action-labels.ts';

const PAGE = 200;
const ALL = '';
const sourceLabels = defineMessages({
  app: { id: 'audit.source.app', defaultMessage: 'App' },
  cli: { id: 'audit.source.cli', defaultMessage: 'CLI' },
  tray: { id: 'audit.source.tray', defaultMessage: 'Tray' },
} satisfies Record<AuditEntry['source'], unknown>);

/**
 * The audit log: what happened to which key, through which door (app, CLI, tray), newest first.
 * Filtered by key and by action in main, so a filter reaches past the entries shown. Never a
 * value: the log holds none.
 */
export function AuditView() {
  const intl = useIntl();
  const keys = useKeys((s) => s.keys);
  const [keyId, setKeyId] = useState(ALL);
  const [action, setAction] = useState<AuditAction | typeof ALL>(ALL);
  const [limit, setLimit] = useState(PAGE);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const keyFilterId = useId();
  const actionFilterId = useId();

  // Keys in the trash have entries too; they are offered in the key filter, marked.
  const [trashedKeys, setTrashedKeys] = useState<Array<{ id: string; label: string }>>([]);
  useEffect(() => {
    api.trash.list().then(
      (list) => setTrashedKeys(list.map((key) => ({ id: key.id, label: key.label }))),
      () => setTrashedKeys([]),
    );
  }, []);
  const trashed = useMemo(
    () =>
      trashedKeys.map((key) => ({
        id: key.id,
        label: intl.formatMessage({ id: 'audit.filter.inTrash', defaultMessage: '{label} (in trash)' }, { label: key.label }),
      })),
    [trashedKeys, intl],
  );

  useEffect(() => {
    let current = true;
    api.audit.list({ limit, ...(keyId ? { keyId } : {}), ...(action ? { action } : {}) }).then(
      (list) => {
        if (!current) return;
        setEntries(list);
        setError(null);
      },
      (caught: unknown) =>
        current &&
        setError(
          errorText(
            caught,
            intl.formatMessage({ id: 'audit.readFailed', defaultMessage: 'Could not read the audit log.' }),
            intl,
          ),
        ),
    );
    return () => {
      current = false;
    };
  }, [keyId, action, limit, intl]);

  const keyChoices = useMemo(
    () =>
      [...keys.map((key) => ({ id: key.id, label: key.label })), ...trashed].sort((a, b) =>
        a.label.localeCompare(b.label, intl.locale),
      ),
    [keys, trashed, intl.locale],
  );

  return (
    <div className="audit-view">
      <h1>
        <FormattedMessage id="audit.title" defaultMessage="Audit log" />
      </h1>
      <p className="muted">
        <FormattedMessage
          id="audit.intro"
          defaultMessage="Every unlock, reveal, copy, edit, rotation, deletion, import and export, from the app, the tray and the CLI. It records that something happened, never a key’s value."
        />
      </p>
      <div
        className="audit-filters"
        role="group"
        aria-label={intl.formatMessage({ id: 'audit.filter.label', defaultMessage: 'Filter the audit log' })}
      >
        <div className="field">
          <label htmlFor={keyFilterId}>
            <FormattedMessage id="audit.filter.key" defaultMessage="Key" />
          </label>
          <select
            id={keyFilterId}
            value={keyId}
            onChange={(e) => {
              setKeyId(e.target.value);
              setLimit(PAGE);
            }}
          >
            <option value={ALL}>{intl.formatMessage({ id: 'audit.filter.allKeys', defaultMessage: 'All keys' })}</option>
            {keyChoices.map((key) => (
              <option key={key.id} value={key.id}>
                {key.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={actionFilterId}>
            <FormattedMessage id="audit.filter.action" defaultMessage="Action" />
          </label>
          <select
            id={actionFilterId}
            value={action}
            onChange={(e) => {
              setAction(e.target.value as AuditAction | typeof ALL);
              setLimit(PAGE);
            }}
          >
            <option value={ALL}>{intl.formatMessage({ id: 'audit.filter.allActions', defaultMessage: 'All actions' })}</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {actionLabel(name, intl)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {entries !== null && (
        <p className="muted" role="status">
          {entries.length === 0 ? (
            <FormattedMessage id="audit.none" defaultMessage="Nothing recorded matches these filters." />
          ) : entries.length === limit ? (
            <FormattedMessage
              id="audit.countMore"
              defaultMessage="{count, plural, one {#+ entry} other {#+ entries}}, newest first."
              values={{ count: entries.length }}
            />
          ) : (
            <FormattedMessage
              id="audit.count"
              defaultMessage="{count, plural, one {# entry} other {# entries}}, newest first."
              values={{ count: entries.length }}
            />
          )}
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">
                <FormattedMessage id="audit.column.when" defaultMessage="When" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.column.action" defaultMessage="Action" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.column.key" defaultMessage="Key" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.column.from" defaultMessage="From" />
              </th>
              <th scope="col">
                <FormattedMessage id="audit.column.detail" defaultMessage="Detail" />
              </th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at} title={dateTime(entry.at, intl, 'medium')}>
                    {dateTime(entry.at, intl)}
                  </time>
                  <span className="muted small">
                    <FormattedMessage
                      id="audit.ago"
                      defaultMessage=" · {ago}"
                      values={{ ago: timeAgo(entry.at, undefined, intl) }}
                    />
                  </span>
                </td>
                <td>{actionLabel(entry.action, intl)}</td>
                <td>{entry.keyLabel ?? ''}</td>
                <td>{entry.source in sourceLabels ? intl.formatMessage(sourceLabels[entry.source]) : entry.source}</td>
                {/* Entries from before phrases have only their English text, shown as stored. */}
                <td className="audit-detail">{entry.detailPhrase ? phraseText(entry.detailPhrase, intl) : entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries !== null && entries.length === limit && (
        <button type="button" className="secondary" onClick={() => setLimit((n) => Math.min(n + PAGE, 10_000))}>
          <FormattedMessage id="audit.more" defaultMessage="Show older entries" />
        </button>
      )}
    </div>
  );
}
