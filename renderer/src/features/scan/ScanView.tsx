import { useEffect, useId, useState, type FormEvent } from 'react';
import { defineMessages, FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import { errorText } from '../../lib/error-text.ts';
import type { FindingForm, ScanFinding, ScanReport } from '../../../../contract/scan.ts';
import { api, onEvent } from '../../api.ts';
import { useKeys } from '../../stores/keys.ts';
import { useScan } from '../../stores/scan.ts';
import { useUi } from '../../stores/ui.ts';
import { HistoryDialog } from '../rotation/HistoryDialog.tsx';
import { RotateDialog } from '../rotation/RotateDialog.tsx';
import { failureText, findingLabel } from './words.ts';

/**
 * "Scan for leaks": where the vault's keys (current and rotated-out) and unknown keys turn up in
 * files, git history, shell histories and coding-agent logs. The scan runs in main; this screen
 * sends the request, shows progress from `scanProgress` events and the report, which has masked
 * values only. "Add to Keyward" asks main to store a value it found; the value never comes here.
 */
export function ScanView() {
  const { scanId, progress, report } = useScan();
  const dialog = useUi((s) => s.dialog);

  useEffect(() => {
    const subscriptions = [
      onEvent('scanProgress', (p) => useScan.getState().progressed(p)),
      onEvent('scanFinished', ({ scanId: id }) => void useScan.getState().finished(id)),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }, []);

  const running = scanId !== null && (report === null || report.state === 'running');
  return (
    <div className="scan">
      <h1>
        <FormattedMessage id="scan.title" defaultMessage="Scan for leaks" />
      </h1>
      <p className="muted">
        <FormattedMessage
          id="scan.intro"
          defaultMessage="Looks for your keys — current and rotated-out, as they are or base64- and URL-encoded — and for keys of known providers that are not in Keyward, where they should not be. Nothing leaves this computer."
        />
      </p>
      {scanId === null && <ScanForm />}
      {running && <Progress counts={progress ?? report} current={progress?.current ?? ''} />}
      {report && report.state !== 'running' && <Results report={report} />}
      {dialog?.kind === 'rotate' && <RotateDialog key={dialog.id} id={dialog.id} />}
      {dialog?.kind === 'history' && <HistoryDialog key={dialog.id} id={dialog.id} />}
    </div>
  );
}

/** An example in the paths field: a path looks the same in every language. */
const PATH_EXAMPLE = '/home/me/projects';
/** Between the summary's counts and what was found. */
const SUMMARY_DASH = '—';

/** How a value was written where it was found, besides as it is. */
const formWords = defineMessages<Exclude<FindingForm, 'raw'>>({
  base64: { id: 'scan.formBase64', defaultMessage: 'base64' },
  'url-encoded': { id: 'scan.formUrlEncoded', defaultMessage: 'url-encoded' },
});

function placeCount(count: number, intl: IntlShape): string {
  return intl.formatMessage(
    { id: 'scan.placeCount', defaultMessage: '{count, plural, one {# place} other {# places}}' },
    { count },
  );
}

function keyCount(count: number, intl: IntlShape): string {
  return intl.formatMessage({ id: 'scan.keyCount', defaultMessage: '{count, plural, one {# key} other {# keys}}' }, { count });
}

function ScanForm() {
  const start = useScan((s) => s.start);
  const [paths, setPaths] = useState('');
  const [git, setGit] = useState(true);
  const [shellHistory, setShellHistory] = useState(true);
  const [agents, setAgents] = useState(true);
  const [respectGitignore, setRespectGitignore] = useState(false);
  const [includeBinary, setIncludeBinary] = useState(false);
  const [maxFileMegabytes, setMaxFileMegabytes] = useState('10');
  const [error, setError] = useState<string | null>(null);
  const pathsId = useId();
  const sizeId = useId();
  const intl = useIntl();

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await start({
        paths: paths
          .split('\n')
          .map((line) => line.trim())
          .filter(Boolean),
        git,
        shellHistory,
        agents,
        respectGitignore,
        includeBinary,
        maxFileMegabytes: Number(maxFileMegabytes),
      });
    } catch (caught) {
      setError(
        errorText(caught, intl.formatMessage({ id: 'scan.startFailed', defaultMessage: 'The scan could not start.' }), intl),
      );
    }
  }

  return (
    <form className="settings-group scan-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={pathsId}>
          <FormattedMessage id="scan.pathsLabel" defaultMessage="Folders or files to scan" />
        </label>
        <textarea
          id={pathsId}
          rows={3}
          value={paths}
          placeholder={PATH_EXAMPLE}
          aria-describedby={`${pathsId}-hint`}
          onChange={(e) => setPaths(e.target.value)}
        />
        <p className="field-hint" id={`${pathsId}-hint`}>
          <FormattedMessage
            id="scan.pathsHint"
            defaultMessage="One absolute path a line. Ignored files such as <code>.env</code> are scanned too, unless you choose otherwise below."
            values={{ code: (chunks) => <code>{chunks}</code> }}
          />
        </p>
      </div>
      <fieldset className="scan-options">
        <legend>
          <FormattedMessage id="scan.alsoLookIn" defaultMessage="Also look in" />
        </legend>
        <Check
          label={intl.formatMessage({
            id: 'scan.optionGit',
            defaultMessage: 'Git history of repositories found there (every commit, branch and stash)',
          })}
          checked={git}
          onChange={setGit}
        />
        <Check
          label={intl.formatMessage({ id: 'scan.optionShell', defaultMessage: 'Shell histories (bash, zsh, fish, PowerShell)' })}
          checked={shellHistory}
          onChange={setShellHistory}
        />
        <Check
          label={intl.formatMessage({
            id: 'scan.optionAgents',
            defaultMessage: 'Coding agents’ transcripts and settings (Claude Code, Codex, Cursor, Continue, …)',
          })}
          checked={agents}
          onChange={setAgents}
        />
      </fieldset>
      <fieldset className="scan-options">
        <legend>
          <FormattedMessage id="scan.files" defaultMessage="Files" />
        </legend>
        <Check
          label={intl.formatMessage({ id: 'scan.optionGitignore', defaultMessage: 'Skip what .gitignore ignores' })}
          checked={respectGitignore}
          onChange={setRespectGitignore}
        />
        <Check
          label={intl.formatMessage({ id: 'scan.optionBinary', defaultMessage: 'Read binary files too' })}
          checked={includeBinary}
          onChange={setIncludeBinary}
        />
        <div className="field scan-size">
          <label htmlFor={sizeId}>
            <FormattedMessage id="scan.maxSize" defaultMessage="Skip files larger than (MB)" />
          </label>
          <input id={sizeId} inputMode="decimal" value={maxFileMegabytes} onChange={(e) => setMaxFileMegabytes(e.target.value)} />
        </div>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="primary">
          <FormattedMessage id="scan.scanButton" defaultMessage="Scan" />
        </button>
      </div>
    </form>
  );
}

