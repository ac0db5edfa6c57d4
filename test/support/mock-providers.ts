import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { generate } from 'selfsigned';
import { Agent, buildConnector, fetch } from 'undici';
import { CHECK_HOSTS } from '../../main/health/probes.ts';
import { fetchTransport, type FetchLike, type Transport } from '../../main/health/transport.ts';

/**
 * A local HTTPS server standing in for every provider's API, on a self-signed certificate made
 * here for the providers' host names. Nothing leaves the machine: the test transport connects
 * every host to this server (the certificate still has to match the host asked for), and the
 * CLI reaches it through a local CONNECT proxy given as HTTPS_PROXY.
 */
export interface SeenRequest {
  method: string;
  host: string;
  path: string;
  headers: Record<string, string>;
}

/** One recorded answer: status, headers and a JSON or text body; `delayMs` waits first; `hangUp` breaks the connection. */
export interface Replay {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
  hangUp?: boolean;
}

export type Route = (request: SeenRequest) => Replay;

export interface MockProviders {
  /** The CA (here the certificate itself) a client must trust. */
  ca: string;
  port: number;
  seen: SeenRequest[];
  /** Answers by `host + path` (path without the query); the first match wins, otherwise 404. */
  routes: Map<string, Route>;
  /** A transport for the services that reaches this server for every host, trusting only `ca`. */
  transport(): Transport;
  close(): Promise<void>;
}

export async function startMockProviders(): Promise<MockProviders> {
  const hosts = [...CHECK_HOSTS, 'localhost'];
  const pems = await generate([{ name: 'commonName', value: 'Keyward test providers' }], {
    keyType: 'ec',
    extensions: [
      { name: 'basicConstraints', cA: true },
      { name: 'subjectAltName', altNames: hosts.map((value) => ({ type: 2, value })) },
    ],
  });
  const seen: SeenRequest[] = [];
  const routes = new Map<string, Route>();
  const sockets = new Set<Socket>();
  const server: Server = createServer({ key: pems.private, cert: pems.cert }, (req: IncomingMessage, res: ServerResponse) => {
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
    const request: SeenRequest = { method: req.method ?? '', host: headers.host ?? '', path: req.url ?? '', headers };
    seen.push(request);
    req.resume();
    const route = routes.get(`${request.host}${request.path.split('?')[0]}`);
    const replay = route ? route(request) : { status: 404, body: { error: 'no mock for this path' } };
    const send = () => {
      if (replay.hangUp) {
        res.socket?.destroy();
        return;
      }
      const text = typeof replay.body === 'string' ? replay.body : JSON.stringify(replay.body ?? {});
      res.writeHead(replay.status ?? 200, { 'content-type': 'application/json', ...replay.headers });
      res.end(text);
    };
    if (replay.delayMs) setTimeout(send, replay.delayMs).unref();
    else send();
  });
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const agents: Agent[] = [];

  return {
    ca: pems.cert,
    port,
    seen,
    routes,
    transport() {
      const connector = buildConnector({ ca: pems.cert });
      const agent = new Agent({
        connect: (options, callback) => connector({ ...options, hostname: '127.0.0.1', port: String(port) }, callback),
      });
      agents.push(agent);
      return fetchTransport(fetch as unknown as FetchLike, agent);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(agents.map((agent) => agent.close().catch(() => {})));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** An HTTP CONNECT proxy that tunnels every request to `port` on this machine, recording which hosts were asked for. */
export async function startTunnelProxy(port: number): Promise<{ url: string; asked: string[]; close: () => Promise<void> }> {
  const asked: string[] = [];
  const sockets = new Set<Socket>();
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on('connect', (req: IncomingMessage, client: Socket) => {
    asked.push(req.url ?? '');
    const upstream = netConnect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => socket.destroy());
      socket.on('close', () => sockets.delete(socket));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  return {
    url,
    asked,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
    },
  };
}

/** A transport with no network at all: every connection fails as it would with the cable out. */
export function offlineTransport(): Transport {
  const agent = new Agent({
    connect: (_options, callback) => callback(Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' }), null),
  });
  return fetchTransport(fetch as unknown as FetchLike, agent);
}
