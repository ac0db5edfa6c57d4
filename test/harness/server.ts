/**
 * The browser test harness: the built renderer, served over loopback HTTP, talking to the REAL
 * router and services through the same contract the preload exposes in the app. Only tests
 * start it; nothing under main/ or renderer/ imports it, so it never ships.
 *
 *   http://127.0.0.1:<random port>/<random token>/index.html
 *
 * Every request must carry the token (as the first path segment, so the page's relative URLs
 * keep it) and our own Host header; anything else is refused. The page gets the app's CSP with
 * `connect-src 'self'`, the one change that lets the bridge reach /rpc and /events.
 */
import { build } from 'esbuild';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EventName } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { contentTypes } from '../../main/platform/protocol.ts';
import { windowRefusal } from '../../main/platform/ipc.ts';
import { createRouter } from '../../main/router.ts';
import { CONTENT_SECURITY_POLICY } from '../../main/security.ts';
import type { Transport } from '../../main/health/transport.ts';
import { createServices, type Services } from '../../main/services.ts';
import type { Clock } from '../../main/clock.ts';
import { RecordingClipboard } from '../support/recording-clipboard.ts';
import { RecordingNotifications } from '../support/recording-notifications.ts';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
export const RENDERER_DIR = join(root, 'dist', 'renderer');
export const HARNESS_CSP = CONTENT_SECURITY_POLICY.replace("connect-src 'none'", "connect-src 'self'");

/** One line of the request log: what the page asked, and everything it was sent back. */
export type LoggedExchange =
  | { kind: 'rpc'; channel: string; input: unknown; output: unknown }
  | { kind: 'event'; name: EventName; payload: unknown }
  | { kind: 'file'; path: string; status: number };

export interface Harness {
  /** Where the page starts. */
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  services: Services;
  clipboard: RecordingClipboard;
  /** The OS notifications the app would have shown (reminders). */
  notifications: RecordingNotifications;
  /** URLs main was asked to open in the browser (provider consoles). */
  opened: string[];
  log: LoggedExchange[];
  /** Everything the server sent the page (responses and events), as text: for "the secret never went there" checks. */
  sentToPage(options?: { except?: string[] }): string;
  close(): Promise<void>;
}

export interface HarnessOptions {
  clipboardPlatform?: NodeJS.Platform;
  clock?: Clock;
  /** An existing data directory to serve (the benchmark's big vault); left in place on close. */
  dataDir?: string;
  /** How live key checks are sent (the mock providers); without one, Check says it is not available. */
  checkTransport?: Transport;
  /** Keep the request log (default). The benchmark turns it off: it would hold every answer in memory. */
  keepLog?: boolean;
}

let bridgeSource: Promise<string> | null = null;

