import { z } from 'zod';
import { event, method } from './define.ts';

/** The user's answers to "a terminal asks to use the vault". */
export const approvalAnswers = ['allow-terminal', 'allow-once', 'deny'] as const;
export type ApprovalAnswer = (typeof approvalAnswers)[number];

/** What the app shows when a `keyward` process asks the unlocked app. Self-reported by the CLI. */
export interface AgentApprovalRequest {
  id: string;
  /** `keyward list`, `keyward run -- npm test`. */
  command: string;
  cwd: string;
  /** The parent process's name, '' when unknown. */
  parent: string;
  /** The contract method asked for, e.g. `keys.reveal`. */
  channel: string;
  /** The call returns a key in full: it is asked every time, and "for this terminal" is not offered. */
  secret: boolean;
}

export const agentContract = {
  /** Answers an approval prompt. Served to the window only: the agent never serves it (a client must not approve itself). */
  answer: method(z.object({ id: z.string().min(1).max(100), answer: z.enum(approvalAnswers) }).strict()).returns<{
    answered: boolean;
  }>(),
};

export const agentEvents = {
  agentApproval: event<AgentApprovalRequest>(),
  /** The prompt was answered, timed out or the vault locked: the window takes it down. */
  agentApprovalSettled: event<{ id: string }>(),
};
