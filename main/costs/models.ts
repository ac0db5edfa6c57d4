/**
 * Model-id normalisation: the many spellings of one model in exports and APIs — dated ids
 * (`gpt-4o-mini-2024-07-18`, `claude-sonnet-4-5-20250929`), provider-prefixed slugs
 * (`anthropic/claude-sonnet-4.5`, `gemini/gemini-2.5-pro`), Bedrock and Vertex ids
 * (`us.anthropic.claude-haiku-4-5-20251001-v1:0`, `claude-sonnet-4-5@20250929`) and display
 * names ("Claude Sonnet 4.5") — resolve to one canonical id, so records group and price alike.
 */

/** The comparison form: lower case, no vendor prefix, separators folded to single dashes. */
export function looseModelKey(text: string): string {
  let s = text.trim().toLowerCase();
  // OpenRouter display names read "Anthropic: Claude Sonnet 4.5".
  s = s.replace(/^[a-z0-9 ._-]+:\s+/, '');
  s = s.slice(s.lastIndexOf('/') + 1);
  // Bedrock: optional region, then the vendor, then the model, then a version tag.
  s = s.replace(/^(?:(?:us|eu|apac|global|jp|au|ca)\.)?(?:anthropic|meta|amazon|mistral|cohere|deepseek|openai|google)\./, '');
  s = s.replace(/-v\d+(?::\d+)?$/, '');
  // Vertex `@20250929`, OpenRouter variants `:free`, `:thinking`.
  s = s.replace(/[@:].*$/, '');
  return s
    .replace(/[\s._]+/g, '-')
    .replace(/[^a-z0-9+-]/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * Loose keys to try, most specific first: as given; without a date stamp; without a preview
 * tag; without or with `-latest`; without a trailing 4-digit version (`mistral-large-2411`).
 */
export function modelCandidates(raw: string): string[] {
  const base = looseModelKey(raw);
  const undated = base.replace(/-(?:\d{4}-\d{2}-\d{2}|\d{8})$/, '');
  const candidates = [
    base,
    undated,
    undated.replace(/-preview(?:-\d{2}-\d{2})?$/, ''),
    undated.replace(/-latest$/, ''),
    `${undated}-latest`,
    undated.replace(/-\d{4}$/, ''),
  ];
  return [...new Set(candidates.filter(Boolean))];
}

export interface ModelNames {
  model: string;
  name?: string;
  litellmKey?: string;
  aliases?: readonly string[];
}

/** Resolves any spelling to a canonical id among the models it was built with. */
export class ModelResolver {
  readonly #byLoose = new Map<string, string>();

  constructor(models: Iterable<ModelNames>) {
    for (const entry of models) {
      for (const spelling of [entry.model, entry.litellmKey, entry.name, ...(entry.aliases ?? [])]) {
        if (!spelling) continue;
        const key = looseModelKey(spelling);
        // First one wins: the table lists current models before older ones that share a name.
        if (key && !this.#byLoose.has(key)) this.#byLoose.set(key, entry.model);
      }
    }
  }

  /** The canonical id, or null when no known model matches. */
  resolve(raw: string): string | null {
    for (const candidate of modelCandidates(raw)) {
      const found = this.#byLoose.get(candidate);
      if (found) return found;
    }
    return null;
  }
}
