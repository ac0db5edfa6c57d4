import { useEffect, useId, useState, type FormEvent } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import type { ScanFinding, ScanReport } from '../../../../contract/scan.ts';
import { api, onEvent } from '../../api.ts';
import { useKeys } from '../../stores/keys.ts';
import { useScan } from '../../stores/scan.ts';
import { useUi } from '../../stores/ui.ts';
import { HistoryDialog } from '../rotation/HistoryDialog.tsx';
import { RotateDialog } from '../rotation/RotateDialog.tsx';

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
      <h1>Scan for leaks</h1>
      <p className="muted">
        Looks for your keys — current and rotated-out, as they are or base64- and URL-encoded — and for keys of known providers
        that are not in Keyward, where they should not be. Nothing leaves this computer.
      </p>
      {scanId === null && <ScanForm />}
      {running && <Progress counts={progress ?? report} current={progress?.current ?? ''} />}
      {report && report.state !== 'running' && <Results report={report} />}
      {dialog?.kind === 'rotate' && <RotateDialog key={dialog.id} id={dialog.id} />}
      {dialog?.kind === 'history' && <HistoryDialog key={dialog.id} id={dialog.id} />}
    </div>
  );
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
      setError(isKeywardError(caught) ? caught.message : 'The scan could not start.');
    }
  }

  return (
    <form className="settings-group scan-form" onSubmit={(e) => void submit(e)} noValidate>
      <div className="field">
        <label htmlFor={pathsId}>Folders or files to scan</label>
        <textarea
          id={pathsId}
          rows={3}
          value={paths}
          placeholder="/home/me/projects"
          aria-describedby={`${pathsId}-hint`}
          onChange={(e) => setPaths(e.target.value)}
        />
        <p className="field-hint" id={`${pathsId}-hint`}>
          One absolute path a line. Ignored files such as <code>.env</code> are scanned too, unless you choose otherwise below.
        </p>
      </div>
      <fieldset className="scan-options">
        <legend>Also look in</legend>
        <Check label="Git history of repositories found there (every commit, branch and stash)" checked={git} onChange={setGit} />
        <Check label="Shell histories (bash, zsh, fish, PowerShell)" checked={shellHistory} onChange={setShellHistory} />
        <Check
          label="Coding agents’ transcripts and settings (Claude Code, Codex, Cursor, Continue, …)"
          checked={agents}
          onChange={setAgents}
        />
      </fieldset>
      <fieldset className="scan-options">
        <legend>Files</legend>
        <Check label="Skip what .gitignore ignores" checked={respectGitignore} onChange={setRespectGitignore} />
        <Check label="Read binary files too" checked={includeBinary} onChange={setIncludeBinary} />
        <div className="field scan-size">
          <label htmlFor={sizeId}>Skip files larger than (MB)</label>
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
          Scan
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
  return (
    <section className="settings-group" aria-label="Scan progress">
      {/* The total is not known ahead (folders are walked as they are read), so the bar runs without an end. */}
      <progress className="scan-progress" aria-label="Scanning" />
      <p role="status" className="scan-counts">
        {counts ? describeCounts(counts) : 'Starting…'}
      </p>
      <p className="muted small scan-current" title={current}>
        {current}
      </p>
      <div>
        <button type="button" className="secondary" onClick={() => void cancel()}>
          Cancel
        </button>
      </div>
    </section>
  );
}

