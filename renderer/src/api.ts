import { createApi } from '../../contract/client.ts';
import { splitChannel, type Api, type Bridge, type EventName, type EventPayload } from '../../contract/index.ts';
import type { Result } from '../../contract/errors.ts';

type BridgeMethod = (input?: unknown) => Promise<Result<unknown>>;

function bridge(): Bridge {
  return window.keyward;
}

/** The typed API over whatever `window.keyward` the page was given. Errors arrive as KeywardError. */
export const api: Api = createApi((channel, input) => {
  const [slice, name] = splitChannel(channel);
  const method = (bridge()[slice] as unknown as Record<string, BridgeMethod>)[name]!;
  return method(input);
});

/** The picked file's path when the app can hand it over (Electron), else null: send the bytes. */
export function pathForFile(file: File): string | null {
  return bridge().pathForFile?.(file) ?? null;
}

export function onEvent<N extends EventName>(name: N, listener: (payload: EventPayload<N>) => void): () => void {
  return bridge().on(name, listener);
}
