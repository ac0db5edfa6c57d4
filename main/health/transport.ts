import type { Dispatcher } from 'undici';
import type { CheckAnswer, CheckRequest } from './probes.ts';

/**
 * Sends one check request and returns the answer. Injected, so the app uses Electron's net
 * (the system proxy and certificate store), the CLI uses undici with HTTPS_PROXY, and tests use
 * undici against a local mock server. A transport must not follow redirects (a redirect could
 * carry the key's header to another host) and should reject when `signal` aborts.
 */
export type Transport = (request: CheckRequest, signal: AbortSignal) => Promise<CheckAnswer>;

/** Answers are small JSON documents; anything bigger is cut here, not held in memory. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** A `fetch`-shaped function: undici's, or Electron's `net.fetch`. */
export type FetchLike = (
  url: string,
  init: {
    method: string;
    headers: Record<string, string>;
    body?: string;
    redirect: 'manual';
    signal: AbortSignal;
    dispatcher?: Dispatcher;
  },
) => Promise<{
  status: number;
  headers: { forEach(cb: (value: string, name: string) => void): void };
  body: ReadableStream<Uint8Array> | null;
}>;

/** A transport over any fetch: redirects are answers (3xx), not followed; the body is read up to the cap. */
export function fetchTransport(fetchImpl: FetchLike, dispatcher?: Dispatcher): Transport {
  return async (request, signal) => {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers: request.headers,
      ...(request.body !== undefined ? { body: request.body } : {}),
      redirect: 'manual',
      signal,
      ...(dispatcher ? { dispatcher } : {}),
    });
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      headers[name.toLowerCase()] = value;
    });
    return { status: response.status, headers, body: await readCapped(response.body, request.maxBytes ?? MAX_ANSWER_BYTES) };
  };
}

/**
 * The CLI's transport: undici with EnvHttpProxyAgent, which honours HTTPS_PROXY, HTTP_PROXY and
 * NO_PROXY (upper or lower case) as curl does. Node 22's built-in fetch is undici too, but does
 * not expose its proxy agents, and NODE_USE_ENV_PROXY is not in every Node 22 release.
 */
export function cliTransport(): Transport {
  // Loaded on the first check only: most CLI commands never reach the network.
  let transport: Promise<Transport> | null = null;
  return async (request, signal) => {
    transport ??= import('undici').then((loaded) => {
      // undici is CommonJS: the CLI bundle (dist/cli) hands it over as `default` only.
      const undici = (typeof loaded.EnvHttpProxyAgent === 'function' ? loaded : loaded.default) as unknown as typeof loaded;
      return fetchTransport(undici.fetch as unknown as FetchLike, new undici.EnvHttpProxyAgent());
    });
    return (await transport)(request, signal);
  };
}

async function readCapped(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < maxBytes) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    await reader.cancel().catch(() => {});
  }
  return Buffer.concat(chunks).subarray(0, maxBytes).toString('utf8');
}
