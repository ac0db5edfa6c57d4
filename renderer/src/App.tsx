import { useCallback, useEffect } from 'react';
import { api, onEvent } from './api.ts';
import { CreateVault } from './features/vault/CreateVault.tsx';
import { Unlock } from './features/vault/Unlock.tsx';
import { AppShell } from './features/shell/AppShell.tsx';
import { ApprovalPrompt } from './features/agent/ApprovalPrompt.tsx';
import { useTheme } from './lib/use-theme.ts';
import { useClipboard } from './stores/clipboard.ts';
import { resetAllStores } from './stores/registry.ts';
import { useSession } from './stores/session.ts';
import { useSettings } from './stores/settings.ts';
import { useAttention } from './stores/attention.ts';
import { useHealth } from './stores/health.ts';
import { useKeys } from './stores/keys.ts';
import { useUi } from './stores/ui.ts';

/** Opens a key's details from outside the window (tray, notification): search cleared first, so it is listed. */
async function showKey(id: string): Promise<void> {
  if (useSession.getState().status?.state !== 'unlocked') return;
  useUi.getState().showSection('keys');
  useKeys.getState().setSearch('');
  try {
    await useKeys.getState().reload();
  } catch {
    return; // locked meanwhile: the unlock screen is what the user sees
  }
  if (useKeys.getState().keys.some((key) => key.id === id)) useUi.getState().open({ kind: 'edit', id });
}

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
      onEvent('attentionChanged', (items) => useAttention.getState().apply(items)),
      // Health follows every change to keys (and a weekly check's verdicts), from any door.
      onEvent(
        'keysChanged',
        () =>
          void useHealth
            .getState()
            .load()
            .catch(() => {}),
      ),
      // A tray item or a notification asks for a key: show it, whatever the search was.
      onEvent('showKey', ({ id }) => void showKey(id)),
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
      return (
        <>
          <AppShell onLock={lock} />
          <ApprovalPrompt />
        </>
      );
  }
}
