import type { ApprovalAnswer } from '../../contract/agent.ts';
import type { ClientInfo } from './messages.ts';

/**
 * Which contract methods the agent serves, and which ask the user first. Decided per channel,
 * here and nowhere else:
 * - `not-served`: what needs the master password or answers an approval (a client must never
 *   approve itself): the CLI does these with the password, as before.
 * - `always-ask`: what shows the user a key (reveal, history reveal, a copy to the app's
 *   clipboard). Every call asks in the app, even in an allowed terminal.
 * - `free`: what reveals nothing and changes nothing but the lock: no prompt.
 * - `per-terminal`: everything else. The first call from a terminal asks; "Allow for this
 *   terminal" covers the rest until the vault locks. A method that hands keys to a process the
 *   user started (resolving `keyward://` references for `keyward run`) belongs here on purpose:
 *   asking at every run would defeat the point of the agent, and the prompt names the command.
 *   A method closed to the window's IPC door is still served here unless listed as not served.
 */
export type MethodClass = 'not-served' | 'always-ask' | 'free' | 'per-terminal';

/** Methods that show a key: in the answer, or on the app's clipboard where the caller can read it. */
export const ALWAYS_ASK_CHANNELS: ReadonlySet<string> = new Set(['keys.reveal', 'keys.revealHistory', 'clipboard.copyKey']);
const NOT_SERVED: ReadonlySet<string> = new Set([
  'vault.create',
  'vault.unlock',
  'vault.changePassword',
  'backups.restore',
  'backups.recover',
  'agent.answer',
]);
const FREE: ReadonlySet<string> = new Set(['vault.status', 'vault.lock']);

export function classify(channel: string): MethodClass {
  if (NOT_SERVED.has(channel)) return 'not-served';
  if (ALWAYS_ASK_CHANNELS.has(channel)) return 'always-ask';
  if (FREE.has(channel)) return 'free';
  return 'per-terminal';
}

/** What the prompt shows. `secret` says the call returns a key in full. */
export interface ApprovalRequest {
  id: string;
  client: ClientInfo;
  channel: string;
  secret: boolean;
}

/** Asks the user; resolves with their answer, or 'deny' when nobody answers in time. */
export interface ApprovalPort {
  ask(request: ApprovalRequest): Promise<ApprovalAnswer>;
}

/**
 * What was allowed: terminals until the vault locks, and single connections (one command's run:
 * "Allow once" covers the few calls one `keyward rm` makes, not the next command). A lock ends
 * the server, and this state with it.
 */
export interface Grants {
  readonly terminals: ReadonlySet<string>;
  readonly connections: ReadonlySet<string>;
}

export const noGrants: Grants = { terminals: new Set(), connections: new Set() };

/** Who is calling: the process's own description, and which of the server's connections it is. */
export interface Caller {
  terminal: string;
  connection: string;
}

export type Verdict = 'allow' | 'ask' | 'refuse';

/** Whether a call may go ahead now, must ask first, or is not served at all. */
export function verdictFor(grants: Grants, methodClass: MethodClass, caller: Caller): Verdict {
  switch (methodClass) {
    case 'not-served':
      return 'refuse';
    case 'free':
      return 'allow';
    case 'always-ask':
      return 'ask';
    case 'per-terminal':
      return grants.terminals.has(caller.terminal) || grants.connections.has(caller.connection) ? 'allow' : 'ask';
  }
}

/** The user's answer applied: whether this call goes ahead, and the grants from now on. */
export function afterAnswer(
  grants: Grants,
  answer: ApprovalAnswer,
  methodClass: MethodClass,
  caller: Caller,
): { allowed: boolean; grants: Grants } {
  // A secret is allowed one call at a time: no answer extends to the next reveal.
  if (answer === 'deny' || methodClass !== 'per-terminal') return { allowed: answer !== 'deny', grants };
  if (answer === 'allow-terminal')
    return { allowed: true, grants: { ...grants, terminals: new Set([...grants.terminals, caller.terminal]) } };
  return { allowed: true, grants: { ...grants, connections: new Set([...grants.connections, caller.connection]) } };
}

/** A connection closed: its "Allow once" ends with it. */
export function forgetConnection(grants: Grants, connection: string): Grants {
  if (!grants.connections.has(connection)) return grants;
  const connections = new Set(grants.connections);
  connections.delete(connection);
  return { ...grants, connections };
}

/**
 * The approval state of one server: applies the rules above and asks through the port. A
 * connection asks one question at a time (its calls run in order anyway).
 */
export class ApprovalGate {
  readonly #port: ApprovalPort;
  readonly #newId: () => string;
  #grants: Grants = noGrants;
  readonly #pending = new Map<string, Promise<boolean>>();

  constructor(port: ApprovalPort, newId: () => string) {
    this.#port = port;
    this.#newId = newId;
  }

  /** Whether the call may go ahead; `asking` is told when the user is about to be asked. */
  async admit(client: ClientInfo, connection: string, channel: string, asking: () => void = () => {}): Promise<boolean> {
    const methodClass = classify(channel);
    const caller = { terminal: client.terminal, connection };
    const verdict = verdictFor(this.#grants, methodClass, caller);
    if (verdict !== 'ask') return verdict === 'allow';
    if (methodClass === 'per-terminal') {
      const pending = this.#pending.get(connection);
      if (pending) return pending;
      asking();
      const asked = this.#ask(client, caller, channel, methodClass).finally(() => this.#pending.delete(connection));
      this.#pending.set(connection, asked);
      return asked;
    }
    asking();
    return this.#ask(client, caller, channel, methodClass);
  }

  forget(connection: string): void {
    this.#grants = forgetConnection(this.#grants, connection);
  }

  async #ask(client: ClientInfo, caller: Caller, channel: string, methodClass: MethodClass): Promise<boolean> {
    const answer = await this.#port.ask({ id: this.#newId(), client, channel, secret: methodClass === 'always-ask' });
    const next = afterAnswer(this.#grants, answer, methodClass, caller);
    this.#grants = next.grants;
    return next.allowed;
  }
}
