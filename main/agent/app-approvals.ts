import type { AgentApprovalRequest, ApprovalAnswer } from '../../contract/agent.ts';
import type { EventBus } from '../events.ts';
import type { Timers } from '../timers.ts';
import type { ApprovalPort, ApprovalRequest } from './approval.ts';

/** An unanswered prompt is a no after this long, so a CLI never waits forever on an empty desk. */
export const APPROVAL_TIMEOUT_MS = 2 * 60_000;
/** More open questions than a person answers: a process flooding the window is denied outright. */
export const MAX_OPEN_QUESTIONS = 8;

/**
 * The app's side of the approval port: each question goes to the window as an `agentApproval`
 * event (and to `onAsk`, which shows an OS notification while the window is hidden); the
 * window's `agent.answer` call settles it. A lock denies every open question.
 */
export class AppApprovals implements ApprovalPort {
  readonly #events: EventBus;
  readonly #timers: Timers;
  readonly #pending = new Map<string, { settle: (answer: ApprovalAnswer) => void }>();
  #onAsk: (request: AgentApprovalRequest) => void = () => {};

  constructor(events: EventBus, timers: Timers) {
    this.#events = events;
    this.#timers = timers;
  }

  /** Called for every new question, after the window was told (the app notifies when hidden). */
  onAsk(listener: (request: AgentApprovalRequest) => void): void {
    this.#onAsk = listener;
  }

  ask(request: ApprovalRequest): Promise<ApprovalAnswer> {
    if (this.#pending.size >= MAX_OPEN_QUESTIONS) return Promise.resolve('deny');
    return new Promise((resolve) => {
      const shown: AgentApprovalRequest = {
        id: request.id,
        ...pick(request.client),
        channel: request.channel,
        secret: request.secret,
      };
      const timer = this.#timers.setTimeout(() => this.answer(request.id, 'deny'), APPROVAL_TIMEOUT_MS);
      this.#pending.set(request.id, {
        settle: (answer) => {
          this.#timers.clearTimeout(timer);
          this.#pending.delete(request.id);
          this.#events.emit('agentApprovalSettled', { id: request.id });
          resolve(answer);
        },
      });
      this.#events.emit('agentApproval', shown);
      this.#onAsk(shown);
    });
  }

  /** The window's answer. False when the question is gone (answered, timed out, locked). */
  answer(id: string, answer: ApprovalAnswer): boolean {
    const pending = this.#pending.get(id);
    if (!pending) return false;
    // "For this terminal" is not offered for a secret; the rules in approval.ts treat it as once.
    pending.settle(answer);
    return true;
  }

  denyAll(): void {
    for (const id of [...this.#pending.keys()]) this.answer(id, 'deny');
  }
}

function pick(client: ApprovalRequest['client']): Pick<AgentApprovalRequest, 'command' | 'cwd' | 'parent'> {
  return { command: client.command, cwd: client.cwd, parent: client.parent };
}
