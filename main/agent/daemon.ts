import { isKeywardError } from '../../contract/errors.ts';
import { createHandlers } from '../handlers.ts';
import { createRouter } from '../router.ts';
import { createServices } from '../services.ts';
import { agentEndpoint } from './endpoint.ts';
import { hostAgentWhileUnlocked } from './host.ts';

export interface ServeOptions {
  dataDir: string;
  password: string;
  /** The leak scan's worker script, found as the CLI finds it (main/cli/context.ts scanWorker). */
  scanWorker: URL;
  /** How long the vault stays unlocked. */
  ttlMs: number;
  /** The one line `agent start` waits for: ready, or why not. */
  report: (line: object) => void;
}

/**
 * `keyward agent serve`: unlocks with the password it was handed, serves the agent without
 * asking (the user unlocked it in their terminal), and exits when the vault locks: at the TTL,
 * on `keyward agent stop`, or on a termination signal.
 */
export async function serveAgent(options: ServeOptions): Promise<void> {
  const services = createServices({ dataDir: options.dataDir, scanWorker: options.scanWorker });
  let locksAt = '';
  const call = createRouter(createHandlers(services));
  const host = hostAgentWhileUnlocked(services, {
    endpoint: agentEndpoint(options.dataDir),
    call,
    source: 'agent',
    approval: null,
    locksAt: () => locksAt,
  });
  let ttl: ReturnType<typeof setTimeout> | undefined;
  const exited = new Promise<void>((resolve) => {
    services.vault.onLock(() => {
      clearTimeout(ttl);
      void host.stop().finally(resolve);
    });
  });
  const onSignal = () => (services.vault.isUnlocked() ? services.vault.lock('quit') : process.exit(0));
  const signals = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;
  for (const signal of signals) process.on(signal, onSignal);
  void exited.then(() => signals.forEach((signal) => process.off(signal, onSignal)));
  try {
    await services.vault.unlock(options.password, 'cli');
    // The TTL counts from the unlock, not from the start of a slow key derivation.
    ttl = setTimeout(() => services.vault.lock('idle'), options.ttlMs);
    locksAt = new Date(Date.now() + options.ttlMs).toISOString();
  } catch (error) {
    signals.forEach((signal) => process.off(signal, onSignal));
    options.report(
      isKeywardError(error)
        ? { ok: false, code: error.code, message: error.message }
        : { ok: false, code: 'Internal', message: 'The agent could not unlock the vault.' },
    );
    return;
  }
  // Started only once the socket listens, so `agent start` returns when commands can use it.
  if (!(await host.settled())) {
    services.vault.lock('quit');
    await exited;
    options.report({ ok: false, code: 'AlreadyExists', message: 'Another agent (or the app) already serves this vault.' });
    return;
  }
  options.report({ ok: true, locksAt });
  await exited;
}
