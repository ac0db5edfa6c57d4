import type { Call } from '../router.ts';
import type { Services } from '../services.ts';
import type { ApprovalPort } from './approval.ts';
import type { AgentEndpoint } from './endpoint.ts';
import { AgentRunningError, startAgentServer, type AgentServer, type AgentServerOptions } from './server.ts';

export interface HostOptions {
  endpoint: AgentEndpoint;
  call: Call;
  source: AgentServerOptions['source'];
  approval: ApprovalPort | null;
  locksAt?: () => string | null;
  log?: (line: string) => void;
  maxClients?: number;
}

/**
 * Serves the agent exactly while the vault is unlocked: the server starts at each unlock and is
 * closed at every lock, whatever locked it (Lock now, the tray, idle, suspend, screen lock, the
 * TTL, quit), so no client reaches a locked vault or outlives the session it was allowed in.
 */
export function hostAgentWhileUnlocked(
  services: Pick<Services, 'events' | 'vault'>,
  options: HostOptions,
): { stop: () => Promise<void>; current: () => AgentServer | null; settled: () => Promise<AgentServer | null> } {
  const log = options.log ?? (() => {});
  let server: AgentServer | null = null;
  // Start and close are asynchronous; chaining them keeps a quick lock-unlock-lock in order.
  let chain: Promise<void> = Promise.resolve();
  const open = () =>
    startAgentServer({
      endpoint: options.endpoint,
      call: options.call,
      source: options.source,
      approval: options.approval,
      locksAt: options.locksAt ?? (() => null),
      lock: () => services.vault.lock('manual'),
      log,
      maxClients: options.maxClients,
    }).then(
      (started) => {
        if (services.vault.isUnlocked()) server = started;
        else void started.close();
      },
      (error: unknown) =>
        log(
          error instanceof AgentRunningError
            ? 'not serving: another agent serves this vault'
            : `not serving: ${error instanceof Error ? error.name : 'failure'}`,
        ),
    );
  const close = async () => {
    const closing = server;
    server = null;
    await closing?.close();
  };
  const unsubscribe = services.events.subscribe((name) => {
    if (name === 'unlocked') chain = chain.then(close).then(open);
    if (name === 'locked') chain = chain.then(close);
  });
  if (services.vault.isUnlocked()) chain = chain.then(open);
  return {
    current: () => server,
    /** The server once pending starts and closes are done: null when none serves. */
    settled: () => chain.then(() => server),
    stop: async () => {
      unsubscribe();
      chain = chain.then(close);
      await chain;
    },
  };
}
