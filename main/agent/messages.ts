import { z } from 'zod';
import type { Result } from '../../contract/errors.ts';

/**
 * What a client may send the agent. The first message is `hello` with the token; then calls,
 * each answered by id. A call's input is validated afterwards by the router, exactly as an IPC
 * call's is; this schema only checks the envelope. Anything else drops the connection.
 */
const text = (max: number) => z.string().max(max);

/** Who is asking, as the client describes itself: shown in the approval prompt, never trusted for access. */
export const clientInfo = z
  .object({
    pid: z.int().min(0),
    /** `keyward list`, `keyward run -- npm test`: shortened by the client. */
    command: text(400),
    cwd: text(1000),
    /** The parent process's name (the shell, an editor, a script runner), or '' when unknown. */
    parent: text(200),
    /** Which terminal: its tty device, else the parent's pid. "Allow for this terminal" means this. */
    terminal: text(200),
  })
  .strict();
export type ClientInfo = z.infer<typeof clientInfo>;

export const clientMessage = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('hello'), token: text(200), client: clientInfo }).strict(),
  z.object({ kind: z.literal('call'), id: z.int().min(0), channel: text(100), input: z.unknown().optional() }).strict(),
  z.object({ kind: z.literal('stop'), id: z.int().min(0) }).strict(),
]);
export type ClientMessage = z.infer<typeof clientMessage>;

export type AgentSource = 'app' | 'agent';

export type ServerMessage =
  | { kind: 'welcome'; source: AgentSource; locksAt: string | null }
  | { kind: 'result'; id: number; result: Result<unknown> }
  /** The call waits for the user's answer in the app: the CLI says so on a terminal. */
  | { kind: 'asking'; id: number }
  /** Sent before the server closes a connection it will not serve: wrong token, too many clients. */
  | { kind: 'refused'; message: string };
