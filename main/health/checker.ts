import type { CheckDetails, CheckVerdict } from '../../contract/health.ts';
import type { CatalogProviderId } from '../../contract/providers.ts';
import { CHECK_HOSTS, checkRequest, readAnswer, type CheckRequest } from './probes.ts';
import type { Transport } from './transport.ts';

/** Long enough for a slow provider, short enough that "Check all" over a dead network ends soon. */
export const CHECK_TIMEOUT_MS = 10_000;

export interface CheckOutcome {
  verdict: CheckVerdict;
  status: number | null;
  details: CheckDetails;
}

/** Only https, only a catalog check host, no credentials or query in the URL: anything else is refused before it is sent. */
export function allowedEndpoint(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && CHECK_HOSTS.has(parsed.host) && parsed.username === '' && parsed.password === '';
}

/**
 * Asks one provider about one key. Never throws and never reports a failure in words that could
 * carry the key: a network error, a timeout or a refused endpoint all read `unreachable` with a
 * fixed reason, so an unreachable provider never turns a key invalid.
 */
export async function checkSecret(
  provider: CatalogProviderId,
  secret: string,
  masked: string,
  transport: Transport,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<CheckOutcome> {
  let request: CheckRequest;
  try {
    request = checkRequest(provider, secret, masked);
  } catch {
    return { verdict: 'unreachable', status: null, details: { reason: 'not-checkable' } };
  }
  if (!allowedEndpoint(request.url)) return { verdict: 'unreachable', status: null, details: { reason: 'endpoint-not-allowed' } };

  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    const answer = await Promise.race([
      transport(request, controller.signal),
      // A transport that ignores the signal still cannot hold the check past its timeout.
      new Promise<never>((_, reject) =>
        controller.signal.addEventListener('abort', () => reject(new Error('timeout')), { once: true }),
      ),
    ]);
    const reading = readAnswer(provider, answer);
    return { verdict: reading.verdict, status: answer.status, details: withoutSecret(reading.details, secret) };
  } catch {
    return { verdict: 'unreachable', status: null, details: { reason: controller.signal.aborted ? 'timeout' : 'network' } };
  } finally {
    clearTimeout(timer);
  }
}

/** A provider may echo part of what it was sent; a detail holding the key is dropped, not stored. */
function withoutSecret(details: CheckDetails, secret: string): CheckDetails {
  const holds = (value: unknown) => typeof value === 'string' && value.includes(secret);
  return Object.fromEntries(
    Object.entries(details).filter(([, value]) => !holds(value) && !(Array.isArray(value) && value.some(holds))),
  );
}
