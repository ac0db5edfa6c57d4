import { useEffect, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Icon } from '../../components/Icon.tsx';
import { hasShortcutModifier } from '../../lib/keyboard.ts';
import { useKeys } from '../../stores/keys.ts';
import { useAttention } from '../../stores/attention.ts';
import { useHealth } from '../../stores/health.ts';
import { useSettings } from '../../stores/settings.ts';
import { useUi } from '../../stores/ui.ts';
import { CopyNotice } from '../clipboard/CopyNotice.tsx';
import { QuickCopy } from '../keys/QuickCopy.tsx';
import { focusKeyList } from '../keys/row-keys.ts';
import { TrashNotice } from '../trash/TrashNotice.tsx';
import { Header } from './Header.tsx';
import { sections } from './sections.tsx';

/** The unlocked app: header, navigation, the current section, and the shortcuts that work everywhere. */
export function AppShell({ onLock }: { onLock: () => void }) {
  const intl = useIntl();
  const section = useUi((s) => s.section);
  const showSection = useUi((s) => s.showSection);
  const dialog = useUi((s) => s.dialog);
  const open = useUi((s) => s.open);
  const reload = useKeys((s) => s.reload);
  const loadSettings = useSettings((s) => s.load);
  const loadAttention = useAttention((s) => s.load);
  const loadHealth = useHealth((s) => s.load);
  const [focusSearch, setFocusSearch] = useState(0);

  useEffect(() => {
    void reload();
    void loadSettings();
    void loadAttention();
    void loadHealth();
  }, [reload, loadSettings, loadAttention, loadHealth]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!hasShortcutModifier(event) || event.altKey || event.shiftKey) return;
      const key = event.key.toLowerCase();
      if (key === 'l') {
        event.preventDefault();
        onLock();
      } else if (key === 'k') {
        event.preventDefault();
        open({ kind: 'palette' });
      } else if (key === 'f') {
        event.preventDefault();
        setFocusSearch((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onLock, open]);

  const current = sections.find((s) => s.id === section) ?? sections[0]!;
  return (
    <div className="shell">
      {/* Past the header and the navigation, straight to the first key (or the last one used). */}
      <a
        className="skip-link"
        href="#keys-heading"
        onClick={(event) => {
          event.preventDefault();
          showSection('keys');
          requestAnimationFrame(() => focusKeyList());
        }}
      >
        <FormattedMessage id="shell.skipToKeys" defaultMessage="Skip to the keys" />
      </a>
      <Header onLock={onLock} focusSearch={focusSearch} />
      <nav className="app-nav" aria-label={intl.formatMessage({ id: 'shell.nav.label', defaultMessage: 'Sections' })}>
        <ul>
          {sections.map((s) => (
            <li key={s.id}>
              <button
                type="button"
                className={s.id === current.id ? 'nav-item active' : 'nav-item'}
                aria-current={s.id === current.id ? 'page' : undefined}
                onClick={() => showSection(s.id)}
              >
                <Icon name={s.icon} />
                {intl.formatMessage(s.label)}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <main className="app-main" aria-label={intl.formatMessage(current.label)}>
        <current.View />
      </main>
      {dialog?.kind === 'palette' && <QuickCopy />}
      <CopyNotice />
      <TrashNotice />
    </div>
  );
}
