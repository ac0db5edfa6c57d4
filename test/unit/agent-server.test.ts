import fc from 'fast-check';
import { chmodSync, chownSync, mkdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApprovalAnswer } from '../../contract/agent.ts';
import { createApi } from '../../contract/client.ts';
import type { KeySummary } from '../../contract/keys.ts';
import type { ApprovalPort, ApprovalRequest } from '../../main/agent/approval.ts';
import { connectAgent, type AgentSession } from '../../main/agent/client.ts';
import { agentEndpoint, prepareEndpointDir, type AgentEndpoint } from '../../main/agent/endpoint.ts';
import { encodeFrame as encodeAnyFrame, FrameReader, MAX_ANSWER_BYTES, MAX_REQUEST_BYTES } from '../../main/agent/frames.ts';
import { serveAgent } from '../../main/agent/daemon.ts';
import { scanWorker } from '../../main/cli/context.ts';
import { hostAgentWhileUnlocked } from '../../main/agent/host.ts';
import { startAgentServer } from '../../main/agent/server.ts';
import type { ClientInfo } from '../../main/agent/messages.ts';
import { createHandlers } from '../../main/handlers.ts';
import { createRouter } from '../../main/router.ts';
import { fakeKeys } from '../support/fake-keys.ts';
import { tempDir } from '../support/temp.ts';
import { createdVault, PASSWORD } from '../support/vault.ts';

// The agent in-process, over a real Unix socket, in front of the real services and router.

const SECRET = fakeKeys.openaiProject('agent');
const me: ClientInfo = { pid: process.pid, command: 'keyward list', cwd: '/tmp', parent: 'vitest', terminal: '/dev/pts/9' };
const encodeFrame = (message: unknown) => encodeAnyFrame(message, MAX_REQUEST_BYTES);
const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function hosted(options: { approval?: ApprovalPort | null; maxClients?: number } = {}) {
  const dataDir = tempDir();
  const services = await createdVault(dataDir);
  const call = createRouter(createHandlers(services));
  const key = await createApi((channel, input) => call(channel, input, { source: 'app' })).keys.add({
    secret: SECRET,
    label: 'Agent test',
    provider: 'openai',
    environment: 'dev',
  });
  const logged: string[] = [];
  const endpoint = agentEndpoint(dataDir, process.platform, {});
  const host = hostAgentWhileUnlocked(services, {
    endpoint,
    call,
    source: 'app',
    approval: options.approval ?? null,
    log: (line) => logged.push(line),
    maxClients: options.maxClients,
  });
  stops.push(() => host.stop());
  expect(await host.settled()).not.toBeNull();
  return { services, endpoint, host, key, logged, dataDir, call };
}

async function connect(endpoint: AgentEndpoint): Promise<AgentSession> {
  const session = await connectAgent(endpoint, me);
  expect(session, 'connected').not.toBeNull();
  return session!;
}

/** A raw socket that says hello properly, for sending what the client never would. */
async function rawClient(
  endpoint: AgentEndpoint,
  hello = true,
): Promise<{ socket: Socket; closed: Promise<void>; messages: unknown[] }> {
  const socket = createConnection(endpoint.socket);
  await new Promise((resolve) => socket.once('connect', resolve));
  const reader = new FrameReader(MAX_ANSWER_BYTES);
  const messages: unknown[] = [];
  socket.on('data', (chunk: Buffer) => messages.push(...reader.push(chunk)));
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  if (hello) socket.write(encodeFrame({ kind: 'hello', token: readFileSync(endpoint.tokenFile, 'utf8'), client: me }));
  return { socket, closed, messages };
}

async function listThrough(endpoint: AgentEndpoint): Promise<KeySummary[]> {
  const session = await connect(endpoint);
  try {
    const result = await session.call('keys.list', {});
    if (!result.ok) throw new Error(result.error.message);
    return result.value as KeySummary[];
  } finally {
    session.close();
  }
}

