import { useId, useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { providerDisplayName } from '../../../../contract/providers.ts';
import type { EnvImportItem, EnvImportReport } from '../../../../contract/references-contract.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { environmentShort } from './format.ts';
import { symbols } from './symbols.ts';
import { errorText } from '../../lib/error-text.ts';

/** What happens to a variable, before the import ("Will be added") and after it ("Added"). */
function statusName(intl: IntlShape, status: EnvImportItem['status'], done: boolean): string {
  switch (status) {
    case 'added':
      return done
        ? intl.formatMessage({ id: 'keys.envImport.status.added', defaultMessage: 'Added' })
        : intl.formatMessage({ id: 'keys.envImport.status.toAdd', defaultMessage: 'Will be added' });
    case 'existing':
      return intl.formatMessage({ id: 'keys.envImport.status.existing', defaultMessage: 'Already in the vault' });
    case 'skipped':
      return intl.formatMessage({ id: 'keys.envImport.status.skipped', defaultMessage: 'Left alone' });
  }
}

/**
 * "Import a .env file…": pick the file, see what would be added (masked, with the reference
 * each value gets), then add them in one go. The file is read here because the user picked it
 * (as with usage exports); main keeps the keys and answers with masks only. Rewriting the file to
 * references needs its path, so that is the CLI's `keyward env import FILE --rewrite`.
 */
export function EnvImportDialog() {
  const intl = useIntl();
  const close = useUi((s) => s.close);
  const reload = useKeys((s) => s.reload);
  const [file, setFile] = useState<File | null>(null);
  const [usedIn, setUsedIn] = useState('');
  const [preview, setPreview] = useState<EnvImportReport | null>(null);
  const [done, setDone] = useState<EnvImportReport | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      const report = await api.keys.importEnv({
        text: await file.text(),
        fileName: file.name,
        usedIn: usedIn.trim() || undefined,
        dryRun,
      });
      if (dryRun) setPreview(report);
      else {
        setDone(report);
        await reload();
      }
    } catch (failure) {
      setError(
        errorText(
          failure,
          intl.formatMessage({ id: 'keys.envImport.readFailed', defaultMessage: 'The file could not be read.' }),
          intl,
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  const report = done ?? preview;
  /** "9 values": the count of variables that are not keys, as its own plural. */
  const values = (count: number) =>
    intl.formatMessage(
      { id: 'keys.envImport.values', defaultMessage: '{count, plural, one {# value} other {# values}}' },
      { count },
    );
  return (
    <Dialog
      title={intl.formatMessage({ id: 'keys.envImport.title', defaultMessage: 'Import a .env file' })}
      onClose={close}
      className="wide-dialog env-import-dialog"
      description={intl.formatMessage({
        id: 'keys.envImport.description',
        defaultMessage:
          'Keys in the file are recognised by their format and added to the vault; ports, URLs and flags are left alone.',
      })}
    >
      <div className="dialog-body">
        {!report && (
          <>
            <div className="field">
              <label htmlFor={`${id}-file`}>
                <FormattedMessage id="keys.envImport.file" defaultMessage=".env file" />
              </label>
              <input id={`${id}-file`} type="file" data-autofocus onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              <p className="muted small">
                <FormattedMessage
                  id="keys.envImport.fileHint"
                  defaultMessage="The environment comes from the name: .env.production → prod, .env and .env.local → dev."
                />
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-used-in`}>
                <FormattedMessage id="keys.envImport.usedIn" defaultMessage="Used in" />
              </label>
              <input
                id={`${id}-used-in`}
                placeholder={intl.formatMessage({
                  id: 'keys.envImport.usedInPlaceholder',
                  defaultMessage: 'The project, e.g. shop-api',
                })}
                value={usedIn}
                onChange={(e) => setUsedIn(e.target.value)}
              />
            </div>
          </>
        )}
        {report && (
          <div className="env-import-preview" aria-live="polite">
            <p role="status">
              {done ? (
                <FormattedMessage
                  id="keys.envImport.done"
                  defaultMessage="Added {added, plural, one {# key} other {# keys}} (environment {environment}); {existing} already in the vault; {skipped} left alone."
                  values={{
                    added: done.added,
                    environment: environmentShort(intl, done.environment),
                    existing: done.existing,
                    skipped: values(done.skipped),
                  }}
                />
              ) : (
                <FormattedMessage
                  id="keys.envImport.preview"
                  defaultMessage="{added} to add (environment {environment}), {existing} already in the vault, {skipped} left alone."
                  values={{
                    added: report.added,
                    environment: environmentShort(intl, report.environment),
                    existing: report.existing,
                    skipped: values(report.skipped),
                  }}
                />
              )}
            </p>
            <table className="costs-table compact">
              <caption className="sr-only">
                <FormattedMessage id="keys.envImport.table" defaultMessage="Variables in the file" />
              </caption>
              <thead>
                <tr>
                  <th scope="col">
                    <FormattedMessage id="keys.envImport.column.variable" defaultMessage="Variable" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="keys.envImport.column.provider" defaultMessage="Provider" />
                  </th>
                  <th scope="col">
                    <FormattedMessage id="keys.envImport.column.key" defaultMessage="Key" />
                  </th>
                  <th scope="col">
                    {done ? (
                      <FormattedMessage id="keys.envImport.column.outcome" defaultMessage="Outcome" />
                    ) : (
                      <FormattedMessage id="keys.envImport.column.whatHappens" defaultMessage="What happens" />
                    )}
                  </th>
                  <th scope="col">
                    <FormattedMessage id="keys.envImport.column.reference" defaultMessage="Reference" />
                  </th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((item) => (
                  <tr key={item.variable} data-status={item.status}>
                    <td className="mono">{item.variable}</td>
                    <td>{item.provider ? providerDisplayName(item.provider) : ''}</td>
                    <td className="mono">{item.masked ?? ''}</td>
                    <td>
                      {statusName(intl, item.status, done !== null)}
                      {item.note ? (
                        <span className="muted small">
                          {symbols.separator}
                          {phraseText(item.note, intl)}
                        </span>
                      ) : null}
                    </td>
                    <td className="mono small">{item.reference ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.added + report.existing > 0 && (
              <p className="muted small">
                <FormattedMessage
                  id="keys.envImport.next"
                  defaultMessage="Replace the values in the file by these references (<code>keyward env import FILE --rewrite</code> does it in place), then run your program with <code>keyward run --env-file FILE -- COMMAND</code>. If the file was ever committed to git, the old values are still in its history: rotate those keys."
                  values={{ code: (chunks) => <code>{chunks}</code> }}
                />
              </p>
            )}
          </div>
        )}
        {error && (
          <p className="field-error" role="alert">
            {error}
          </p>
        )}
      </div>
      <footer className="dialog-actions">
        {done ? (
          <button type="button" className="primary" onClick={close}>
            <FormattedMessage id="keys.envImport.close" defaultMessage="Done" />
          </button>
        ) : preview ? (
          <>
            <button type="button" className="secondary" onClick={() => setPreview(null)} disabled={busy}>
              <FormattedMessage id="keys.envImport.back" defaultMessage="Back" />
            </button>
            <button type="button" className="primary" onClick={() => void run(false)} disabled={busy || preview.added === 0}>
              <FormattedMessage
                id="keys.envImport.add"
                defaultMessage="{count, plural, one {Add # key} other {Add # keys}}"
                values={{ count: preview.added }}
              />
            </button>
          </>
        ) : (
          <>
            <button type="button" className="secondary" onClick={close}>
              <FormattedMessage id="keys.envImport.cancel" defaultMessage="Cancel" />
            </button>
            <button type="button" className="primary" onClick={() => void run(true)} disabled={busy || !file}>
              <FormattedMessage id="keys.envImport.previewButton" defaultMessage="Preview" />
            </button>
          </>
        )}
      </footer>
    </Dialog>
  );
}
