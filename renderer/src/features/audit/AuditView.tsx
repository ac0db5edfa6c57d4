import { useEffect, useId, useMemo, useState } from 'react';
import { auditActions, type AuditAction, type AuditEntry } from '../../../../contract/audit.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { api } from '../../api.ts';
import { timeAgo } from '../../lib/time.ts';
import { useKeys } from '../../stores/keys.ts';
import { actionLabel } from './action-labels.ts';

const PAGE = 200;
const ALL = '';
const sourceLabels: Record<AuditEntry['source'], string> = { app: 'App', cli: 'CLI', tray: 'Tray' };

/**
 * The audit log: what happened to which key, through which door (app, CLI, tray), newest first.
 * Filtered by key and by action in main, so a filter reaches past the entries shown. Never a
 * value: the log holds none.
 */
export function AuditView() {
  const keys = useKeys((s) => s.keys);
  const [keyId, setKeyId] = useState(ALL);
  const [action, setAction] = useState<AuditAction | typeof ALL>(ALL);
  const [limit, setLimit] = useState(PAGE);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [trashed, setTrashed] = useState<Array<{ id: string; label: string }>>([]);
  const keyFilterId = useId();
  const actionFilterId = useId();

  // Keys in the trash have entries too; they are offered in the key filter, marked.
  useEffect(() => {
    api.trash.list().then(
      (list) => setTrashed(list.map((key) => ({ id: key.id, label: `${key.label} (in trash)` }))),
      () => setTrashed([]),
    );
  }, []);

  useEffect(() => {
    let current = true;
    api.audit.list({ limit, ...(keyId ? { keyId } : {}), ...(action ? { action } : {}) }).then(
      (list) => {
        if (!current) return;
        setEntries(list);
        setError(null);
      },
      (caught: unknown) => current && setError(isKeywardError(caught) ? caught.message : 'Could not read the audit log.'),
    );
    return () => {
      current = false;
    };
  }, [keyId, action, limit]);

  const keyChoices = useMemo(
    () => [...keys.map((key) => ({ id: key.id, label: key.label })), ...trashed].sort((a, b) => a.label.localeCompare(b.label)),
    [keys, trashed],
  );

  return (
    <div className="audit-view">
      <h1>Audit log</h1>
      <p className="muted">
        Every unlock, reveal, copy, edit, rotation, deletion, import and export, from the app, the tray and the CLI. It records
        that something happened, never a key’s value.
      </p>
      <div className="audit-filters" role="group" aria-label="Filter the audit log">
        <div className="field">
          <label htmlFor={keyFilterId}>Key</label>
          <select
            id={keyFilterId}
            value={keyId}
            onChange={(e) => {
              setKeyId(e.target.value);
              setLimit(PAGE);
            }}
          >
            <option value={ALL}>All keys</option>
            {keyChoices.map((key) => (
              <option key={key.id} value={key.id}>
                {key.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={actionFilterId}>Action</label>
          <select
            id={actionFilterId}
            value={action}
            onChange={(e) => {
              setAction(e.target.value as AuditAction | typeof ALL);
              setLimit(PAGE);
            }}
          >
            <option value={ALL}>All actions</option>
            {auditActions.map((name) => (
              <option key={name} value={name}>
                {actionLabel(name)}
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
          {entries.length === 0
            ? 'Nothing recorded matches these filters.'
            : `${entries.length}${entries.length === limit ? '+' : ''} ${entries.length === 1 ? 'entry' : 'entries'}, newest first.`}
        </p>
      )}
      {entries !== null && entries.length > 0 && (
        <table className="audit-table">
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Key</th>
              <th scope="col">From</th>
              <th scope="col">Detail</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <time dateTime={entry.at} title={new Date(entry.at).toLocaleString()}>
                    {new Date(entry.at).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })}
                  </time>
                  <span className="muted small"> · {timeAgo(entry.at)}</span>
                </td>
                <td>{actionLabel(entry.action)}</td>
                <td>{entry.keyLabel ?? ''}</td>
                <td>{sourceLabels[entry.source] ?? entry.source}</td>
                <td className="audit-detail">{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {entries !== null && entries.length === limit && (
        <button type="button" className="secondary" onClick={() => setLimit((n) => Math.min(n + PAGE, 10_000))}>
          Show older entries
        </button>
      )}
    </div>
  );
}