describe('the agent server', () => {
  it('serves the contract through the same router: a list is masked, a reveal is the key', async () => {
    const { endpoint, key } = await hosted();
    const keys = await listThrough(endpoint);
    expect(keys.map((k) => k.label)).toEqual(['Agent test']);
    expect(JSON.stringify(keys)).not.toContain(SECRET);
    const session = await connect(endpoint);
    expect(await session.call('keys.reveal', { id: key.id })).toEqual({ ok: true, value: { secret: SECRET } });
    session.close();
  });

  it('validates input exactly like IPC: the router’s own Invalid answer, field by field', async () => {
    const { endpoint, services } = await hosted();
    const session = await connect(endpoint);
    const viaAgent = await session.call('keys.add', { label: '', secret: 42, extra: true });
    const viaRouter = await createRouter(createHandlers(services))(
      'keys.add',
      { label: '', secret: 42, extra: true },
      { source: 'cli' },
    );
    expect(viaAgent).toEqual(viaRouter);
    expect(viaAgent.ok).toBe(false);
    expect(await session.call('keys.nope', {})).toMatchObject({
      ok: false,
      error: { code: 'Invalid', message: 'Unknown method.' },
    });
    session.close();
  });

  it('never serves what needs the master password', async () => {
    const { endpoint } = await hosted();
    const session = await connect(endpoint);
    const result = await session.call('vault.changePassword', { current: PASSWORD, next: 'a different password' });
    expect(result).toMatchObject({ ok: false, error: { code: 'Forbidden' } });
    session.close();
  });

  it('lives in a directory only this user may enter, the socket and token closed to others, named by a hash', async () => {
    const { endpoint, dataDir } = await hosted();
    expect(statSync(endpoint.dir).mode & 0o777).toBe(0o700);
    expect(statSync(endpoint.socket).mode & 0o077).toBe(0);
    expect(statSync(endpoint.tokenFile).mode & 0o777).toBe(0o600);
    const token = readFileSync(endpoint.tokenFile, 'utf8');
    for (const secret of [SECRET, PASSWORD, token]) expect(endpoint.socket).not.toContain(secret);
    expect(endpoint.socket.startsWith(dataDir) || /keyward-[0-9a-f]{16}/.test(endpoint.socket)).toBe(true);
  });

  it('closes when the vault locks: the socket and the token are gone, a client falls back', async () => {
    const { endpoint, services, host } = await hosted();
    const session = await connect(endpoint);
    const closed = new Promise<void>((resolve) => {
      void session.call('keys.list', {}).then(() => resolve());
    });
    services.vault.lock('idle');
    await closed;
    expect(await host.settled()).toBeNull();
    expect(() => statSync(endpoint.socket)).toThrow();
    expect(() => statSync(endpoint.tokenFile)).toThrow();
    expect(await connectAgent(endpoint, me)).toBeNull();
  });

  it('starts again at the next unlock, with a new token', async () => {
    const { endpoint, services, host } = await hosted();
    const before = readFileSync(endpoint.tokenFile, 'utf8');
    services.vault.lock('manual');
    await services.vault.unlock(PASSWORD, 'app');
    expect(await host.settled()).not.toBeNull();
    expect(readFileSync(endpoint.tokenFile, 'utf8')).not.toBe(before);
    expect(await listThrough(endpoint)).toHaveLength(1);
  });

  it('refuses a client with the wrong token', async () => {
    const { endpoint } = await hosted();
    const { socket, closed, messages } = await rawClient(endpoint, false);
    socket.write(encodeFrame({ kind: 'hello', token: '00'.repeat(32), client: me }));
    await closed;
    expect(messages).toEqual([{ kind: 'refused', message: expect.stringMatching(/token/) }]);
  });

  it('drops a client that calls before hello, sends a non-protocol message or an oversized frame; the next client is served', async () => {
    const { endpoint, logged } = await hosted();
    const oversized = Buffer.alloc(4);
    oversized.writeUInt32BE(0xffffffff);
    for (const bytes of [
      encodeFrame({ kind: 'call', id: 1, channel: 'keys.list', input: {} }),
      encodeFrame({ kind: 'sudo' }),
      Buffer.concat([Buffer.from([0, 0, 0, 3]), Buffer.from('{{{')]),
      oversized,
    ]) {
      const { socket, closed, messages } = await rawClient(endpoint, false);
      socket.write(bytes);
      await closed;
      expect(messages).toEqual([]);
    }
    expect(await listThrough(endpoint)).toHaveLength(1);
    expect(logged.filter((line) => line.startsWith('dropped'))).toHaveLength(4);
  });

  it('survives fuzzed frames after a proper hello: answers in the protocol or drops the client, and serves the next one', async () => {
    const { endpoint } = await hosted();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
          fc.jsonValue().map((value) => encodeFrame(value)),
          fc
            .record({
              kind: fc.constant('call'),
              id: fc.nat(),
              channel: fc.constantFrom('keys.list', 'keys.add', 'keys.update', 'usage.add', 'x'),
              input: fc.jsonValue(),
            })
            .map((value) => encodeFrame(value)),
        ),
        async (bytes) => {
          const { socket, closed, messages } = await rawClient(endpoint);
          socket.write(bytes);
          await new Promise((resolve) => setTimeout(resolve, 10));
          socket.destroy();
          await closed;
          for (const message of messages) expect(['welcome', 'result']).toContain((message as { kind: string }).kind);
        },
      ),
      { numRuns: 80 },
    );
    expect(await listThrough(endpoint)).toHaveLength(1);
  });

  it('serves 100 clients at once', async () => {
    const { endpoint } = await hosted();
    const lists = await Promise.all(Array.from({ length: 100 }, () => listThrough(endpoint)));
    expect(lists.every((keys) => keys.length === 1)).toBe(true);
  });

  it('turns away clients over the limit with a message, and serves again once they leave', async () => {
    const { endpoint } = await hosted({ maxClients: 3 });
    const held = await Promise.all([connect(endpoint), connect(endpoint), connect(endpoint)]);
    expect(await connectAgent(endpoint, me)).toBeNull();
    held.forEach((session) => session.close());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await listThrough(endpoint)).toHaveLength(1);
  });

  it('a client that never reads its answers is dropped instead of buffered without end; others are served meanwhile', async () => {
    const { endpoint, call, services } = await hosted();
    await stops.pop()!();
    const logged: string[] = [];
    const server = await startAgentServer({
      endpoint,
      call,
      source: 'agent',
      approval: null,
      locksAt: () => null,
      lock: () => services.vault.lock('manual'),
      log: (line) => logged.push(line),
      maxUnreadBytes: 64 * 1024,
    });
    stops.push(() => server.close());
    const { socket, closed } = await rawClient(endpoint);
    socket.pause();
    const list = encodeFrame({ kind: 'call', id: 1, channel: 'keys.list', input: {} });
    const flood = setInterval(() => {
      if (!socket.destroyed) socket.write(Buffer.concat(Array.from({ length: 30 }, () => list)));
    }, 2);
    expect(await listThrough(endpoint)).toHaveLength(1);
    await closed;
    clearInterval(flood);
    expect(logged.some((line) => /dropped a client: (it does not read its answers|too many calls at once)/.test(line))).toBe(
      true,
    );
  });

  it('asks the app before serving, and a denial is Forbidden with the reason', async () => {
    const asked: ApprovalRequest[] = [];
    let answer: ApprovalAnswer = 'deny';
    const { endpoint } = await hosted({ approval: { ask: async (request) => (asked.push(request), answer) } });
    let toldWaiting = 0;
    const session = (await connectAgent(endpoint, me, { onAsking: () => toldWaiting++ }))!;
    expect(await session.call('keys.list', {})).toEqual({
      ok: false,
      error: { code: 'Forbidden', message: 'Denied in the Keyward app.' },
    });
    expect(toldWaiting, 'the client was told it waits for the user').toBe(1);
    expect(asked[0]!.client).toEqual(me);
    answer = 'allow-once';
    expect((await session.call('keys.list', {})).ok).toBe(true);
    expect((await session.call('keys.list', {})).ok, 'the same command again').toBe(true);
    session.close();
    expect(asked).toHaveLength(2);
    answer = 'allow-terminal';
    const next = await connect(endpoint);
    expect((await next.call('keys.list', {})).ok).toBe(true);
    next.close();
    expect(asked).toHaveLength(3);
    const later = await connect(endpoint);
    expect((await later.call('keys.list', {})).ok, 'a later command in the same terminal').toBe(true);
    later.close();
    expect(asked).toHaveLength(3);
  });

  it('logs connections, never a token, an input or a key', async () => {
    const { endpoint, logged, key, services } = await hosted();
    const token = readFileSync(endpoint.tokenFile, 'utf8');
    const session = await connect(endpoint);
    await session.call('keys.reveal', { id: key.id });
    await session.call('keys.add', { secret: fakeKeys.github('logged'), label: 'x', provider: 'github', environment: 'dev' });
    session.close();
    const { socket, closed } = await rawClient(endpoint, false);
    socket.write(encodeFrame({ kind: 'hello', token: SECRET, client: me }));
    await closed;
    services.vault.lock('manual');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = logged.join('\n');
    for (const secret of [SECRET, token, PASSWORD, fakeKeys.github('logged')]) expect(text).not.toContain(secret);
    expect(text).toMatch(/closed/);
  });
});

