import { useEffect, useId, useState } from 'react';
import {
  importFormatInfo,
  importFormats,
  type ColumnMapping,
  type ImportFormat,
  type ImportPreset,
  type ImportPreview,
} from '../../../../contract/costs.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';
import { api, pathForFile } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { dayLabel, monthsBetween, tokens, usd } from './format.ts';

const mappingFields: Array<[keyof ColumnMapping, string]> = [
  ['day', 'Date column'],
  ['model', 'Model column'],
  ['provider', 'Provider column'],
  ['inputTokens', 'Input tokens column'],
  ['outputTokens', 'Output tokens column'],
  ['requests', 'Requests column'],
  ['cost', 'Cost (USD) column'],
  ['key', 'Key name column'],
];

/**
 * The file's bytes as base64: what crosses to main when the page cannot give the file's path (a
 * browser). The app hands over the path, and main streams the file from disk.
 */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

function pathOf(file: File): { path: string } | null {
  const path = pathForFile(file);
  return path ? { path } : null;
}

/** The header cells of a CSV's first line, to offer as column names for a mapping. */
async function headerOf(file: File): Promise<string[]> {
  const text = await file.slice(0, 64 * 1024).text();
  const line = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return line
    .split(',')
    .map((cell) => cell.trim().replace(/^"|"$/g, ''))
    .filter(Boolean);
}

/**
 * Import a provider export: pick the file, read the preview (rows, new, duplicates, errors with
 * their line numbers), then commit it in one go. Nothing is written before "Import".
 */
