import { useEffect } from 'react';
import { api, onEvent } from './api.ts';
import { CreateVault } from './features/vault/CreateVault.tsx';
import { Unlock } from './features/vault/Unlock.tsx';
import { KeyList } from './features/keys/KeyList.tsx';
import { useSession } from './stores/session.ts';

export function App() {
  const status = useSession((s) => s.status);
  const setStatus = useSession((s) => s.setStatus);

  useEffect(() => {
    void api.vault.status().then(setStatus);
    // Any lock from main (idle, suspend, quit, tray) returns to the unlock screen.
    return onEvent('locked', () => void api.vault.status().then(setStatus));
  }, [setStatus]);

  if (!status) return null;
  switch (status.state) {
    case 'uninitialized':
      return <CreateVault />;
    case 'locked':
      return <Unlock />;
    case 'unlocked':
      return <KeyList />;
  }
}