/** The page half of the harness, bundled once per process. */
function bridgeScript(): Promise<string> {
  bridgeSource ??= build({
    entryPoints: [join(root, 'test', 'harness', 'page', 'bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'chrome120',
    logLevel: 'warning',
  }).then((result) => result.outputFiles[0]!.text);
  return bridgeSource;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const indexFile = join(RENDERER_DIR, 'index.html');
  if (!existsSync(indexFile)) throw new Error('No built renderer: run `node scripts/build.ts --renderer` first.');
  const bridge = await bridgeScript();
  const indexHtml = injectBridge(readFileSync(indexFile, 'utf8'));

  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'keyward-harness-'));
  const clipboard = new RecordingClipboard(options.clipboardPlatform ?? 'linux');
  // As in the app: the whole-file integrity check runs after unlock, in a worker.
  const verifyWorker = new URL('../../main/vault/verify-worker.ts', import.meta.url);
  const notifications = new RecordingNotifications();
  const opened: string[] = [];
  const services = createServices({
    dataDir,
    kdfPolicy: 'minimum',
    clipboard,
    verifyWorker,
    scanWorker: new URL('../../main/scan/worker.ts', import.meta.url),
    // The leak scan's shell histories and agent logs: a home of the test's own, never the machine's.
    homeDir: join(dataDir, 'home'),
    notifications,
    openExternal: async (url) => void opened.push(url),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.checkTransport ? { checkTransport: options.checkTransport } : {}),
  });
  // Counted as in the app (main/index.ts): work after an unlock waits for the first screen's calls.
  const call = services.activity.tracking(
    createRouter(createHandlers(services), (channel, summary) => console.error(`[harness] ${channel} failed: ${summary}`)),
  );
  const token = randomBytes(24).toString('base64url');
  const log: LoggedExchange[] = [];
  if (options.keepLog === false) log.push = () => log.length;
  const streams = new Set<ServerResponse>();

  const unsubscribe = services.events.subscribe((name, payload) => {
    log.push({ kind: 'event', name, payload });
    for (const stream of streams) stream.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`);
  });

  let host = '';
  const server = createServer((request, response) => {
    void handle(request, response).catch(() => {
      if (!response.headersSent) send(response, 500, 'text/plain', 'harness error');
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', `http://${host}`);
    const [, first = '', ...rest] = url.pathname.split('/');
    // DNS rebinding and other pages on the machine: our Host and our token, or nothing.
    if (request.headers.host !== host || !sameToken(first, token)) return send(response, 403, 'text/plain', 'forbidden');
    const path = rest.join('/');
    if (path === 'rpc' && request.method === 'POST') {
      const body = JSON.parse(await readBody(request)) as { channel?: unknown; input?: unknown };
      const output = windowRefusal(String(body.channel)) ?? (await call(body.channel, body.input, { source: 'app' }));
      log.push({ kind: 'rpc', channel: String(body.channel), input: body.input, output });
      return send(response, 200, 'application/json', JSON.stringify(output));
    }
    if (path === 'events' && request.method === 'GET') {
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
      response.write(': connected\n\n');
      streams.add(response);
      request.on('close', () => streams.delete(response));
      return;
    }
    if (request.method !== 'GET') return send(response, 405, 'text/plain', 'method not allowed');
    if (path === '' || path === 'index.html') return file(response, path || 'index.html', 'text/html; charset=utf-8', indexHtml);
    if (path === 'harness-bridge.js') return file(response, path, contentTypes['.js']!, bridge);
    const target = resolve(RENDERER_DIR, path);
    const type = contentTypes[extname(target)];
    if (!target.startsWith(RENDERER_DIR + '/') || !type || !existsSync(target)) {
      log.push({ kind: 'file', path, status: 404 });
      return send(response, 404, 'text/plain', 'not found');
    }
    return file(response, path, type, readFileSync(target));
  }

  function file(response: ServerResponse, path: string, type: string, body: string | Buffer): void {
    log.push({ kind: 'file', path, status: 200 });
    send(response, 200, type, body);
  }

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  host = `127.0.0.1:${port}`;
  const origin = `http://${host}`;

  return {
    url: `${origin}/${token}/index.html`,
    origin,
    token,
    dataDir,
    services,
    clipboard,
    notifications,
    opened,
    log,
    sentToPage({ except = [] } = {}) {
      return log
        .filter((entry) => entry.kind !== 'file' && !(entry.kind === 'rpc' && except.includes(entry.channel)))
        .map((entry) => JSON.stringify(entry.kind === 'rpc' ? entry.output : entry.kind === 'event' ? entry.payload : null))
        .join('\n');
    },
    async close() {
      unsubscribe();
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      services.vault.lock('quit');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The bridge must define window.keyward before the app's module script runs. */
function injectBridge(html: string): string {
  const at = html.indexOf('<script');
  if (at < 0) throw new Error('dist/renderer/index.html has no script tag');
  return `${html.slice(0, at)}<script src="./harness-bridge.js"></script>\n    ${html.slice(at)}`;
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': HARNESS_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
    'Referrer-Policy': 'no-referrer',
  });
  response.end(body);
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });
}
