import { useCallback, useEffect, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { environments, type Environment } from '../../../../contract/keys.ts';
import type { KeyView } from '../../../../contract/settings.ts';
import { Icon } from '../../components/Icon.tsx';
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useCosts } from '../../stores/costs.ts';
import { isFiltered, noFilters, useKeys, useVisibleKeys } from '../../stores/keys.ts';
import { useSettings } from '../../stores/settings.ts';
import { useUi } from '../../stores/ui.ts';
import { NeedsAttention } from '../reminders/NeedsAttention.tsx';
import { HistoryDialog } from '../rotation/HistoryDialog.tsx';
import { RotateDialog } from '../rotation/RotateDialog.tsx';
import { DeleteDialog } from './DeleteDialog.tsx';
import { EnvImportDialog } from './EnvImportDialog.tsx';
import { environmentName } from './format.ts';
import { groupByProvider } from './groups.ts';
import { KeyDialog } from './KeyDialog.tsx';
import { KeyList } from './KeyList.tsx';
import { ProviderCard } from './ProviderCard.tsx';
import { RevealPanel } from './RevealPanel.tsx';
import { RowHandlersContext, type RowHandlers } from './row-keys.ts';
import { hashtag, symbols } from './symbols.ts';

const views: KeyView[] = ['cards', 'list'];

/** Right after the vault is created (or its last key deleted) nothing has focus: start on the one thing to do. */
function focusIfNothingIs(button: HTMLButtonElement | null): void {
  if (button && (document.activeElement === null || document.activeElement === document.body)) button.focus();
}

/**
 * The main view: one card per provider, or one compact row per key (the user's choice, kept in
 * the vault's settings), filtered as the user types in the header's search and by the filters
 * above the list.
 */
