import type { EventName, EventPayload } from '../contract/index.ts';

type Listener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** Services announce what happened; each door (IPC, harness) forwards it to its own listeners. */
export class EventBus {
  readonly #listeners = new Set<Listener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    for (const listener of this.#listeners) listener(name, payload);
  }

  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
