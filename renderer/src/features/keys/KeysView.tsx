import { useCallback, useEffect, useMemo, useState } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useCosts } from '../../stores/costs.ts';
import { useKeys, useVisibleKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { NeedsAttention } from '../reminders/NeedsAttention.tsx';
import { HistoryDialog } from '../rotation/HistoryDialog.tsx';
import { RotateDialog } from '../rotation/RotateDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { EnvImportDialog } from './EnvImportDialog.tsx';
import { groupByProvider } from './groups.ts';
import { KeyDialog } from './KeyDialog.tsx';
import { ProviderCard } from './ProviderCard.tsx';
import { RevealPanel } from './RevealPanel.tsx';

/** The main view: one card per provider, filtered as the user types in the header's search. */
export function KeysView() {
  const keys = useVisibleKeys();
  const loaded = useKeys((s) => s.loaded);
  const search = useKeys((s) => s.search);
  const setSearch = useKeys((s) => s.setSearch);
  const dialog = useUi((s) => s.dialog);
  const open = useUi((s) => s.open);
  // Which key is being revealed: an id only. The secret itself lives inside the panel and dies with it.
  const [revealId, setRevealId] = useState<string | null>(null);
  const groups = useMemo(() => groupByProvider(keys), [keys]);
  const revealing = revealId ? keys.find((key) => key.id === revealId) : undefined;
  const closeReveal = useCallback(() => setRevealId(null), []);
  const reloadKeySpend = useCosts((s) => s.reloadKeySpend);
  // Each card shows its keys' spend this month (the Costs section keeps it fresh after imports).
  useEffect(() => {
    void reloadKeySpend();
  }, [reloadKeySpend]);

  let body;
  if (!loaded) {
    body = null;
  } else if (keys.length === 0 && !search.trim()) {
    body = (
      <div className="empty-state">
        <div className="empty-icon" aria-hidden="true">
          <Icon name="key" />
        </div>
        <h2>Your vault is empty</h2>
        <p>
          Paste your first API key: Keyward recognises OpenAI, Anthropic, Gemini, GitHub, Stripe, Slack and 15 more providers from
          the key itself, and keeps it encrypted on this computer.
        </p>
        <button type="button" className="primary" onClick={() => open({ kind: 'add' })}>
          <Icon name="plus" />
          Add your first key
        </button>
        <button type="button" className="secondary" onClick={() => open({ kind: 'envImport' })}>
          Import a .env file…
        </button>
        <p className="muted small">
          From a terminal: <code>keyward add --label NAME</code>
        </p>
      </div>
    );
  } else if (keys.length === 0) {
    body = (
      <div className="empty-state" role="status">
        <h2>No keys match “{search.trim()}”</h2>
        <p>Search looks at labels, providers, tags, where keys are used, and notes. Every word has to match.</p>
        <button type="button" className="secondary" onClick={() => setSearch('')}>
          Clear search
        </button>
      </div>
    );
  } else {
    body = (
      <>
        <NeedsAttention />
        <p className="view-summary muted" role="status">
          {keys.length} {keys.length === 1 ? 'key' : 'keys'} · {groups.length} {groups.length === 1 ? 'provider' : 'providers'}
          {search.trim() ? ` matching “${search.trim()}”` : ''} · {shortcutLabel('K')} to quick-copy
        </p>
        <div className="cards">
          {groups.map((group) => (
            <ProviderCard key={group.provider} group={group} onReveal={setRevealId} />
          ))}
        </div>
      </>
    );
  }

  return (
    <>
      <h1 className="sr-only">Keys</h1>
      {body}
      {revealing && <RevealPanel key={revealing.id} keySummary={revealing} onClose={closeReveal} />}
      {(dialog?.kind === 'add' || dialog?.kind === 'edit') && <KeyDialog key={dialog.kind === 'edit' ? dialog.id : 'add'} />}
      {dialog?.kind === 'delete' && <DeleteDialog id={dialog.id} />}
      {dialog?.kind === 'rotate' && <RotateDialog key={dialog.id} id={dialog.id} />}
      {dialog?.kind === 'history' && <HistoryDialog key={dialog.id} id={dialog.id} />}
      {dialog?.kind === 'envImport' && <EnvImportDialog />}
    </>
  );
}
