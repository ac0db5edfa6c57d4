import { readFileSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { KeywardError, type Result } from '../../contract/errors.ts';
import type { Api } from '../../contract/index.ts';
import type { AgentEndpoint } from './endpoint.ts';
import { encodeFrame, FrameReader, MAX_ANSWER_BYTES, MAX_REQUEST_BYTES } from './frames.ts';
import type { AgentSource, ClientInfo, ServerMessage } from './messages.ts';

/**
 * The CLI's side of the agent. Kept to Node built-ins and the frame codec: every CLI run loads
 * it, and the point of the agent is a fast start.
 */
export interface AgentSession {
  source: AgentSource;
  locksAt: string | null;
  call(channel: string, input: unknown): Promise<Result<unknown>>;
  /** Asks the server to lock the vault (and so to stop). */
  stop(): Promise<void>;
  close(): void;
}

/**
 * Connects and says hello. Resolves with null when no agent serves this vault (no token, no
 * socket, a stale socket, a refusal), so the caller falls back to the master password.
 */
export async function connectAgent(
  endpoint: AgentEndpoint,
  client: ClientInfo,
  options: { timeoutMs?: number; onAsking?: () => void } = {},
): Promise<AgentSession | null> {
  const timeoutMs = options.timeoutMs ?? 3_000;
  let token: string;
  try {
    token = readFileSync(endpoint.tokenFile, 'utf8').trim();
  } catch {
    return null;
  }
  const socket = await new Promise<Socket | null>((resolve) => {
    const attempt = createConnection(endpoint.socket);
    const timer = setTimeout(() => {
      attempt.destroy();
      resolve(null);
    }, timeoutMs);
    attempt.once('connect', () => {
      clearTimeout(timer);
      resolve(attempt);
    });
    attempt.once('error', () => {
      clearTimeout(timer);
      resolve(null);
    });
  });
  if (!socket) return null;
  return new Promise((resolve) => {
    const reader = new FrameReader(MAX_ANSWER_BYTES);
    const waiting = new Map<number, (result: Result<unknown>) => void>();
    let nextId = 1;
    let session: AgentSession | null = null;
    const timer = setTimeout(() => finish(null), timeoutMs);
    let closed = false;
    // The vault locked (or the app quit) while the command ran.
    const gone = () =>
      new KeywardError('Locked', 'The vault was locked while the command ran; nothing more was done.').toPayload();

    const finish = (value: AgentSession | null) => {
      clearTimeout(timer);
      if (!value) socket.destroy();
      resolve(value);
    };
    const send = (message: unknown) => socket.write(encodeFrame(message, MAX_REQUEST_BYTES));
    const request = (message: { kind: 'call'; channel: string; input: unknown } | { kind: 'stop' }) =>
      new Promise<Result<unknown>>((done) => {
        const id = nextId++;
        let frame: Buffer;
        try {
          frame = encodeFrame({ ...message, id }, MAX_REQUEST_BYTES);
        } catch {
          return done({
            ok: false,
            error: { code: 'Invalid', message: 'The request is too large for the agent; run the command with --no-agent.' },
          });
        }
        if (closed) return done({ ok: false, error: gone() });
        waiting.set(id, done);
        socket.write(frame);
      });

    socket.on('data', (chunk: Buffer) => {
      let messages: unknown[];
      try {
        messages = reader.push(chunk);
      } catch {
        socket.destroy();
        return;
      }
      for (const message of messages as ServerMessage[]) {
        if (message.kind === 'welcome' && !session) {
          session = {
            source: message.source,
            locksAt: message.locksAt,
            call: (channel, input) => request({ kind: 'call', channel, input }),
            stop: async () => {
              await request({ kind: 'stop' });
            },
            close: () => socket.end(),
          };
          finish(session);
        } else if (message.kind === 'result') {
          waiting.get(message.id)?.(message.result);
          waiting.delete(message.id);
        } else if (message.kind === 'asking') {
          options.onAsking?.();
        } else if (message.kind === 'refused') {
          finish(null);
        }
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      closed = true;
      if (!session) return finish(null);
      for (const done of waiting.values()) done({ ok: false, error: gone() });
      waiting.clear();
    });
    send({ kind: 'hello', token, client });
  });
}

/**
 * The typed API over an agent session: `api.keys.list(input)` becomes the call `keys.list`.
 * Built by name rather than from the contract's channel list, so an agent-served command does
 * not load every schema just to call one method; the server validates each call anyway.
 */
export function agentApi(session: AgentSession): Api {
  const slice = (name: string) =>
    new Proxy(
      {},
      {
        get: (_target, method) =>
          typeof method === 'string'
            ? async (input?: unknown) => {
                const result = await session.call(`${name}.${method}`, input);
                if (!result.ok) throw KeywardError.fromPayload(result.error);
                return result.value;
              }
            : undefined,
      },
    );
  return new Proxy({}, { get: (_target, name) => (typeof name === 'string' ? slice(name) : undefined) }) as Api;
}
