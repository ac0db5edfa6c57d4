import type { Channel, Contract } from './index.ts';

/**
 * Channel naming, kept free of zod so the preload can use it without bundling the schemas:
 * the preload gets the list of channels from the contract at build time (scripts/build.ts).
 */
export const EVENT_CHANNEL_PREFIX = 'event:';

export function splitChannel(channel: Channel): [keyof Contract, string] {
  const dot = channel.indexOf('.');
  return [channel.slice(0, dot) as keyof Contract, channel.slice(dot + 1)];
}
