/**
 * A sentence main composes for a person but does not show itself: an error's detail, a health
 * item, an audit entry's detail, an import's warning. It crosses to the window (or into the
 * vault, for the audit log) as its message and values, not as finished text, so the window says
 * it in the reader's language while the CLI says the English. The message is defined beside the
 * code that composes it, like any other (`defineMessages`, an id in the window's area, its Korean
 * in i18n/ko/<area>.json), and `npm run i18n:check` holds it to the same rules.
 *
 * Formatting is in phrase-text.ts, so what only carries a phrase (contract/errors.ts, the CLI's
 * light start) does not load FormatJS.
 *
 * A value may itself be a phrase, said in the same language first: one sentence that names
 * another's words ("This key cannot be checked: <why>", "<format name> records") without writing
 * them twice. Otherwise values are plain strings and numbers (JSON and IPC carry them as they are; a date goes as epoch
 * milliseconds for `{at, date, medium}`), never a secret: the same rule as for any message.
 */
export type PhraseValues = Record<string, string | number | Phrase>;

export interface Phrase {
  id: string;
  /** The English, as in the code: the window's English and the CLI's text. */
  defaultMessage: string;
  values?: PhraseValues;
}

/** A message as `defineMessages` gives it: an id and its English. */
export interface PhraseMessage {
  id: string;
  defaultMessage: string;
}

export function phrase(message: PhraseMessage, values?: PhraseValues): Phrase {
  const said: Phrase = { id: message.id, defaultMessage: message.defaultMessage };
  if (values !== undefined) said.values = values;
  return said;
}

/** How deep phrases may nest: a sentence naming another's words, which names a third's at most. */
const MAX_NESTING = 3;

/** A phrase as it came over a boundary (IPC, the agent's socket, an audit row): its shape checked, so a bad one is dropped rather than shown. */
export function isPhrase(value: unknown, depth = 0): value is Phrase {
  if (typeof value !== 'object' || value === null || depth >= MAX_NESTING) return false;
  const { id, defaultMessage, values } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof defaultMessage !== 'string') return false;
  if (values === undefined) return true;
  if (typeof values !== 'object' || values === null || Array.isArray(values)) return false;
  return Object.values(values).every((item) => typeof item === 'string' || typeof item === 'number' || isPhrase(item, depth + 1));
}

/**
 * `defineMessages` as @formatjs/intl has it (the messages, returned as they are), for modules
 * the `keyward` command loads on its fast path (`keyward detect` reads contract/key-kinds.ts),
 * which must not load FormatJS. The extractor behind `npm run i18n:check` and the lint rules
 * know messages by this name, wherever it is imported from.
 */
export function defineMessages<Messages extends Record<string, PhraseMessage>>(messages: Messages): Messages {
  return messages;
}
