import { useEffect, useId, useState, type ReactNode } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import {
  importFormatInfo,
  importFormats,
  importFormatWords,
  type ColumnMapping,
  type ImportFormat,
  type ImportPreset,
  type ImportPreview,
} from '../../../../contract/costs.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';
import { errorText } from '../../lib/error-text.ts';
import { api, pathForFile } from '../../api.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { dayLabel, monthsBetween, tokens, usd } from './format.ts';
import { ColumnHeads } from './ColumnHeads.tsx';

const mappingFields = ['day', 'model', 'provider', 'inputTokens', 'outputTokens', 'requests', 'cost', 'key'] as const;
const mappingLabels = defineMessages<(typeof mappingFields)[number]>({
  day: { id: 'costs.mapDay', defaultMessage: 'Date column' },
  model: { id: 'costs.mapModel', defaultMessage: 'Model column' },
  provider: { id: 'costs.mapProvider', defaultMessage: 'Provider column' },
  inputTokens: { id: 'costs.mapInputTokens', defaultMessage: 'Input tokens column' },
  outputTokens: { id: 'costs.mapOutputTokens', defaultMessage: 'Output tokens column' },
  requests: { id: 'costs.mapRequests', defaultMessage: 'Requests column' },
  cost: { id: 'costs.mapCost', defaultMessage: 'Cost (USD) column' },
  key: { id: 'costs.mapKey', defaultMessage: 'Key name column' },
});

/** What the preview read the file as, in the language in force: its format's name, or that it recognised none (main's label then differs). */
function formatName(preview: ImportPreview, intl: IntlShape): string {
  if (preview.formatLabel !== importFormatInfo[preview.format].label) {
    return intl.formatMessage({ id: 'costs.format.unrecognised', defaultMessage: 'Unrecognised file' });
  }
  return intl.formatMessage(importFormatWords[preview.format]);
}

/** A row's line number, set in monospace. */
const monoTag = { mono: (chunks: ReactNode[]) => <span className="mono">{chunks}</span> };

