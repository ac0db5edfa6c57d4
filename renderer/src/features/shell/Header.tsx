import { useEffect, useRef } from 'react';
import { Icon } from '../../components/Icon.tsx';
import { shortcutLabel } from '../../lib/keyboard.ts';
import { useKeys } from '../../stores/keys.ts';
import { useUi } from '../../stores/ui.ts';

export function Header({ onLock, focusSearch }: { onLock: () => void; focusSearch: number }) {
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
        <span>Keyward</span>
      </div>
      <div className="search" role="search">
        <Icon name="search" />
        <input
          ref={input}
          type="search"
          aria-label="Search keys"
          placeholder="Search labels, providers, key prefixes, tags, projects, notes"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
            showSection('keys');
          }}
        />
        <kbd className="hint" title="Focus the search">
          {shortcutLabel('F')}
        </kbd>
      </div>
      <div className="header-actions">
        <button type="button" className="primary" onClick={() => open({ kind: 'add' })}>
          <Icon name="plus" />
          Add key
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => open({ kind: 'envImport' })}
          title="Move the keys in a .env file into the vault"
        >
          Import a .env file…
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label="Settings"
          title="Settings"
          onClick={() => showSection('settings')}
        >
          <Icon name="gear" />
        </button>
        <button type="button" className="secondary" onClick={onLock} title={`Lock (${shortcutLabel('L')})`}>
          <Icon name="lock" />
          Lock
        </button>
      </div>
    </header>
  );
}
