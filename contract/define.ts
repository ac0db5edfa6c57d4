import type { z } from 'zod';
import type { Result } from './errors.ts';

/**
 * One contract method: the zod schema its input must pass, and (as a type only) what it returns.
 * Written `method(schema).returns<Result>()` so a slice reads as a list of signatures.
 */
export interface Method<I extends z.ZodType, O> {
  readonly kind: 'method';
  readonly input: I;
  /** The doors this method may be called through; see `Door`. */
  readonly doors: readonly Door[];
  /** Phantom: carries the result type, never set at run time. */
  readonly output?: O;
}

/**
 * Where a call comes from: `ipc` is the app's window (through the preload), `cli` is the
 * `keyward` command (in-process or through a local agent). A method that hands out plaintext in
 * bulk is open to `cli` only: the window must never be able to ask for it, so the preload does
 * not expose it and main/platform/ipc.ts refuses it.
 */
export const doors = ['ipc', 'cli'] as const;
export type Door = (typeof doors)[number];

export function method<I extends z.ZodType>(input: I, options: { doors?: readonly Door[] } = {}) {
  const open = options.doors ?? doors;
  return { returns: <O>(): Method<I, O> => ({ kind: 'method', input, doors: open }) };
}

/** One event main pushes to whoever listens (renderer, harness page). Phantom payload type. */
export interface EventSpec<P> {
  readonly kind: 'event';
  readonly payload?: P;
}

export function event<P>(): EventSpec<P> {
  return { kind: 'event' };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyMethod = Method<z.ZodType, any>;
export type SliceSpec = Record<string, AnyMethod>;
export type ContractSpec = Record<string, SliceSpec>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type EventsSpec = Record<string, EventSpec<any>>;

export type InputOf<M> = M extends Method<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends Method<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends Method<z.ZodType, infer O> ? O : never;
export type PayloadOf<E> = E extends EventSpec<infer P> ? P : never;

/** Callers may omit the argument when the schema accepts `undefined`. */
type Args<M> = undefined extends InputOf<M> ? [input?: InputOf<M>] : [input: InputOf<M>];

/** The typed client every caller uses: resolves with the value or rejects with a KeywardError. */
export type ApiOf<C extends ContractSpec> = {
  [S in keyof C]: { [M in keyof C[S]]: (...args: Args<C[S][M]>) => Promise<OutputOf<C[S][M]>> };
};

/**
 * What crosses a process boundary (`window.keyward`, the harness page): same shape, but every
 * call resolves with a Result envelope, because a thrown error loses its fields on the way.
 */
export type BridgeOf<C extends ContractSpec, E extends EventsSpec> = {
  [S in keyof C]: { [M in keyof C[S]]: (...args: Args<C[S][M]>) => Promise<Result<OutputOf<C[S][M]>>> };
} & {
  on<N extends keyof E & string>(name: N, listener: (payload: PayloadOf<E[N]>) => void): () => void;
};

/** Server side: one handler per method, given the parsed input. */
export type HandlersOf<C extends ContractSpec, Ctx> = {
  [S in keyof C]: {
    [M in keyof C[S]]: (input: ParsedInputOf<C[S][M]>, ctx: Ctx) => OutputOf<C[S][M]> | Promise<OutputOf<C[S][M]>>;
  };
};

export type ChannelOf<C extends ContractSpec> = {
  [S in keyof C & string]: `${S}.${keyof C[S] & string}`;
}[keyof C & string];