export function ImportDialog({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (notice: string, months: string[]) => void;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<ImportFormat | ''>('');
  const [keyId, setKeyId] = useState('');
  const [keys, setKeys] = useState<KeySummary[]>([]);
  const [presets, setPresets] = useState<ImportPreset[]>([]);
  const [preset, setPreset] = useState('');
  const [mapping, setMapping] = useState<Partial<Record<keyof ColumnMapping, string>>>({});
  const [presetName, setPresetName] = useState('');
  const [columns, setColumns] = useState<string[]>([]);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  useEffect(() => {
    void api.keys.list().then(setKeys);
    void api.usage.presets().then(setPresets);
  }, []);

  // Leaving without importing forgets the preview held in main.
  useEffect(() => () => void (preview && api.usage.discard({ token: preview.token }).catch(() => {})), [preview]);

  async function read() {
    if (!file) return;
    setBusy(true);
    setError(null);
    setPreview(null);
    try {
      let columnMapping: ColumnMapping | undefined;
      if (format === 'generic' && !preset) {
        if (presetName.trim()) {
          const saved = await api.usage.savePreset({ name: presetName.trim(), mapping: mappingInput(mapping) });
          columnMapping = saved.mapping;
        } else columnMapping = mappingInput(mapping) as ColumnMapping;
      }
      const result = await api.usage.preview({
        file: pathOf(file) ?? { name: file.name, base64: await base64Of(file) },
        ...(format && format !== 'generic' ? { format } : {}),
        ...(format === 'generic' && preset ? { preset } : {}),
        ...(columnMapping ? { mapping: columnMapping } : {}),
        ...(keyId ? { keyId } : {}),
      });
      setPreview(result);
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'The file could not be read.');
    } finally {
      setBusy(false);
    }
  }

  async function commit() {
    if (!preview) return;
    setBusy(true);
    try {
      const result = await api.usage.commit({ token: preview.token, skipInvalid });
      setPreview(null);
      onImported(
        result.added === 0
          ? `Nothing new in ${preview.fileName}: all ${result.duplicates} rows were already imported.`
          : `Imported ${result.added} row${result.added === 1 ? '' : 's'} from ${preview.fileName}${result.errorCount ? `, skipped ${result.errorCount} invalid` : ''}.`,
        // The new rows' months, so the view can go where they landed (last month's export is not in this month).
        result.added > 0 && preview.firstDay && preview.lastDay ? monthsBetween(preview.firstDay, preview.lastDay) : [],
      );
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'The import failed; nothing was saved.');
      setPreview(null);
    } finally {
      setBusy(false);
    }
  }

  const rejected = preview !== null && preview.errorCount > 0 && !skipInvalid;
  const unreadable = preview !== null && preview.rows === 0 && preview.errorCount > 0;

  return (
    <Dialog
      title="Import usage"
      onClose={onClose}
      className="import-dialog wide-dialog"
      description="Exports from provider dashboards: recognised from their header row. Importing the same file twice adds nothing."
    >
      <div className="dialog-body">
        {!preview && (
          <>
            <div className="field">
              <label htmlFor={`${id}-file`}>Export file</label>
              <input
                id={`${id}-file`}
                type="file"
                accept=".csv,.zip,text/csv,application/zip"
                data-autofocus
                onChange={(e) => {
                  const chosen = e.target.files?.[0] ?? null;
                  setFile(chosen);
                  if (chosen) void headerOf(chosen).then(setColumns);
                }}
              />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor={`${id}-format`}>Format</label>
                <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')}>
                  <option value="">Recognise from the header</option>
                  {importFormats.map((f) => (
                    <option key={f} value={f}>
                      {importFormatInfo[f].label}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-key`}>Link rows to</label>
                <select id={`${id}-key`} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
                  <option value="">Keys named in the export</option>
                  {keys.map((k) => (
                    <option key={k.id} value={k.id}>
                      {k.label} ({providerDisplayName(k.provider)})
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {format === 'generic' && (
              <fieldset className="mapping">
                <legend>Column mapping</legend>
                <div className="field">
                  <label htmlFor={`${id}-preset`}>Saved mapping</label>
                  <select id={`${id}-preset`} value={preset} onChange={(e) => setPreset(e.target.value)}>
                    <option value="">A new mapping</option>
                    {presets.map((p) => (
                      <option key={p.name} value={p.name}>
                        {p.name}
                      </option>
                    ))}
                  </select>
                </div>
                {!preset && (
                  <>
                    <datalist id={`${id}-columns`}>
                      {columns.map((c) => (
                        <option key={c} value={c} />
                      ))}
                    </datalist>
                    <div className="field-grid">
                      {mappingFields.map(([field, label]) => (
                        <div className="field" key={field}>
                          <label htmlFor={`${id}-map-${field}`}>{label}</label>
                          <input
                            id={`${id}-map-${field}`}
                            list={`${id}-columns`}
                            value={mapping[field] ?? ''}
                            onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}
                          />
                        </div>
                      ))}
                      <div className="field">
                        <label htmlFor={`${id}-map-default`}>Provider when there is no column</label>
                        <input
                          id={`${id}-map-default`}
                          placeholder="openai, or custom:Name"
                          value={mapping.defaultProvider ?? ''}
                          onChange={(e) => setMapping({ ...mapping, defaultProvider: e.target.value })}
                        />
                      </div>
                      <div className="field">
                        <label htmlFor={`${id}-preset-name`}>Save as</label>
                        <input
                          id={`${id}-preset-name`}
                          placeholder="A name, to reuse it"
                          value={presetName}
                          onChange={(e) => setPresetName(e.target.value)}
                        />
                      </div>
                    </div>
                  </>
                )}
              </fieldset>
            )}
          </>
        )}

        {preview && (
          <div className="import-preview" aria-live="polite">
            <p>
              <strong>{preview.fileName}</strong> <span className="muted">· {preview.formatLabel}</span>
              {preview.firstDay && (
                <span className="muted">
                  {' '}
                  · {dayLabel(preview.firstDay)} – {dayLabel(preview.lastDay!)}
                </span>
              )}
            </p>
            <dl className="import-counts">
              <div>
                <dt>Rows</dt>
                <dd data-testid="preview-rows">{preview.rows}</dd>
              </div>
              <div>
                <dt>New</dt>
                <dd data-testid="preview-new">{preview.new}</dd>
              </div>
              <div>
                <dt>Duplicates</dt>
                <dd data-testid="preview-duplicates">{preview.duplicates}</dd>
              </div>
              <div>
                <dt>No usage</dt>
                <dd>{preview.ignored}</dd>
              </div>
              <div data-bad={preview.errorCount > 0 || undefined}>
                <dt>Errors</dt>
                <dd data-testid="preview-errors">{preview.errorCount}</dd>
              </div>
              <div>
                <dt>New cost</dt>
                <dd>{usd(preview.costMicros)}</dd>
              </div>
            </dl>
            {preview.errors.length > 0 && (
              <div className="import-errors">
                <h3>
                  {unreadable
                    ? 'The file could not be read'
                    : rejected
                      ? 'Fix these rows, or skip them'
                      : 'These rows will be skipped'}
                </h3>
                <ul aria-label="Invalid rows">
                  {preview.errors.map((e) => (
                    <li key={`${e.line}-${e.message}`}>
                      <span className="mono">line {e.line}</span> {e.message}
                    </li>
                  ))}
                </ul>
                {preview.errorCount > preview.errors.length && (
                  <p className="muted small">… and {preview.errorCount - preview.errors.length} more.</p>
                )}
                {!unreadable && (
                  <label className="checkbox">
                    <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} /> Skip the
                    invalid rows and import the rest
                  </label>
                )}
              </div>
            )}
            {preview.warnings.map((w) => (
              <p key={w} className="costs-warning small">
                {w}
              </p>
            ))}
            {preview.sample.length > 0 && (
              <table className="costs-table compact">
                <caption className="sr-only">The first new rows</caption>
                <thead>
                  <tr>
                    <th scope="col">Line</th>
                    <th scope="col">Day</th>
                    <th scope="col">Model</th>
                    <th scope="col">Key</th>
                    <th scope="col" className="num">
                      Input
                    </th>
                    <th scope="col" className="num">
                      Output
                    </th>
                    <th scope="col" className="num">
                      Cost
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {preview.sample.slice(0, 8).map((r) => (
                    <tr key={r.line + r.model + r.day + (r.keyHint ?? '')}>
                      <td className="mono">{r.line}</td>
                      <td>{r.day}</td>
                      <td>{r.model || '(no model)'}</td>
                      <td>{r.keyLabel ?? r.keyHint ?? ''}</td>
                      <td className="num">{tokens(r.inputTokens)}</td>
                      <td className="num">{tokens(r.outputTokens)}</td>
                      <td className="num">
                        {r.costMicros === null ? <span className="badge warning-badge">unpriced</span> : usd(r.costMicros)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        )}
        {error && <p className="error">{error}</p>}
        <footer className="dialog-actions">
          <button type="button" className="secondary" onClick={preview ? () => setPreview(null) : onClose}>
            {preview ? 'Back' : 'Cancel'}
          </button>
          {!preview ? (
            <button type="button" className="primary" disabled={!file || busy} onClick={() => void read()}>
              {busy ? 'Reading…' : 'Preview'}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || rejected || unreadable || preview.new === 0}
              onClick={() => void commit()}
            >
              {busy
                ? 'Importing…'
                : preview.new === 0
                  ? 'Nothing new to import'
                  : `Import ${preview.new} row${preview.new === 1 ? '' : 's'}`}
            </button>
          )}
        </footer>
      </div>
    </Dialog>
  );
}

/** The mapping form as the contract wants it: empty fields left out. */
function mappingInput(fields: Partial<Record<keyof ColumnMapping, string>>): ColumnMapping {
  const entries = Object.entries(fields).filter(([, value]) => typeof value === 'string' && value.trim() !== '');
  return { costUnit: 'usd', inputIncludesCached: true, ...Object.fromEntries(entries) } as ColumnMapping;
}
