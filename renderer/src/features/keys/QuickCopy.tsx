import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { rankMatches } from '../../../../contract/key-search.ts';
import { keyStatus, localDay } from '../../../../contract/key-status.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { Dialog } from '../../components/Dialog.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Monogram } from '../../components/Monogram.tsx';
import { isComposing } from '../../lib/keyboard.ts';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';
import { copyKey } from './actions.ts';
import { environmentShort } from './format.ts';
import { symbols } from './symbols.ts';

const LIMIT = 50;

/**
 * The quick-copy palette (Ctrl/Cmd+K): type to search, arrows to choose, Enter copies. A
 * combobox over a listbox, so screen readers follow the highlighted key. The best match comes
 * first (a label that starts with the words, then the most recently copied); an expired key
 * says so before it is copied.
 */
export function QuickCopy() {
  const intl = useIntl();
  const close = useUi((s) => s.close);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  // The list the window already holds, filtered here: no round trip per keystroke.
  const keys = useKeys((s) => s.keys);
  const open = useUi((s) => s.open);
  const showSection = useUi((s) => s.showSection);
  const results = useMemo(() => rankMatches(keys, query, LIMIT), [keys, query]);
  const today = localDay(new Date());

  async function choose(key: KeySummary | undefined) {
    if (!key) return;
    close();
    await copyKey(key.id);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive((i) => Math.min(i + 1, results.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter' && !isComposing(event)) {
      // The Enter that confirms a Korean syllable is the input method's, not a request to copy.
      event.preventDefault();
      void choose(results[active]);
    }
  }

  const optionId = (index: number) => `${listId}-${index}`;
  return (
    <Dialog
      title={intl.formatMessage({ id: 'keys.quickCopy.title', defaultMessage: 'Quick copy' })}
      className="palette"
      onClose={close}
    >
      <input
        type="text"
        role="combobox"
        aria-label={intl.formatMessage({ id: 'keys.quickCopy.search', defaultMessage: 'Find a key to copy' })}
        aria-expanded={results.length > 0}
        aria-controls={listId}
        aria-activedescendant={results.length > 0 ? optionId(active) : undefined}
        aria-autocomplete="list"
        data-autofocus
        placeholder={intl.formatMessage({ id: 'keys.quickCopy.placeholder', defaultMessage: 'Type a label, provider, tag…' })}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label={intl.formatMessage({ id: 'keys.quickCopy.list', defaultMessage: 'Keys' })}
        className="palette-list"
      >
        {results.map((key, index) => {
          const look = providerLook(key.provider);
          const expired = key.expiresAt !== null && keyStatus(key, today)?.tone === 'expired';
          return (
            <li
              key={key.id}
              id={optionId(index)}
              role="option"
              aria-selected={index === active}
              className={index === active ? 'active' : ''}
              onMouseMove={() => setActive(index)}
              onClick={() => void choose(key)}
            >
              <Monogram look={look} size="small" />
              <span className="palette-label">{key.label}</span>
              <span className="muted">
                {look.name}
                {symbols.separator}
                {environmentShort(intl, key.environment)}
              </span>
              {expired && (
                <span className="chip status-expired">
                  <Icon name="warning" /> <FormattedMessage id="keys.quickCopy.expired" defaultMessage="Expired" />
                </span>
              )}
              <code className="masked">{key.masked}</code>
            </li>
          );
        })}
      </ul>
      {results.length === 0 && query.trim() && (
        <p className="muted palette-empty">
          <FormattedMessage id="keys.quickCopy.noMatch" defaultMessage="No key matches." />
        </p>
      )}
      {keys.length === 0 && (
        <div className="palette-empty">
          <p className="muted">
            <FormattedMessage id="keys.quickCopy.empty" defaultMessage="Your vault is empty." />
          </p>
          <button
            type="button"
            className="primary"
            onClick={() => {
              showSection('keys');
              open({ kind: 'add' });
            }}
          >
            <Icon name="plus" />
            <FormattedMessage id="keys.quickCopy.add" defaultMessage="Add a key" />
          </button>
        </div>
      )}
      <p className="palette-help muted">
        <FormattedMessage id="keys.quickCopy.help" defaultMessage="↑ ↓ to choose · Enter copies · Esc closes" />
      </p>
    </Dialog>
  );
}
