import { CUSTOM_PREFIX, isCatalogProviderId, providerCatalog, type CatalogProviderId } from '../../../contract/providers.ts';

/**
 * Provider names as usage logs write them → catalog provider ids. Proxies such as LiteLLM
 * write their own provider names (`gemini`, `vertex_ai`, `x-ai`, `bedrock_converse`), which
 * are not our ids nor the providers' display names; without this table every such row would
 * land under a `custom:` provider of its own.
 */
const ALIASES: Readonly<Record<string, CatalogProviderId>> = {
  gemini: 'google',
  'google ai studio': 'google',
  palm: 'google',
  'x-ai': 'xai',
  x_ai: 'xai',
  grok: 'xai',
  cohere_chat: 'cohere',
  'text-completion-openai': 'openai',
  'text-completion-codestral': 'mistral',
  codestral: 'mistral',
  'together-openai': 'openai',
  hugging_face: 'huggingface',
  'hugging-face': 'huggingface',
  perplexityai: 'perplexity',
};

/**
 * Clouds that resell other vendors' models: the row belongs to the vendor of the model when its
 * id says so (`anthropic.claude-…` on Bedrock, `gpt-4o` on Azure, `claude-…@…` on Vertex);
 * otherwise to the cloud's own provider, or to a custom provider named after the cloud.
 */
const HOSTS: readonly { pattern: RegExp; fallback: string }[] = [
  { pattern: /^vertex[_-]?ai(?:[_-].*)?$/, fallback: 'google' },
  { pattern: /^bedrock(?:[_-].*)?$/, fallback: 'aws' },
  { pattern: /^sagemaker(?:[_-].*)?$/, fallback: 'aws' },
  { pattern: /^azure(?:[_-].*)?$/, fallback: `${CUSTOM_PREFIX}Azure` },
];

/** The vendor a model id names, most specific first. */
const VENDORS: readonly { pattern: RegExp; provider: CatalogProviderId }[] = [
  { pattern: /anthropic|claude/, provider: 'anthropic' },
  { pattern: /\bopenai\b|\bgpt-|chatgpt|\bo[134](?:-|$)|text-embedding|dall-e|whisper|\btts-1/, provider: 'openai' },
  { pattern: /\bgoogle\b|gemini|gemma/, provider: 'google' },
  { pattern: /mistral|mixtral|codestral|ministral|pixtral|magistral/, provider: 'mistral' },
  { pattern: /cohere|\bcommand-/, provider: 'cohere' },
  { pattern: /deepseek/, provider: 'deepseek' },
  { pattern: /\bxai\b|grok/, provider: 'xai' },
  { pattern: /amazon|\bnova-|titan/, provider: 'aws' },
];

function vendorOfModel(model: string): CatalogProviderId | null {
  const id = model.trim().toLowerCase();
  return VENDORS.find((vendor) => vendor.pattern.test(id))?.provider ?? null;
}

/**
 * A provider cell as people and proxies write it ("OpenAI", "openai", "gemini", "azure", "Acme")
 * → a catalog id, or `custom:Name` for a provider Keyward does not know. `model` decides the
 * vendor behind a cloud that resells models.
 */
export function providerFromText(text: string, model = ''): string {
  const value = text.trim();
  const lower = value.toLowerCase();
  if (isCatalogProviderId(lower)) return lower;
  const byName = providerCatalog.find((p) => p.name.toLowerCase() === lower);
  if (byName) return byName.id;
  const alias = ALIASES[lower];
  if (alias) return alias;
  const host = HOSTS.find((h) => h.pattern.test(lower));
  if (host) return vendorOfModel(model) ?? host.fallback;
  if (lower.startsWith(CUSTOM_PREFIX)) return value;
  return `${CUSTOM_PREFIX}${value}`;
}
