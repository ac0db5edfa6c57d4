import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where the agent listens for one vault, and where its token lives. Both are derived from the
 * data directory so the app, `keyward agent` and the CLI agree without asking anyone. The names
 * carry a hash of the data directory's path and nothing else.
 */
export interface AgentEndpoint {
  /** The directory only this user may enter (0700 on Unix): holds the socket and the token. */
  dir: string;
  /** A Unix socket path, or a named pipe on Windows. */
  socket: string;
  /** A random value the server writes (0600) and every client must present first. */
  tokenFile: string;
}

/** sun_path is 108 bytes on Linux, 104 on macOS; keep a margin. */
const MAX_SOCKET_PATH = 100;

export function agentEndpoint(
  dataDir: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): AgentEndpoint {
  const id = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 16);
  if (platform === 'win32') {
    // A named pipe lives in the pipe namespace, not in a directory; its token lives beside the
    // vault, in the user's profile, which only the user (and administrators) may read.
    const dir = join(dataDir, 'agent');
    return { dir, socket: `\\\\.\\pipe\\keyward-agent-${id}`, tokenFile: join(dir, 'agent.token') };
  }
  const candidates = [
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, `keyward-${id}`) : null,
    join(dataDir, 'agent'),
    join(tmpdir(), `keyward-${userInfo().uid}-${id}`),
  ].filter((dir): dir is string => dir !== null);
  const dir =
    candidates.find((candidate) => Buffer.byteLength(join(candidate, 'agent.sock')) <= MAX_SOCKET_PATH) ?? candidates.at(-1)!;
  return { dir, socket: join(dir, 'agent.sock'), tokenFile: join(dir, 'agent.token') };
}

/**
 * Creates the endpoint's directory 0700, or checks an existing one is ours and closed to
 * others: a directory someone else made (say in a shared /tmp) could let them swap the socket.
 */
export function prepareEndpointDir(endpoint: AgentEndpoint, platform: NodeJS.Platform = process.platform): void {
  mkdirSync(endpoint.dir, { recursive: true, mode: 0o700 });
  if (platform === 'win32') return;
  const stat = lstatSync(endpoint.dir);
  if (!stat.isDirectory() || stat.isSymbolicLink()) throw new EndpointError(`${endpoint.dir} is not a directory.`);
  if (stat.uid !== userInfo().uid) throw new EndpointError(`${endpoint.dir} belongs to another user; remove it.`);
  if ((stat.mode & 0o077) !== 0) chmodSync(endpoint.dir, 0o700);
}

export class EndpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EndpointError';
  }
}
