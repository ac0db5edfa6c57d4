import { KeywardError, type Result } from './errors.ts';
import { channels, splitChannel, type Api, type Channel } from './index.ts';

export type Transport = (channel: Channel, input: unknown) => Promise<Result<unknown>>;

/**
 * Builds the typed API from any transport (IPC bridge, in-process router, loopback HTTP):
 * `api.keys.list({ search })` resolves with the value or rejects with a KeywardError.
 */
export function createApi(transport: Transport): Api {
  const api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channels) {
    const [slice, name] = splitChannel(channel);
    api[slice] ??= {};
    api[slice][name] = async (input?: unknown) => {
      const result = await transport(channel, input);
      if (!result.ok) throw KeywardError.fromPayload(result.error);
      return result.value;
    };
  }
  return api as unknown as Api;
}
