import { useCallback, useEffect } from 'react';
import { api, onEvent } from './api.ts';
import { CreateVault } from './features/vault/CreateVault.tsx';
import { Unlock } from './features/vault/Unlock.tsx';
import { AppShell } from './features/shell/AppShell.tsx';
import { useTheme } from './lib/use-theme.ts';
import { useClipboard } from './stores/clipboard.ts';
import { resetAllStores } from './stores/registry.ts';
import { useSession } from './stores/session.ts';
import { useSettings } from './stores/settings.ts';

export function App() {
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.setStatus);
  useTheme();

  /** Every way the vault locks ends here: stores emptied, then the unlock screen. */
  const showLocked = useCallback(async () => {
    resetAllStores();
    setStatus(await api.vault.status());
  }, [setStatus]);

  const lock = useCallback(() => {
    resetAllStores();
    void api.vault.lock().then(setStatus);
  }, [setStatus]);

  useEffect(() => {
    void api.vault.status().then(setStatus);
    const subscriptions = [
      // Any lock from main (idle, suspend, quit, tray, another door) returns to the unlock screen.
      onEvent('locked', () => void showLocked()),
      onEvent('unlocked', () => void api.vault.status().then(setStatus)),
      onEvent('copied', (receipt) => useClipboard.getState().copied(receipt)),
      onEvent('clipboardCleared', ({ keyId, cleared }) => useClipboard.getState().cleared(keyId, cleared)),
      onEvent('settingsChanged', (settings) => useSettings.getState().apply(settings)),
    ];
    return () => subscriptions.forEach((unsubscribe) => unsubscribe());
  }, [setStatus, showLocked]);

  if (!status) return null;
  switch (status.state) {
    case 'uninitialized':
      return <CreateVault />;
    case 'locked':
      return <Unlock />;
    case 'unlocked':
      return <AppShell onLock={lock} />;
  }
}