/** The preview's first line: the file name in bold, what it is and the days it covers muted. */
const previewTags = {
  b: (chunks: ReactNode[]) => <strong>{chunks}</strong>,
  muted: (chunks: ReactNode[]) => <span className="muted">{chunks}</span>,
};

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
  const intl = useIntl();

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
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'costs.importUnreadable', defaultMessage: 'The file could not be read.' }),
          intl,
        ),
      );
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
          ? intl.formatMessage(
              {
                id: 'costs.importedNothing',
                defaultMessage:
                  'Nothing new in {fileName}: all {count, plural, one {# row was} other {# rows were}} already imported.',
              },
              { fileName: preview.fileName, count: result.duplicates },
            )
          : result.errorCount
            ? intl.formatMessage(
                {
                  id: 'costs.importedSkipping',
                  defaultMessage:
                    'Imported {count, plural, one {# row} other {# rows}} from {fileName}, skipped {skipped, number} invalid.',
                },
                { fileName: preview.fileName, count: result.added, skipped: result.errorCount },
              )
            : intl.formatMessage(
                { id: 'costs.imported', defaultMessage: 'Imported {count, plural, one {# row} other {# rows}} from {fileName}.' },
                { fileName: preview.fileName, count: result.added },
              ),
        // The new rows' months, so the view can go where they landed (last month's export is not in this month).
        result.added > 0 && preview.firstDay && preview.lastDay ? monthsBetween(preview.firstDay, preview.lastDay) : [],
      );
    } catch (caught) {
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'costs.importFailed', defaultMessage: 'The import failed; nothing was saved.' }),
          intl,
        ),
      );
      setPreview(null);
    } finally {
      setBusy(false);
    }
  }

  const rejected = preview !== null && preview.errorCount > 0 && !skipInvalid;
  const unreadable = preview !== null && preview.rows === 0 && preview.errorCount > 0;

  return (
    <Dialog
      title={intl.formatMessage({ id: 'costs.importTitle', defaultMessage: 'Import usage' })}
      onClose={onClose}
      className="import-dialog wide-dialog"
      description={intl.formatMessage({
        id: 'costs.importDescription',
        defaultMessage:
          'Exports from provider dashboards: recognised from their header row. Importing the same file twice adds nothing.',
      })}
    >
      <div className="dialog-body">
        {!preview && (
          <>
            <div className="field">
              <label htmlFor={`${id}-file`}>
                <FormattedMessage id="costs.exportFile" defaultMessage="Export file" />
              </label>
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
                <label htmlFor={`${id}-format`}>
                  <FormattedMessage id="costs.formatField" defaultMessage="Format" />
                </label>
                <select id={`${id}-format`} value={format} onChange={(e) => setFormat(e.target.value as ImportFormat | '')}>
                  <option value="">
                    {intl.formatMessage({ id: 'costs.formatRecognise', defaultMessage: 'Recognise from the header' })}
                  </option>
                  {importFormats.map((f) => (
                    <option key={f} value={f}>
                      {intl.formatMessage(importFormatWords[f])}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`${id}-key`}>
                  <FormattedMessage id="costs.linkRowsTo" defaultMessage="Link rows to" />
                </label>
                <select id={`${id}-key`} value={keyId} onChange={(e) => setKeyId(e.target.value)}>
                  <option value="">
                    {intl.formatMessage({ id: 'costs.keysInExport', defaultMessage: 'Keys named in the export' })}
                  </option>
                  {keys.map((k) => (
                    <option key={k.id} value={k.id}>
                      {intl.formatMessage(
                        { id: 'costs.keyOption', defaultMessage: '{label} ({provider})' },
                        { label: k.label, provider: providerDisplayName(k.provider) },
                      )}
                    </option>
                  ))}
                </select>
              </div>
            </div>
            {format === 'generic' && (
              <fieldset className="mapping">
                <legend>
                  <FormattedMessage id="costs.columnMapping" defaultMessage="Column mapping" />
                </legend>
                <div className="field">
                  <label htmlFor={`${id}-preset`}>
                    <FormattedMessage id="costs.savedMapping" defaultMessage="Saved mapping" />
                  </label>
                  <select id={`${id}-preset`} value={preset} onChange={(e) => setPreset(e.target.value)}>
                    <option value="">{intl.formatMessage({ id: 'costs.newMapping', defaultMessage: 'A new mapping' })}</option>
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
                      {mappingFields.map((field) => (
                        <div className="field" key={field}>
                          <label htmlFor={`${id}-map-${field}`}>{intl.formatMessage(mappingLabels[field])}</label>
                          <input
                            id={`${id}-map-${field}`}
                            list={`${id}-columns`}
                            value={mapping[field] ?? ''}
                            onChange={(e) => setMapping({ ...mapping, [field]: e.target.value })}
                          />
                        </div>
                      ))}
                      <div className="field">
                        <label htmlFor={`${id}-map-default`}>
                          <FormattedMessage id="costs.mapDefaultProvider" defaultMessage="Provider when there is no column" />
                        </label>
                        <input
                          id={`${id}-map-default`}
                          placeholder={intl.formatMessage({
                            id: 'costs.mapDefaultProviderPlaceholder',
                            defaultMessage: 'openai, or custom:Name',
                          })}
                          value={mapping.defaultProvider ?? ''}
                          onChange={(e) => setMapping({ ...mapping, defaultProvider: e.target.value })}
                        />
                      </div>
                      <div className="field">
                        <label htmlFor={`${id}-preset-name`}>
                          <FormattedMessage id="costs.saveMappingAs" defaultMessage="Save as" />
                        </label>
                        <input
                          id={`${id}-preset-name`}
                          placeholder={intl.formatMessage({
                            id: 'costs.saveMappingAsPlaceholder',
                            defaultMessage: 'A name, to reuse it',
                          })}
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
              {preview.firstDay ? (
                <FormattedMessage
                  id="costs.previewFileDays"
                  defaultMessage="<b>{fileName}</b> <muted>· {format} · {from} – {to}</muted>"
                  values={{
                    fileName: preview.fileName,
                    format: formatName(preview, intl),
                    from: dayLabel(preview.firstDay, intl),
                    to: dayLabel(preview.lastDay ?? preview.firstDay, intl),
                    ...previewTags,
                  }}
                />
              ) : (
                <FormattedMessage
                  id="costs.previewFile"
                  defaultMessage="<b>{fileName}</b> <muted>· {format}</muted>"
                  values={{ fileName: preview.fileName, format: formatName(preview, intl), ...previewTags }}
                />
              )}
            </p>
            <dl className="import-counts">
              <div>
                <dt>
                  <FormattedMessage id="costs.previewRows" defaultMessage="Rows" />
                </dt>
                <dd data-testid="preview-rows">{intl.formatNumber(preview.rows)}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="costs.previewNew" defaultMessage="New" />
                </dt>
                <dd data-testid="preview-new">{intl.formatNumber(preview.new)}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="costs.previewDuplicates" defaultMessage="Duplicates" />
                </dt>
                <dd data-testid="preview-duplicates">{intl.formatNumber(preview.duplicates)}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="costs.previewNoUsage" defaultMessage="No usage" />
                </dt>
                <dd>{intl.formatNumber(preview.ignored)}</dd>
              </div>
              <div data-bad={preview.errorCount > 0 || undefined}>
                <dt>
                  <FormattedMessage id="costs.previewErrors" defaultMessage="Errors" />
                </dt>
                <dd data-testid="preview-errors">{intl.formatNumber(preview.errorCount)}</dd>
              </div>
              <div>
                <dt>
                  <FormattedMessage id="costs.previewNewCost" defaultMessage="New cost" />
                </dt>
                <dd>{usd(preview.costMicros, intl)}</dd>
              </div>
            </dl>
            {preview.errors.length > 0 && (
              <div className="import-errors">
                <h3>
                  {unreadable ? (
                    <FormattedMessage id="costs.errorsUnreadable" defaultMessage="The file could not be read" />
                  ) : rejected ? (
                    <FormattedMessage id="costs.errorsFix" defaultMessage="Fix these rows, or skip them" />
                  ) : (
                    <FormattedMessage id="costs.errorsSkipped" defaultMessage="These rows will be skipped" />
                  )}
                </h3>
                <ul aria-label={intl.formatMessage({ id: 'costs.invalidRows', defaultMessage: 'Invalid rows' })}>
                  {preview.errors.map((e, index) => (
                    <li key={`${index}-${e.line}`}>
                      {e.entry === undefined ? (
                        <FormattedMessage
                          id="costs.invalidRow"
                          defaultMessage="<mono>line {line}</mono> {message}"
                          values={{ line: e.line, message: phraseText(e.message, intl), ...monoTag }}
                        />
                      ) : (
                        <FormattedMessage
                          id="costs.invalidRowInEntry"
                          defaultMessage="<mono>line {line}</mono> {entry}: {message}"
                          values={{ line: e.line, entry: e.entry, message: phraseText(e.message, intl), ...monoTag }}
                        />
                      )}
                    </li>
                  ))}
                </ul>
                {preview.errorCount > preview.errors.length && (
                  <p className="muted small">
                    <FormattedMessage
                      id="costs.moreErrors"
                      defaultMessage="… and {count, number} more."
                      values={{ count: preview.errorCount - preview.errors.length }}
                    />
                  </p>
                )}
                {!unreadable && (
                  <label className="checkbox">
                    <input type="checkbox" checked={skipInvalid} onChange={(e) => setSkipInvalid(e.target.checked)} />
                    <FormattedMessage id="costs.skipInvalid" defaultMessage="Skip the invalid rows and import the rest" />
                  </label>
                )}
              </div>
            )}
            {preview.warnings.map((w, index) => (
              <p key={`${index}-${w.id}`} className="costs-warning small">
                {phraseText(w, intl)}
              </p>
            ))}
            {preview.sample.length > 0 && (
              <table className="costs-table compact">
                <caption className="sr-only">
                  <FormattedMessage id="costs.sampleCaption" defaultMessage="The first new rows" />
                </caption>
                <thead>
                  <ColumnHeads columns={['line', 'day', 'model', 'key', 'input', 'output', 'cost']} />
                </thead>
                <tbody>
                  {preview.sample.slice(0, 8).map((r) => (
                    <tr key={r.line + r.model + r.day + (r.keyHint ?? '')}>
                      <td className="mono">{r.line}</td>
                      <td>{r.day}</td>
                      <td>{r.model || intl.formatMessage({ id: 'costs.noModel', defaultMessage: '(no model)' })}</td>
                      <td>{r.keyLabel ?? r.keyHint ?? ''}</td>
                      <td className="num">{tokens(r.inputTokens, intl)}</td>
                      <td className="num">{tokens(r.outputTokens, intl)}</td>
                      <td className="num">
                        {r.costMicros === null ? (
                          <span className="badge warning-badge">
                            <FormattedMessage id="costs.unpriced" defaultMessage="unpriced" />
                          </span>
                        ) : (
                          usd(r.costMicros, intl)
                        )}
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
            {preview ? (
              <FormattedMessage id="costs.back" defaultMessage="Back" />
            ) : (
              <FormattedMessage id="costs.cancel" defaultMessage="Cancel" />
            )}
          </button>
          {!preview ? (
            <button type="button" className="primary" disabled={!file || busy} onClick={() => void read()}>
              {busy ? (
                <FormattedMessage id="costs.reading" defaultMessage="Reading…" />
              ) : (
                <FormattedMessage id="costs.previewButton" defaultMessage="Preview" />
              )}
            </button>
          ) : (
            <button
              type="button"
              className="primary"
              disabled={busy || rejected || unreadable || preview.new === 0}
              onClick={() => void commit()}
            >
              {busy ? (
                <FormattedMessage id="costs.importing" defaultMessage="Importing…" />
              ) : preview.new === 0 ? (
                <FormattedMessage id="costs.nothingNew" defaultMessage="Nothing new to import" />
              ) : (
                <FormattedMessage
                  id="costs.importRows"
                  defaultMessage="Import {count, plural, one {# row} other {# rows}}"
                  values={{ count: preview.new }}
                />
              )}
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
