import type { Net } from 'electron';
import { fetchTransport, type FetchLike, type Transport } from '../health/transport.ts';

/**
 * The app's live-check transport: Electron's net.fetch, which goes through Chromium's network
 * stack, so the system proxy settings (and PAC scripts) and the OS certificate store apply.
 * No cookies: a check carries the key's header and nothing of the user's browsing.
 * Redirects are not followed (see fetchTransport).
 */
export function electronCheckTransport(net: Pick<Net, 'fetch'>): Transport {
  const fetchLike: FetchLike = (url, init) =>
    net.fetch(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      redirect: 'manual',
      signal: init.signal,
      credentials: 'omit',
    });
  return fetchTransport(fetchLike);
}