export function KeysView() {
  const intl = useIntl();
  const keys = useVisibleKeys();
  const all = useKeys((s) => s.keys);
  const total = all.length;
  // Every tag in the vault, for the tag filter (a tag chip on a row picks one too).
  const allTags = useMemo(() => [...new Set(all.flatMap((key) => key.tags))].sort((a, b) => a.localeCompare(b)), [all]);
  const loaded = useKeys((s) => s.loaded);
  const complete = useKeys((s) => s.complete);
  const search = useKeys((s) => s.search);
  const setSearch = useKeys((s) => s.setSearch);
  const filters = useKeys((s) => s.filters);
  const filter = useKeys((s) => s.filter);
  const view = useSettings((s) => s.settings.keyView);
  const updateSettings = useSettings((s) => s.update);
  const dialog = useUi((s) => s.dialog);
  const open = useUi((s) => s.open);
  // Which key is being revealed: an id only. The secret itself lives inside the panel and dies with it.
  const [revealId, setRevealId] = useState<string | null>(null);
  const [expandedId, setExpandedId] = useState<string | null>(null);
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const groups = useMemo(() => groupByProvider(keys), [keys]);
  const revealing = revealId ? keys.find((key) => key.id === revealId) : undefined;
  const closeReveal = useCallback(() => setRevealId(null), []);
  const handlers: RowHandlers = useMemo(
    () => ({
      reveal: setRevealId,
      toggleDetails: (id) => setExpandedId((now) => (now === id ? null : id)),
      focused: setFocusedId,
    }),
    [],
  );
  // The row that last had focus stays the Tab stop while it is listed; otherwise the first row.
  const focusedListed = focusedId !== null && keys.some((key) => key.id === focusedId) ? focusedId : null;
  const reloadKeySpend = useCosts((s) => s.reloadKeySpend);
  // Each row shows its key's spend this month (the Costs section keeps it fresh after imports);
  // asked once the first rows are in, so main answers those first.
  useEffect(() => {
    if (loaded) void reloadKeySpend();
  }, [loaded, reloadKeySpend]);

  const filtered = isFiltered(filters);
  const counted = {
    keys: intl.formatMessage(
      { id: 'keys.summary.keys', defaultMessage: '{count, plural, one {# key} other {# keys}}' },
      { count: keys.length },
    ),
    providers: intl.formatMessage(
      { id: 'keys.summary.providers', defaultMessage: '{count, plural, one {# provider} other {# providers}}' },
      { count: groups.length },
    ),
  };
  let body;
  if (!loaded) {
    body = null;
  } else if (total === 0) {
    body = (
      <div className="empty-state">
        <div className="empty-icon" aria-hidden="true">
          <Icon name="key" />
        </div>
        <h2>
          <FormattedMessage id="keys.empty.title" defaultMessage="Your vault is empty" />
        </h2>
        <p>
          <FormattedMessage
            id="keys.empty.body"
            defaultMessage="Paste your first API key: Keyward recognises OpenAI, Anthropic, Google, GitHub, Stripe, Slack and 15 more providers from the key itself, and keeps it encrypted on this computer."
          />
        </p>
        <button type="button" className="primary" ref={focusIfNothingIs} onClick={() => open({ kind: 'add' })}>
          <Icon name="plus" />
          <FormattedMessage id="keys.empty.add" defaultMessage="Add your first key" />
        </button>
        <button type="button" className="secondary" onClick={() => open({ kind: 'envImport' })}>
          <FormattedMessage id="keys.empty.importEnv" defaultMessage="Import a .env file…" />
        </button>
        <p className="muted small">
          <FormattedMessage
            id="keys.empty.fromTerminal"
            defaultMessage="From a terminal: <code>keyward add --label NAME</code>"
            values={{ code: (chunks) => <code>{chunks}</code> }}
          />
        </p>
      </div>
    );
  } else {
    body = (
      <>
        <NeedsAttention visibleKeys={search.trim() || filtered ? keys : null} />
        <div className="keys-toolbar">
          {/* Counted once every key is in: the first screen's rows alone would give wrong totals. */}
          <p className="view-summary muted" role="status">
            {complete &&
              (search.trim() ? (
                <FormattedMessage
                  id="keys.summary.matching"
                  defaultMessage="{keys} · {providers} matching “{search}”"
                  values={{ keys: counted.keys, providers: counted.providers, search: search.trim() }}
                />
              ) : (
                <FormattedMessage
                  id="keys.summary"
                  defaultMessage="{keys} · {providers}"
                  values={{ keys: counted.keys, providers: counted.providers }}
                />
              ))}
          </p>
          <div className="keys-filters">
            <label className="inline-field">
              <span>
                <FormattedMessage id="keys.filter.environment" defaultMessage="Environment" />
              </span>
              <select
                value={filters.environment ?? ''}
                onChange={(e) => filter({ environment: (e.target.value || null) as Environment | null })}
              >
                <option value="">{intl.formatMessage({ id: 'keys.filter.all', defaultMessage: 'All' })}</option>
                {environments.map((env) => (
                  <option key={env} value={env}>
                    {environmentName(intl, env)}
                  </option>
                ))}
              </select>
            </label>
            {allTags.length > 0 && (
              <label className="inline-field">
                <span>
                  <FormattedMessage id="keys.filter.tag" defaultMessage="Tag" />
                </span>
                <select value={filters.tag ?? ''} onChange={(e) => filter({ tag: e.target.value || null })}>
                  <option value="">{intl.formatMessage({ id: 'keys.filter.all', defaultMessage: 'All' })}</option>
                  {allTags.map((tag) => (
                    <option key={tag} value={tag}>
                      {hashtag(tag)}
                    </option>
                  ))}
                </select>
              </label>
            )}
            {filters.tag !== null && (
              <button
                type="button"
                className="filter-chip"
                aria-label={intl.formatMessage(
                  { id: 'keys.filter.removeTag', defaultMessage: 'Tag #{tag}: remove this filter' },
                  { tag: filters.tag },
                )}
                onClick={() => filter({ tag: null })}
              >
                {hashtag(filters.tag)}
                <span aria-hidden="true">{symbols.remove}</span>
              </button>
            )}
            {filters.usedIn !== null && (
              <button
                type="button"
                className="filter-chip"
                aria-label={intl.formatMessage(
                  { id: 'keys.filter.removeUsedIn', defaultMessage: 'Used in {place}: remove this filter' },
                  { place: filters.usedIn },
                )}
                onClick={() => filter({ usedIn: null })}
              >
                <FormattedMessage
                  id="keys.filter.usedInChip"
                  defaultMessage="Used in {place}"
                  values={{ place: filters.usedIn }}
                />
                <span aria-hidden="true">{symbols.remove}</span>
              </button>
            )}
          </div>
          <div
            className="segmented"
            role="group"
            aria-label={intl.formatMessage({ id: 'keys.layout', defaultMessage: 'Layout' })}
          >
            {views.map((choice) => (
              <button
                key={choice}
                type="button"
                aria-pressed={view === choice}
                onClick={() => void updateSettings({ keyView: choice }).catch(() => undefined)}
              >
                <Icon name={choice === 'cards' ? 'cards' : 'list'} />
                {choice === 'cards' ? (
                  <FormattedMessage id="keys.layout.cards" defaultMessage="Cards" />
                ) : (
                  <FormattedMessage id="keys.layout.list" defaultMessage="List" />
                )}
              </button>
            ))}
          </div>
        </div>
        {keys.length === 0 ? (
          <div className="empty-state" role="status">
            <h2>
              {search.trim() ? (
                <FormattedMessage
                  id="keys.noMatch.search"
                  defaultMessage="No keys match “{search}”"
                  values={{ search: search.trim() }}
                />
              ) : (
                <FormattedMessage id="keys.noMatch.filters" defaultMessage="No keys match these filters" />
              )}
            </h2>
            <p>
              <FormattedMessage
                id="keys.noMatch.help"
                defaultMessage="Search looks at labels, providers, key prefixes, tags, where keys are used, and notes. Every word has to match."
              />
            </p>
            <button
              type="button"
              className="secondary"
              onClick={() => {
                setSearch('');
                filter(noFilters);
              }}
            >
              {filtered ? (
                <FormattedMessage id="keys.noMatch.clearAll" defaultMessage="Clear search and filters" />
              ) : (
                <FormattedMessage id="keys.noMatch.clearSearch" defaultMessage="Clear search" />
              )}
            </button>
          </div>
        ) : (
          <RowHandlersContext.Provider value={handlers}>
            <p className="sr-only">
              <FormattedMessage
                id="keys.listHelp"
                defaultMessage="In the list: arrow keys move between keys, Enter copies, Space reveals, right arrow opens details, Delete deletes, F2 edits. {shortcut} opens quick copy."
                values={{ shortcut: shortcutLabel('K') }}
              />
            </p>
            {view === 'list' ? (
              <KeyList keys={keys} tabStopId={focusedListed} expandedId={expandedId} />
            ) : (
              <div className="cards">
                {groups.map((group, index) => (
                  <ProviderCard
                    key={group.provider}
                    group={group}
                    tabStopId={focusedListed ?? (index === 0 ? group.keys[0]!.id : null)}
                    expandedId={expandedId}
                  />
                ))}
              </div>
            )}
          </RowHandlersContext.Provider>
        )}
      </>
    );
  }

  return (
    <>
      <h1 className="sr-only" id="keys-heading">
        <FormattedMessage id="keys.heading" defaultMessage="Keys" />
      </h1>
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
