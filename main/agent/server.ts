import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import type { ErrorPayload, Result } from '../../contract/errors.ts';
import type { Call } from '../router.ts';
import { ApprovalGate, classify, type ApprovalPort } from './approval.ts';
import { prepareEndpointDir, type AgentEndpoint } from './endpoint.ts';
import { encodeFrame, FrameError, FrameReader, MAX_ANSWER_BYTES, MAX_REQUEST_BYTES } from './frames.ts';
import { clientMessage, type AgentSource, type ClientInfo, type ServerMessage } from './messages.ts';

export interface AgentServerOptions {
  endpoint: AgentEndpoint;
  /** The same router the app's IPC door calls. */
  call: Call;
  source: AgentSource;
  /** When the vault will lock by itself (the agent's TTL), or null when that is not known ahead. */
  locksAt: () => string | null;
  /** The app asks the user; the agent started from a terminal does not (null). */
  approval: ApprovalPort | null;
  /** `keyward agent stop`: lock the vault, which closes this server. */
  lock: () => void;
  maxClients?: number;
  /** The largest request accepted (default MAX_REQUEST_BYTES). */
  maxFrameBytes?: number;
  /** A client that has not said hello by then is dropped. */
  helloTimeoutMs?: number;
  /** Answer bytes a client may leave unread before it is dropped (beyond the answer being sent). */
  maxUnreadBytes?: number;
  /** Connection-level events, for the app's log: never a token, an input or a result. */
  log?: (line: string) => void;
}

export interface AgentServer {
  readonly endpoint: AgentEndpoint;
  clients(): number;
  /** Stops listening, drops every client, removes the socket and the token. */
  close(): Promise<void>;
}

export const DEFAULT_MAX_CLIENTS = 128;
/** Unanswered calls one connection may have before it is dropped: a client waits for its answers. */
const MAX_CALLS_IN_FLIGHT = 32;

/**
 * The agent: serves the contract's router to local CLI processes over a Unix socket (a named
 * pipe on Windows). Each connection presents the token, then sends calls one frame each; every
 * call goes through the router, which validates its input exactly as for IPC. A connection that
 * sends garbage, too much, too slowly or one too many is dropped; nothing it does blocks the
 * event loop for long: reading is chunked, and a connection may have only so many calls unanswered.
 */
export async function startAgentServer(options: AgentServerOptions): Promise<AgentServer> {
  const { endpoint } = options;
  const maxClients = options.maxClients ?? DEFAULT_MAX_CLIENTS;
  const log = options.log ?? (() => {});
  prepareEndpointDir(endpoint);
  await claimSocket(endpoint.socket);
  const token = randomBytes(32);
  const gate = options.approval ? new ApprovalGate(options.approval, randomUUID) : null;
  const sockets = new Set<Socket>();
  let nextConnection = 1;

  const server = createServer({ allowHalfOpen: false }, (socket) => {
    if (sockets.size >= maxClients) {
      socket.on('error', () => socket.destroy());
      socket.end(
        encodeFrame(
          { kind: 'refused', message: 'The Keyward agent is serving too many clients; try again.' } satisfies ServerMessage,
          MAX_ANSWER_BYTES,
        ),
      );
      setTimeout(() => socket.destroy(), 1_000).unref();
      log('refused a client: too many connections');
      return;
    }
    sockets.add(socket);
    const connection = String(nextConnection++);
    socket.on('close', () => {
      sockets.delete(socket);
      gate?.forget(connection);
    });
    serveConnection(socket, connection, { ...options, token, gate, log });
  });
  server.maxConnections = maxClients * 2;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(endpoint.socket, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // After listening, an error (out of file descriptors) costs a client, never the app.
  server.on('error', (error) => log(`server error: ${error.name}`));
  // The directory is already 0700; the socket itself is closed to others too, for a reader who checks.
  if (process.platform !== 'win32') chmodSync(endpoint.socket, 0o600);
  writeToken(endpoint.tokenFile, token);
  log(`listening (${options.source})`);

  let closing: Promise<void> | null = null;
  return {
    endpoint,
    clients: () => sockets.size,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
        rmSync(endpoint.tokenFile, { force: true });
        token.fill(0);
        log('closed');
      });
      return closing;
    },
  };
}

interface ConnectionOptions extends AgentServerOptions {
  token: Buffer;
  gate: ApprovalGate | null;
  log: (line: string) => void;
}

