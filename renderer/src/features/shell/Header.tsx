import { useEffect, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Icon } from '../../components/Icon.tsx';
import { productName } from '../../lib/product.ts';
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';

export function Header({ onLock, focusSearch }: { onLock: () => void; focusSearch: number }) {
  const intl = useIntl();
  const search = useKeys((s) => s.search);
  const setSearch = useKeys((s) => s.setSearch);
  const showSection = useUi((s) => s.showSection);
  const open = useUi((s) => s.open);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (focusSearch > 0) input.current?.focus();
  }, [focusSearch]);

  return (
    <header className="app-header">
      <div className="brand">
        <Icon name="key" />
        <span>{productName}</span>
      </div>
      <div className="search" role="search">
        <Icon name="search" />
        <input
          ref={input}
          type="search"
          aria-label={intl.formatMessage({ id: 'shell.search.label', defaultMessage: 'Search keys' })}
          placeholder={intl.formatMessage({
            id: 'shell.search.placeholder',
            defaultMessage: 'Search labels, providers, key prefixes, tags, projects, notes',
          })}
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            showSection('keys');
          }}
        />
        <kbd className="hint" title={intl.formatMessage({ id: 'shell.search.shortcut', defaultMessage: 'Focus the search' })}>
          {shortcutLabel('F')}
        </kbd>
      </div>
      <div className="header-actions">
        <button type="button" className="primary" onClick={() => open({ kind: 'add' })}>
          <Icon name="plus" />
          <FormattedMessage id="shell.addKey" defaultMessage="Add key" />
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => open({ kind: 'envImport' })}
          title={intl.formatMessage({
            id: 'shell.importEnv.hint',
            defaultMessage: 'Move the keys in a .env file into the vault',
          })}
        >
          <FormattedMessage id="shell.importEnv" defaultMessage="Import a .env file…" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={intl.formatMessage({ id: 'shell.settings', defaultMessage: 'Settings' })}
          title={intl.formatMessage({ id: 'shell.settings', defaultMessage: 'Settings' })}
          onClick={() => showSection('settings')}
        >
          <Icon name="gear" />
        </button>
        <button
          type="button"
          className="secondary"
          onClick={onLock}
          title={intl.formatMessage(
            { id: 'shell.lock.hint', defaultMessage: 'Lock ({shortcut})' },
            { shortcut: shortcutLabel('L') },
          )}
        >
          <Icon name="lock" />
          <FormattedMessage id="shell.lock" defaultMessage="Lock" />
        </button>
      </div>
    </header>
  );
}