function Check({ label, checked, onChange }: { label: string; checked: boolean; onChange: (value: boolean) => void }) {
  return (
    <label className="checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
}

function Progress({
  counts,
  current,
}: {
  counts: { filesScanned: number; bytesScanned: number; commitsScanned: number } | null;
  current: string;
}) {
  const cancel = useScan((s) => s.cancel);
  const intl = useIntl();
  return (
    <section
      className="settings-group"
      aria-label={intl.formatMessage({ id: 'scan.progressLabel', defaultMessage: 'Scan progress' })}
    >
      {/* The total is not known ahead (folders are walked as they are read), so the bar runs without an end. */}
      <progress className="scan-progress" aria-label={intl.formatMessage({ id: 'scan.scanning', defaultMessage: 'Scanning' })} />
      <p role="status" className="scan-counts">
        {counts ? describeCounts(counts, intl) : <FormattedMessage id="scan.starting" defaultMessage="Starting…" />}
      </p>
      <p className="muted small scan-current" title={current}>
        {current}
      </p>
      <div>
        <button type="button" className="secondary" onClick={() => void cancel()}>
          <FormattedMessage id="scan.cancel" defaultMessage="Cancel" />
        </button>
      </div>
    </section>
  );
}

/** "12 files · 3.4 MB · 250 commits": how far a scan got. */
function describeCounts(
  {
    filesScanned,
    bytesScanned,
    commitsScanned,
  }: {
    filesScanned: number;
    bytesScanned: number;
    commitsScanned: number;
  },
  intl: IntlShape,
): string {
  const files = intl.formatMessage(
    { id: 'scan.fileCount', defaultMessage: '{count, plural, one {# file} other {# files}}' },
    { count: filesScanned },
  );
  const digits = (n: number, fraction: number) =>
    intl.formatNumber(n, { minimumFractionDigits: fraction, maximumFractionDigits: fraction });
  const size =
    bytesScanned >= 1e9
      ? intl.formatMessage({ id: 'scan.sizeGB', defaultMessage: '{size} GB' }, { size: digits(bytesScanned / 1e9, 2) })
      : bytesScanned >= 1e6
        ? intl.formatMessage({ id: 'scan.sizeMB', defaultMessage: '{size} MB' }, { size: digits(bytesScanned / 1e6, 1) })
        : intl.formatMessage(
            { id: 'scan.sizeKB', defaultMessage: '{size} KB' },
            { size: digits(Math.ceil(bytesScanned / 1e3), 0) },
          );
  const parts = [files, size];
  if (commitsScanned > 0) {
    parts.push(
      intl.formatMessage(
        { id: 'scan.commitCount', defaultMessage: '{count, plural, one {# commit} other {# commits}}' },
        { count: commitsScanned },
      ),
    );
  }
  return parts.join(' · ');
}

interface Group {
  id: string;
  first: ScanFinding;
  findings: ScanFinding[];
}

function groupFindings(findings: readonly ScanFinding[]): Group[] {
  const groups = new Map<string, Group>();
  for (const finding of findings) {
    const id = finding.keyId ? `${finding.keyId}/${finding.kind}/${finding.historySeq ?? ''}` : `unknown/${finding.unknownId}`;
    const group = groups.get(id);
    if (group) group.findings.push(finding);
    else groups.set(id, { id, first: finding, findings: [finding] });
  }
  return [...groups.values()];
}

function Results({ report }: { report: ScanReport }) {
  const groups = groupFindings(report.findings);
  const skipped = report.skipped.binary + report.skipped.tooLarge + report.skipped.unreadable;
  const reset = () => useScan.setState({ scanId: null, progress: null, report: null });
  const intl = useIntl();
  const counts = describeCounts(report, intl);
  const read =
    report.state === 'cancelled'
      ? intl.formatMessage({ id: 'scan.cancelledAfter', defaultMessage: 'Cancelled after {counts}' }, { counts })
      : report.state === 'failed'
        ? intl.formatMessage(
            { id: 'scan.failedAfter', defaultMessage: '{error} Read: {counts}' },
            { error: failureText(report, intl), counts },
          )
        : intl.formatMessage({ id: 'scan.scanned', defaultMessage: 'Scanned {counts}' }, { counts });
  const found =
    report.findings.length === 0
      ? intl.formatMessage({ id: 'scan.nothingFound', defaultMessage: 'nothing found.' })
      : intl.formatMessage(
          { id: 'scan.found', defaultMessage: '{places}, {keys}.' },
          { places: placeCount(report.findings.length, intl), keys: keyCount(groups.length, intl) },
        );
  return (
    <section aria-label={intl.formatMessage({ id: 'scan.results', defaultMessage: 'Scan results' })} className="scan-results">
      <p role="status" className="view-summary">
        {[
          read,
          skipped > 0
            ? intl.formatMessage(
                {
                  id: 'scan.skipped',
                  defaultMessage:
                    '(skipped {binary, number} binary, {tooLarge, number} too large, {unreadable, number} unreadable)',
                },
                report.skipped,
              )
            : null,
          SUMMARY_DASH,
          found,
          report.truncated
            ? intl.formatMessage(
                { id: 'scan.truncated', defaultMessage: 'Only the first {limit, number} places are listed.' },
                { limit: 10_000 },
              )
            : null,
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <ul className="cards scan-groups">
        {groups.map((group) => (
          <FindingGroup key={group.id} group={group} scanId={report.scanId} />
        ))}
      </ul>
      <button type="button" className="secondary" onClick={reset}>
        <FormattedMessage id="scan.newScan" defaultMessage="New scan" />
      </button>
    </section>
  );
}

function FindingGroup({ group, scanId }: { group: Group; scanId: string }) {
  const open = useUi((s) => s.open);
  const { first, findings } = group;
  const intl = useIntl();
  const label = findingLabel(first, intl);
  const showSection = useUi((s) => s.showSection);
  const kindText = first.inTrash ? (
    <FormattedMessage id="scan.inTrash" defaultMessage="In the trash" />
  ) : first.kind === 'vault' ? (
    <FormattedMessage id="scan.inKeyward" defaultMessage="In Keyward" />
  ) : first.kind === 'historical' ? (
    <FormattedMessage id="scan.earlierValue" defaultMessage="Earlier value #{seq}" values={{ seq: first.historySeq }} />
  ) : (
    <FormattedMessage id="scan.notInKeyward" defaultMessage="Not in Keyward" />
  );
  return (
    <li className="provider-card scan-group">
      <div className="provider-header">
        <span className="key-label">{label}</span>
        <code className="masked">{first.masked}</code>
        <span className={first.kind === 'unknown' || first.inTrash ? 'chip status-soon' : 'chip status-ok'}>{kindText}</span>
        <span className="count">{placeCount(findings.length, intl)}</span>
      </div>
      <ol className="scan-places">
        {findings.map((f, i) => (
          <li key={i}>
            <code>{place(f, intl)}</code>
            {f.form !== 'raw' && <span className="badge">{intl.formatMessage(formWords[f.form])}</span>}
          </li>
        ))}
      </ol>
      <div className="scan-actions">
        {/* A key in the trash cannot be rotated here; the provider still accepts it until it is revoked there. */}
        {first.inTrash && (
          <>
            <span className="muted small">
              <FormattedMessage
                id="scan.inTrashAdvice"
                defaultMessage="The trash does not revoke a key: revoke it at the provider, then delete it for good."
              />
            </span>
            <button type="button" className="secondary small" onClick={() => showSection('trash')}>
              <FormattedMessage id="scan.openTrash" defaultMessage="Open the trash" />
            </button>
          </>
        )}
        {first.keyId && !first.inTrash && (
          <button
            type="button"
            className="secondary small"
            aria-label={intl.formatMessage({ id: 'scan.rotateLabel', defaultMessage: 'Rotate {label}' }, { label: first.label })}
            onClick={() => open({ kind: 'rotate', id: first.keyId! })}
          >
            <FormattedMessage id="scan.rotate" defaultMessage="Rotate" />
          </button>
        )}
        {first.kind === 'historical' && first.keyId && !first.inTrash && (
          <button type="button" className="secondary small" onClick={() => open({ kind: 'history', id: first.keyId! })}>
            <FormattedMessage id="scan.earlierValues" defaultMessage="Earlier values" />
          </button>
        )}
        {first.kind === 'unknown' && first.unknownId !== null && (
          <AddUnknown scanId={scanId} unknownId={first.unknownId} suggested={label} />
        )}
      </div>
    </li>
  );
}

function place(f: ScanFinding, intl: IntlShape): string {
  const path = f.path === '' ? intl.formatMessage({ id: 'scan.commitMessage', defaultMessage: 'commit message' }) : f.path;
  const where = `${path}:${f.line}:${f.column}`;
  return f.source === 'git' ? `${f.repository} @ ${f.commit?.slice(0, 10)} ${where}` : where;
}

/** Stores an unknown key main found; the form sends a label, main has the value. */
function AddUnknown({ scanId, unknownId, suggested }: { scanId: string; unknownId: number; suggested: string }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const labelId = useId();
  const intl = useIntl();
  const defaultLabel = intl.formatMessage({ id: 'scan.foundLabel', defaultMessage: 'Found: {label}' }, { label: suggested });

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.scan.addUnknown({ scanId, unknownId, label: label.trim() || defaultLabel });
      await Promise.all([useScan.getState().refresh(), useKeys.getState().reload()]);
    } catch (caught) {
      setError(errorText(caught, intl.formatMessage({ id: 'scan.addFailed', defaultMessage: 'Could not add the key.' }), intl));
    }
  }

  if (!adding) {
    return (
      <button type="button" className="primary small" onClick={() => setAdding(true)}>
        <FormattedMessage id="scan.addToKeyward" defaultMessage="Add to Keyward" />
      </button>
    );
  }
  return (
    <form className="scan-add" onSubmit={(e) => void add(e)}>
      <label htmlFor={labelId}>
        <FormattedMessage id="scan.labelField" defaultMessage="Label" />
      </label>
      <input id={labelId} value={label} placeholder={defaultLabel} onChange={(e) => setLabel(e.target.value)} autoFocus />
      <button type="submit" className="primary small">
        <FormattedMessage id="scan.add" defaultMessage="Add" />
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