function describeCounts({
  filesScanned,
  bytesScanned,
  commitsScanned,
}: {
  filesScanned: number;
  bytesScanned: number;
  commitsScanned: number;
}): string {
  const files = `${filesScanned.toLocaleString()} ${filesScanned === 1 ? 'file' : 'files'}`;
  const size =
    bytesScanned >= 1e9
      ? `${(bytesScanned / 1e9).toFixed(2)} GB`
      : bytesScanned >= 1e6
        ? `${(bytesScanned / 1e6).toFixed(1)} MB`
        : `${Math.ceil(bytesScanned / 1e3)} KB`;
  const commits = commitsScanned > 0 ? ` · ${commitsScanned.toLocaleString()} commits` : '';
  return `${files} · ${size}${commits}`;
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
  return (
    <section aria-label="Scan results" className="scan-results">
      <p role="status" className="view-summary">
        {report.state === 'cancelled'
          ? 'Cancelled after '
          : report.state === 'failed'
            ? `${report.error ?? 'The scan failed.'} Read: `
            : 'Scanned '}
        {describeCounts(report)}
        {skipped > 0 &&
          ` (skipped ${report.skipped.binary} binary, ${report.skipped.tooLarge} too large, ${report.skipped.unreadable} unreadable)`}
        {' — '}
        {report.findings.length === 0
          ? 'nothing found.'
          : `${report.findings.length} ${report.findings.length === 1 ? 'place' : 'places'}, ${groups.length} ${groups.length === 1 ? 'key' : 'keys'}.`}
        {report.truncated && ' Only the first 10,000 places are listed.'}
      </p>
      <ul className="cards scan-groups">
        {groups.map((group) => (
          <FindingGroup key={group.id} group={group} scanId={report.scanId} />
        ))}
      </ul>
      <button type="button" className="secondary" onClick={reset}>
        New scan
      </button>
    </section>
  );
}

function FindingGroup({ group, scanId }: { group: Group; scanId: string }) {
  const open = useUi((s) => s.open);
  const { first, findings } = group;
  const kindText =
    first.kind === 'vault' ? 'In Keyward' : first.kind === 'historical' ? `Earlier value #${first.historySeq}` : 'Not in Keyward';
  return (
    <li className="provider-card scan-group">
      <div className="provider-header">
        <span className="key-label">{first.label}</span>
        <code className="masked">{first.masked}</code>
        <span className={first.kind === 'unknown' ? 'chip status-soon' : 'chip status-ok'}>{kindText}</span>
        <span className="count">
          {findings.length} {findings.length === 1 ? 'place' : 'places'}
        </span>
      </div>
      <ol className="scan-places">
        {findings.map((f, i) => (
          <li key={i}>
            <code>{place(f)}</code>
            {f.form !== 'raw' && <span className="badge">{f.form}</span>}
          </li>
        ))}
      </ol>
      <div className="scan-actions">
        {first.keyId && (
          <button
            type="button"
            className="secondary small"
            aria-label={`Rotate ${first.label}`}
            onClick={() => open({ kind: 'rotate', id: first.keyId! })}
          >
            Rotate
          </button>
        )}
        {first.kind === 'historical' && first.keyId && (
          <button type="button" className="secondary small" onClick={() => open({ kind: 'history', id: first.keyId! })}>
            Earlier values
          </button>
        )}
        {first.kind === 'unknown' && first.unknownId !== null && (
          <AddUnknown scanId={scanId} unknownId={first.unknownId} suggested={first.label} />
        )}
      </div>
    </li>
  );
}

function place(f: ScanFinding): string {
  const where = `${f.path === '' ? 'commit message' : f.path}:${f.line}:${f.column}`;
  return f.source === 'git' ? `${f.repository} @ ${f.commit?.slice(0, 10)} ${where}` : where;
}

/** Stores an unknown key main found; the form sends a label, main has the value. */
function AddUnknown({ scanId, unknownId, suggested }: { scanId: string; unknownId: number; suggested: string }) {
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const labelId = useId();

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    try {
      await api.scan.addUnknown({ scanId, unknownId, label: label.trim() || `Found: ${suggested}` });
      await Promise.all([useScan.getState().refresh(), useKeys.getState().reload()]);
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not add the key.');
    }
  }

  if (!adding) {
    return (
      <button type="button" className="primary small" onClick={() => setAdding(true)}>
        Add to Keyward
      </button>
    );
  }
  return (
    <form className="scan-add" onSubmit={(e) => void add(e)}>
      <label htmlFor={labelId}>Label</label>
      <input
        id={labelId}
        value={label}
        placeholder={`Found: ${suggested}`}
        onChange={(e) => setLabel(e.target.value)}
        autoFocus
      />
      <button type="submit" className="primary small">
        Add
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
