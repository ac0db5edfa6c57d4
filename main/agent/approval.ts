import type { ApprovalAnswer } from '../../contract/agent.ts';
import type { ClientInfo } from './messages.ts';

/**
 * Which contract methods the agent serves, and which ask the user first. Decided per channel,
 * here and nowhere else:
 * - `not-served`: what needs the master password or answers an approval (a client must never
 *   approve itself): the CLI does these with the password, as before.
 * - `always-ask`: what returns a secret. Every call asks in the app, even in an allowed terminal.
 *   A new secret-returning method is added to SECRET_CHANNELS; a method the renderer may not call
 *   is still served here only if listed in neither set below.
 * - `free`: what reveals nothing and changes nothing but the lock: no prompt.
 * - `per-terminal`: everything else. The first call from a terminal asks; "Allow for this
 *   terminal" covers the rest until the vault locks.
 */
export type MethodClass = 'not-served' | 'always-ask' | 'free' | 'per-terminal';

export const SECRET_CHANNELS: ReadonlySet<string> = new Set(['keys.reveal', 'keys.revealHistory']);
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
  if (SECRET_CHANNELS.has(channel)) return 'always-ask';
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

/** Terminals allowed until the vault locks. A lock ends the server, and this state with it. */
export interface Grants {
  readonly terminals: ReadonlySet<string>;
}

export const noGrants: Grants = { terminals: new Set() };

export type Verdict = 'allow' | 'ask' | 'refuse';

/** Whether a call may go ahead now, must ask first, or is not served at all. */
export function verdictFor(grants: Grants, methodClass: MethodClass, terminal: string): Verdict {
  switch (methodClass) {
    case 'not-served':
      return 'refuse';
    case 'free':
      return 'allow';
    case 'always-ask':
      return 'ask';
    case 'per-terminal':
      return grants.terminals.has(terminal) ? 'allow' : 'ask';
  }
}

/** The user's answer applied: whether this call goes ahead, and the grants from now on. */
export function afterAnswer(grants: Grants, answer: ApprovalAnswer, methodClass: MethodClass, terminal: string): { allowed: boolean; grants: Grants } {
  if (answer === 'deny') return { allowed: false, grants };
  // A secret is allowed one call at a time: "for this terminal" does not extend to the next reveal.
  if (answer === 'allow-terminal' && methodClass === 'per-terminal') {
    return { allowed: true, grants: { terminals: new Set([...grants.terminals, terminal]) } };
  }
  return { allowed: true, grants };
}

/**
 * The approval state of one server: applies the rules above, asks through the port, and makes
 * concurrent first calls from one terminal share one prompt instead of stacking a dozen.
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

  async admit(client: ClientInfo, channel: string): Promise<boolean> {
    const methodClass = classify(channel);
    const verdict = verdictFor(this.#grants, methodClass, client.terminal);
    if (verdict !== 'ask') return verdict === 'allow';
    if (methodClass === 'per-terminal') {
      const pending = this.#pending.get(client.terminal);
      if (pending) return pending;
      const asked = this.#ask(client, channel, methodClass).finally(() => this.#pending.delete(client.terminal));
      this.#pending.set(client.terminal, asked);
      return asked;
    }
    return this.#ask(client, channel, methodClass);
  }

  async #ask(client: ClientInfo, channel: string, methodClass: MethodClass): Promise<boolean> {
    const answer = await this.#port.ask({ id: this.#newId(), client, channel, secret: methodClass === 'always-ask' });
    const next = afterAnswer(this.#grants, answer, methodClass, client.terminal);
    this.#grants = next.grants;
    return next.allowed;
  }
}
