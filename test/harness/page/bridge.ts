/**
 * `window.keyward` for the browser harness: the same shape the preload exposes in the app (one
 * function per channel resolving with a Result envelope, and `on(event, listener)`), carried
 * over loopback HTTP: POST ./rpc for calls, an EventSource on ./events for main's events.
 */
import { eventNames, splitChannel, windowChannels, type Bridge } from '../../../contract/index.ts';

const base = new URL('./', location.href);
const bridge: Record<string, unknown> = {};

for (const channel of windowChannels) {
  const [slice, name] = splitChannel(channel);
  const methods = (bridge[slice] ??= {}) as Record<string, (input?: unknown) => Promise<unknown>>;
  methods[name] = async (input?: unknown) => {
    const response = await fetch(new URL('rpc', base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ channel, input }),
    });
    return response.json();
  };
}

let source: EventSource | null = null;
bridge.on = (name: string, listener: (payload: unknown) => void) => {
  if (!(eventNames as string[]).includes(name)) throw new Error(`Unknown event ${name}`);
  source ??= new EventSource(new URL('events', base));
  const forward = (event: MessageEvent<string>) => listener(JSON.parse(event.data));
  source.addEventListener(name, forward);
  return () => source?.removeEventListener(name, forward);
};

/** Test-only: where the renderer's stores register a read-out, so a test can prove a lock emptied them. */
const harness: { readState: (() => unknown) | null } = { readState: null };

Object.assign(window, { keyward: bridge as Bridge, __keywardHarness: harness });