describe('the agent endpoint', () => {
  it('tightens a directory others could enter to 0700 before listening in it', () => {
    const dir = join(tempDir(), 'agent');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    prepareEndpointDir({ dir, socket: join(dir, 'agent.sock'), tokenFile: join(dir, 'agent.token') });
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it.skipIf(process.getuid?.() !== 0)('refuses a directory that belongs to another user (one planted in a shared /tmp)', () => {
    const dir = join(tempDir(), 'agent');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 65534, 65534);
    expect(() => prepareEndpointDir({ dir, socket: join(dir, 'agent.sock'), tokenFile: join(dir, 'agent.token') })).toThrow(
      /belongs to another user/,
    );
  });

  it('refuses a symbolic link in place of the directory', () => {
    const parent = tempDir();
    const elsewhere = join(parent, 'elsewhere');
    mkdirSync(elsewhere, { mode: 0o700 });
    const dir = join(parent, 'agent');
    symlinkSync(elsewhere, dir);
    expect(() => prepareEndpointDir({ dir, socket: join(dir, 'agent.sock'), tokenFile: join(dir, 'agent.token') })).toThrow(
      /not a directory/,
    );
  });

  it('prefers XDG_RUNTIME_DIR, falls back to the data directory, and to /tmp when the path would be too long for a socket', () => {
    expect(agentEndpoint('/home/u/.config/Keyward', 'linux', { XDG_RUNTIME_DIR: '/run/user/1000' }).socket).toMatch(
      /^\/run\/user\/1000\/keyward-[0-9a-f]{16}\/agent\.sock$/,
    );
    expect(agentEndpoint('/home/u/.config/Keyward', 'linux', {}).socket).toBe('/home/u/.config/Keyward/agent/agent.sock');
    const long = `/home/u/${'very-long-folder-name/'.repeat(6)}Keyward`;
    expect(Buffer.byteLength(agentEndpoint(long, 'linux', {}).socket)).toBeLessThanOrEqual(100);
    expect(agentEndpoint('C:\\Users\\u\\AppData\\Roaming\\Keyward', 'win32', {}).socket).toMatch(
      /^\\\\\.\\pipe\\keyward-agent-[0-9a-f]{16}$/,
    );
  });
});

describe('the terminal-started agent', () => {
  it('locks when its time is up: the server closes and the process would exit', async () => {
    const dataDir = tempDir();
    (await createdVault(dataDir)).vault.lock('quit');
    const reports: object[] = [];
    const served = serveAgent({
      dataDir,
      password: PASSWORD,
      scanWorker: scanWorker(),
      ttlMs: 5_000,
      report: (line) => reports.push(line),
    });
    const endpoint = agentEndpoint(dataDir);
    await expect.poll(() => reports.length, { timeout: 30_000 }).toBe(1);
    expect(reports[0]).toMatchObject({ ok: true });
    const session = await connect(endpoint);
    expect(session.source).toBe('agent');
    session.close();
    await served;
    expect(await connectAgent(endpoint, me)).toBeNull();
  });

  it('a wrong password reports why and serves nothing', async () => {
    const dataDir = tempDir();
    (await createdVault(dataDir)).vault.lock('quit');
    const reports: object[] = [];
    await serveAgent({
      dataDir,
      password: 'not the password',
      scanWorker: scanWorker(),
      ttlMs: 60_000,
      report: (line) => reports.push(line),
    });
    expect(reports).toEqual([{ ok: false, code: 'WrongPassword', message: expect.any(String) }]);
    expect(await connectAgent(agentEndpoint(dataDir), me)).toBeNull();
  });
});

describe('the client', () => {
  it('a call after the vault locked fails at once with Locked instead of waiting', async () => {
    const { endpoint, services } = await hosted();
    const session = await connect(endpoint);
    expect((await session.call('keys.list', {})).ok).toBe(true);
    services.vault.lock('manual');
    // Whether the call reaches the closing server or finds the socket closed, it is answered Locked.
    expect(await session.call('keys.list', {})).toMatchObject({ ok: false, error: { code: 'Locked' } });
    await expect.poll(() => statSync(endpoint.socket, { throwIfNoEntry: false })).toBeUndefined();
    expect(await session.call('keys.list', {})).toEqual({
      ok: false,
      error: { code: 'Locked', message: 'The vault was locked while the command ran; nothing more was done.' },
    });
  });
});
