import { useId, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';
import type { EnvImportReport } from '../../../../contract/references-contract.ts';
import { api } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';

const statusNames = { added: 'Will be added', existing: 'Already in the vault', skipped: 'Left alone' } as const;

/**
 * "Import a .env file…": pick the file, see what would be added (masked, with the reference
 * each value gets), then add them in one go. The file is read here because the user picked it
 * (as with usage exports); main keeps the keys and answers with masks only. Rewriting the file to
 * references needs its path, so that is the CLI's `keyward env import FILE --rewrite`.
 */
export function EnvImportDialog() {
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
      setError(isKeywardError(failure) ? failure.message : 'The file could not be read.');
    } finally {
      setBusy(false);
    }
  }

  const report = done ?? preview;
  return (
    <Dialog
      title="Import a .env file"
      onClose={close}
      className="wide-dialog env-import-dialog"
      description="Keys in the file are recognised by their format and added to the vault; ports, URLs and flags are left alone."
    >
      <div className="dialog-body">
        {!report && (
          <>
            <div className="field">
              <label htmlFor={`${id}-file`}>.env file</label>
              <input id={`${id}-file`} type="file" data-autofocus onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              <p className="muted small">
                The environment comes from the name: .env.production → prod, .env and .env.local → dev.
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-used-in`}>Used in</label>
              <input
                id={`${id}-used-in`}
                placeholder="The project, e.g. shop-api"
                value={usedIn}
                onChange={(e) => setUsedIn(e.target.value)}
              />
            </div>
          </>
        )}
        {report && (
          <div className="env-import-preview" aria-live="polite">
            <p role="status">
              {done
                ? `Added ${done.added} ${done.added === 1 ? 'key' : 'keys'} (environment ${done.environment}); ${done.existing} already in the vault; ${done.skipped} values left alone.`
                : `${report.added} to add (environment ${report.environment}), ${report.existing} already in the vault, ${report.skipped} values left alone.`}
            </p>
            <table className="costs-table compact">
              <caption className="sr-only">Variables in the file</caption>
              <thead>
                <tr>
                  <th scope="col">Variable</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Key</th>
                  <th scope="col">{done ? 'Outcome' : 'What happens'}</th>
                  <th scope="col">Reference</th>
                </tr>
              </thead>
              <tbody>
                {report.items.map((item) => (
                  <tr key={item.variable} data-status={item.status}>
                    <td className="mono">{item.variable}</td>
                    <td>{item.provider ? providerDisplayName(item.provider) : ''}</td>
                    <td className="mono">{item.masked ?? ''}</td>
                    <td>
                      {done && item.status === 'added' ? 'Added' : statusNames[item.status]}
                      {item.note ? <span className="muted small"> · {item.note}</span> : null}
                    </td>
                    <td className="mono small">{item.reference ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {report.added + report.existing > 0 && (
              <p className="muted small">
                Replace the values in the file by these references (<code>keyward env import FILE --rewrite</code> does it in
                place), then run your program with <code>keyward run --env-file FILE -- COMMAND</code>. If the file was ever
                committed to git, the old values are still in its history: rotate those keys.
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
            Done
          </button>
        ) : preview ? (
          <>
            <button type="button" className="secondary" onClick={() => setPreview(null)} disabled={busy}>
              Back
            </button>
            <button type="button" className="primary" onClick={() => void run(false)} disabled={busy || preview.added === 0}>
              Add {preview.added} {preview.added === 1 ? 'key' : 'keys'}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="secondary" onClick={close}>
              Cancel
            </button>
            <button type="button" className="primary" onClick={() => void run(true)} disabled={busy || !file}>
              Preview
            </button>
          </>
        )}
      </footer>
    </Dialog>
  );
}