function serveConnection(socket: Socket, connection: string, options: ConnectionOptions): void {
  const reader = new FrameReader(options.maxFrameBytes ?? MAX_REQUEST_BYTES);
  const maxUnread = options.maxUnreadBytes ?? 16 * 1024 * 1024;
  let client: ClientInfo | null = null;
  let inFlight = 0;

  const drop = (why: string) => {
    options.log(`dropped a client: ${why}`);
    socket.destroy();
  };
  const send = (message: ServerMessage) => {
    if (socket.destroyed) return;
    // A client that does not read its answers cannot make the server hold them without end.
    if (socket.writableLength > maxUnread) return drop('it does not read its answers');
    let frame: Buffer;
    try {
      frame = encodeFrame(message, MAX_ANSWER_BYTES);
    } catch (error) {
      if (!(error instanceof FrameError) || message.kind !== 'result') throw error;
      frame = encodeFrame(
        {
          kind: 'result',
          id: message.id,
          result: refusal({
            code: 'Invalid',
            message: 'The answer is too large for the agent; run the command with --no-agent.',
          }),
        },
        MAX_ANSWER_BYTES,
      );
    }
    socket.write(frame);
  };
  const helloTimer = setTimeout(() => drop('no hello in time'), options.helloTimeoutMs ?? 5_000);
  socket.on('close', () => clearTimeout(helloTimer));
  socket.on('error', () => socket.destroy());

  // Calls run as they come (a scan's progress is read while its wait is pending); answers carry their id.
  const run = async (message: { kind: 'call'; id: number; channel: string; input?: unknown } | { kind: 'stop'; id: number }) => {
    inFlight++;
    try {
      if (message.kind === 'stop') {
        send({ kind: 'result', id: message.id, result: { ok: true, value: { stopped: true } } });
        options.lock();
        return;
      }
      const asking = () => send({ kind: 'asking', id: message.id });
      send({
        kind: 'result',
        id: message.id,
        result: await answer(message.channel, message.input, client!, connection, asking, options),
      });
    } catch {
      // The router turns every failure into a Result; anything else here ends this client only.
      drop('an unexpected failure');
    } finally {
      inFlight--;
    }
  };

  socket.on('data', (chunk: Buffer) => {
    let messages: unknown[];
    try {
      messages = reader.push(chunk);
    } catch {
      return drop('a malformed frame');
    }
    for (const raw of messages) {
      const parsed = clientMessage.safeParse(raw);
      if (!parsed.success) return drop('a message outside the protocol');
      const message = parsed.data;
      if (client === null) {
        if (message.kind !== 'hello') return drop('a call before hello');
        if (!sameToken(message.token, options.token)) {
          send({ kind: 'refused', message: 'The agent token does not match: another agent may have replaced this one.' });
          socket.end();
          // No second guess on this connection; the socket goes once the refusal is out.
          socket.removeAllListeners('data');
          setTimeout(() => socket.destroy(), 1_000).unref();
          options.log('refused a client: wrong token');
          return;
        }
        clearTimeout(helloTimer);
        client = message.client;
        send({ kind: 'welcome', source: options.source, locksAt: options.locksAt() });
        continue;
      }
      if (message.kind === 'hello') return drop('a second hello');
      if (inFlight >= MAX_CALLS_IN_FLIGHT) return drop('too many calls at once');
      void run(message);
    }
  });
}

async function answer(
  channel: string,
  input: unknown,
  client: ClientInfo,
  connection: string,
  asking: () => void,
  options: ConnectionOptions,
): Promise<Result<unknown>> {
  if (classify(channel) === 'not-served') {
    return refusal({
      code: 'Forbidden',
      message: 'The agent does not do this; run the command with the master password (--no-agent).',
    });
  }
  if (options.gate && !(await options.gate.admit(client, connection, channel, asking))) {
    return refusal({ code: 'Forbidden', message: 'Denied in the Keyward app.' });
  }
  return options.call(channel, input, { source: 'cli' });
}

function refusal(error: ErrorPayload): Result<never> {
  return { ok: false, error };
}

function sameToken(given: string, token: Buffer): boolean {
  const candidate = Buffer.from(given, 'hex');
  return candidate.length === token.length && timingSafeEqual(candidate, token);
}

function writeToken(file: string, token: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, token.toString('hex'), { mode: 0o600 });
  renameSync(temp, file);
}

/**
 * A socket file left by a crashed server is removed; one that answers belongs to a running
 * server (the app or another agent), and this one does not start.
 */
async function claimSocket(path: string): Promise<void> {
  const alive = await new Promise<boolean>((resolve) => {
    const probe = createConnection(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new AgentRunningError();
  if (process.platform !== 'win32') rmSync(path, { force: true });
}

export class AgentRunningError extends Error {
  constructor() {
    super('A Keyward agent (the app or `keyward agent`) is already serving this vault.');
    this.name = 'AgentRunningError';
  }
}
