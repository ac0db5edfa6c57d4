/**
 * The provider catalog: what Keyward knows about each provider that is not a secret.
 * Shared by main, the renderer and the CLI. Key-format patterns live in main/keys/recognize.ts,
 * keyed by these ids, because only main ever looks at a secret.
 */
export const providerIds = [
  'openai',
  'anthropic',
  'google',
  'slack',
  'telegram',
  'github',
  'stripe',
  'aws',
  'huggingface',
  'groq',
  'xai',
  'perplexity',
  'replicate',
  'sendgrid',
  'openrouter',
  'notion',
  'twilio',
  'discord',
  'deepseek',
  'mistral',
  'cohere',
] as const;

export type CatalogProviderId = (typeof providerIds)[number];

/** How the provider charges, which decides what the cost tracker asks for. */
export type BillingModel = 'tokens' | 'requests' | 'usage' | 'none';

/** A cheap read-only request that tells a live key from a revoked one (used by a later "check key" feature). */
export interface ValidityCheck {
  method: 'GET' | 'POST';
  url: string;
  auth: 'bearer' | 'x-api-key' | 'query-key' | 'path' | 'basic' | 'bot' | 'sigv4';
  /** What the responses mean, when it is not simply 200 = valid, 401 = invalid. */
  note?: string;
}

export interface ProviderInfo {
  id: CatalogProviderId;
  name: string;
  /** One or two letters shown on the provider card. */
  monogram: string;
  /** Card accent colour, `#rrggbb`. */
  colour: string;
  /** The environment variable tools conventionally read the key from. */
  envVar: string;
  /** Where the user creates, regenerates and revokes keys (https only; the rotate flow opens it). */
  consoleUrl: string;
  billing: BillingModel;
  check?: ValidityCheck;
}

/**
 * One entry per id, in `providerIds` order, so cards and pickers list providers the same way
 * everywhere. Checks come from our format notes; where a provider has no free read-only
 * endpoint (Perplexity only answers chat completions, which cost tokens) there is no check.
 */
export const providerCatalog: readonly ProviderInfo[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    monogram: 'OA',
    colour: '#10a37f',
    envVar: 'OPENAI_API_KEY',
    consoleUrl: 'https://platform.openai.com/api-keys',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://api.openai.com/v1/models',
      auth: 'bearer',
      note: '429 insufficient_quota means the key is valid but has no credit. Admin keys (sk-admin-) cannot list models: use GET /v1/organization/admin_api_keys.',
    },
  },
  {
    id: 'anthropic',
    name: 'Anthropic',
    monogram: 'An',
    colour: '#d97757',
    envVar: 'ANTHROPIC_API_KEY',
    consoleUrl: 'https://console.anthropic.com/settings/keys',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://api.anthropic.com/v1/models',
      auth: 'x-api-key',
      note: 'Send anthropic-version: 2023-06-01. 401 authentication_error or 404 = invalid or disabled; 403 = valid without permission. Admin keys (sk-ant-admin01-): GET /v1/organizations/me.',
    },
  },
  {
    id: 'google',
    // AIza… keys are generic Google API keys (Maps, YouTube, Firebase, Gemini): which API is the user's to say.
    name: 'Google',
    monogram: 'G',
    colour: '#4285f4',
    envVar: 'GEMINI_API_KEY',
    consoleUrl: 'https://aistudio.google.com/app/apikey',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://generativelanguage.googleapis.com/v1beta/models',
      auth: 'query-key',
      note: 'Key in ?key= or the x-goog-api-key header. 400 API_KEY_INVALID = invalid; 403 = valid but the Generative Language API is not enabled or the key is restricted.',
    },
  },
  {
    id: 'slack',
    name: 'Slack',
    monogram: 'Sl',
    colour: '#4a154b',
    envVar: 'SLACK_BOT_TOKEN',
    consoleUrl: 'https://api.slack.com/apps',
    billing: 'none',
    check: {
      method: 'POST',
      url: 'https://slack.com/api/auth.test',
      auth: 'bearer',
      note: 'Always HTTP 200: read "ok" in the body (invalid_auth, token_revoked, account_inactive = invalid). Webhook URLs: POST an invalid body; 400 invalid_payload = live, invalid_token/403/404 = dead.',
    },
  },
  {
    id: 'telegram',
    name: 'Telegram',
    monogram: 'Tg',
    colour: '#26a5e4',
    envVar: 'TELEGRAM_BOT_TOKEN',
    consoleUrl: 'https://t.me/BotFather',
    billing: 'none',
    check: {
      method: 'GET',
      url: 'https://api.telegram.org/bot{key}/getMe',
      auth: 'path',
      note: 'The token replaces {key} in the path. 200 with "ok": true = valid; 401 Unauthorized = invalid.',
    },
  },
  {
    id: 'github',
    name: 'GitHub',
    monogram: 'GH',
    colour: '#24292f',
    envVar: 'GITHUB_TOKEN',
    consoleUrl: 'https://github.com/settings/tokens',
    billing: 'none',
    check: {
      method: 'GET',
      url: 'https://api.github.com/user',
      auth: 'bearer',
      note: 'Send X-GitHub-Api-Version: 2022-11-28. 401 Bad credentials = invalid. Installation tokens (ghs_) may get 403 here; GET /rate_limit accepts any token.',
    },
  },
  {
    id: 'stripe',
    name: 'Stripe',
    monogram: 'St',
    colour: '#635bff',
    envVar: 'STRIPE_SECRET_KEY',
    consoleUrl: 'https://dashboard.stripe.com/apikeys',
    billing: 'none',
    check: {
      method: 'GET',
      url: 'https://api.stripe.com/v1/balance',
      auth: 'bearer',
      note: '403 = a restricted key that is valid but lacks this permission. Publishable keys (pk_) cannot be checked this way.',
    },
  },
  {
    id: 'aws',
    name: 'AWS',
    monogram: 'AW',
    colour: '#ff9900',
    envVar: 'AWS_ACCESS_KEY_ID',
    consoleUrl: 'https://console.aws.amazon.com/iam/home#/security_credentials',
    billing: 'usage',
    check: {
      method: 'POST',
      url: 'https://sts.amazonaws.com/',
      auth: 'sigv4',
      note: 'Body Action=GetCallerIdentity&Version=2011-06-15, signed with the key id and its secret. 403 InvalidClientTokenId = bad key id; SignatureDoesNotMatch = bad secret (can also appear transiently on rapid repeats).',
    },
  },
  {
    id: 'huggingface',
    name: 'Hugging Face',
    monogram: 'HF',
    colour: '#ffd21e',
    envVar: 'HF_TOKEN',
    consoleUrl: 'https://huggingface.co/settings/tokens',
    billing: 'usage',
    check: { method: 'GET', url: 'https://huggingface.co/api/whoami-v2', auth: 'bearer' },
  },
  {
    id: 'groq',
    name: 'Groq',
    monogram: 'Gq',
    colour: '#f55036',
    envVar: 'GROQ_API_KEY',
    consoleUrl: 'https://console.groq.com/keys',
    billing: 'tokens',
    check: { method: 'GET', url: 'https://api.groq.com/openai/v1/models', auth: 'bearer' },
  },
  {
    id: 'xai',
    name: 'xAI',
    monogram: 'xA',
    colour: '#000000',
    envVar: 'XAI_API_KEY',
    consoleUrl: 'https://console.x.ai/',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://api.x.ai/v1/api-key',
      auth: 'bearer',
      note: '400 or 401 = invalid.',
    },
  },
  {
    id: 'perplexity',
    name: 'Perplexity',
    monogram: 'Px',
    colour: '#20808d',
    envVar: 'PERPLEXITY_API_KEY',
    consoleUrl: 'https://www.perplexity.ai/settings/api',
    billing: 'tokens',
  },
  {
    id: 'replicate',
    name: 'Replicate',
    monogram: 'R',
    colour: '#ea2805',
    envVar: 'REPLICATE_API_TOKEN',
    consoleUrl: 'https://replicate.com/account/api-tokens',
    billing: 'usage',
    check: { method: 'GET', url: 'https://api.replicate.com/v1/account', auth: 'bearer' },
  },
  {
    id: 'sendgrid',
    name: 'SendGrid',
    monogram: 'SG',
    colour: '#1a82e2',
    envVar: 'SENDGRID_API_KEY',
    consoleUrl: 'https://app.sendgrid.com/settings/api_keys',
    billing: 'requests',
    check: {
      method: 'GET',
      url: 'https://api.sendgrid.com/v3/scopes',
      auth: 'bearer',
      note: '403 = valid but lacks the scope.',
    },
  },
  {
    id: 'openrouter',
    name: 'OpenRouter',
    monogram: 'OR',
    colour: '#8b5cf6',
    envVar: 'OPENROUTER_API_KEY',
    consoleUrl: 'https://openrouter.ai/settings/keys',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://openrouter.ai/api/v1/key',
      auth: 'bearer',
      note: "The 200 body also carries the key's usage and limit.",
    },
  },
  {
    id: 'notion',
    name: 'Notion',
    monogram: 'N',
    colour: '#191919',
    envVar: 'NOTION_TOKEN',
    consoleUrl: 'https://www.notion.so/profile/integrations',
    billing: 'none',
    check: {
      method: 'GET',
      url: 'https://api.notion.com/v1/users/me',
      auth: 'bearer',
      note: 'Send Notion-Version: 2022-06-28. 403 = valid but without the capability.',
    },
  },
  {
    id: 'twilio',
    name: 'Twilio',
    monogram: 'Tw',
    colour: '#f22f46',
    envVar: 'TWILIO_API_KEY',
    consoleUrl: 'https://console.twilio.com/us1/account/keys-credentials/api-keys',
    billing: 'usage',
    check: {
      method: 'GET',
      url: 'https://verify.twilio.com/v2/Services',
      auth: 'basic',
      note: 'Basic auth needs both halves: API key SID (SK…) and its secret, or Account SID (AC…) and auth token. 401/403 = invalid.',
    },
  },
  {
    id: 'discord',
    name: 'Discord',
    monogram: 'D',
    colour: '#5865f2',
    envVar: 'DISCORD_BOT_TOKEN',
    consoleUrl: 'https://discord.com/developers/applications',
    billing: 'none',
    check: {
      method: 'GET',
      url: 'https://discord.com/api/v10/users/@me',
      auth: 'bot',
      note: 'Webhook URLs: GET the URL itself, no auth; 401/404 = dead.',
    },
  },
  {
    id: 'deepseek',
    name: 'DeepSeek',
    monogram: 'DS',
    colour: '#4d6bfe',
    envVar: 'DEEPSEEK_API_KEY',
    consoleUrl: 'https://platform.deepseek.com/api_keys',
    billing: 'tokens',
    check: {
      method: 'GET',
      url: 'https://api.deepseek.com/user/balance',
      auth: 'bearer',
      note: 'The 200 body also carries the balance.',
    },
  },
  {
    id: 'mistral',
    name: 'Mistral AI',
    monogram: 'M',
    colour: '#fa520f',
    envVar: 'MISTRAL_API_KEY',
    consoleUrl: 'https://console.mistral.ai/api-keys',
    billing: 'tokens',
    check: { method: 'GET', url: 'https://api.mistral.ai/v1/models', auth: 'bearer' },
  },
  {
    id: 'cohere',
    name: 'Cohere',
    monogram: 'Co',
    colour: '#39594d',
    envVar: 'CO_API_KEY',
    consoleUrl: 'https://dashboard.cohere.com/api-keys',
    billing: 'tokens',
    check: {
      method: 'POST',
      url: 'https://api.cohere.com/v1/check-api-key',
      auth: 'bearer',
      note: 'Read "valid" in the 200 body.',
    },
  },
];

const catalogById: ReadonlyMap<string, ProviderInfo> = new Map(providerCatalog.map((p) => [p.id, p]));

export function getProvider(id: string): ProviderInfo | undefined {
  return catalogById.get(id);
}

/** Narrows ids that arrive as plain strings (IPC input, CLI flags, database rows). */
export function isCatalogProviderId(id: string): id is CatalogProviderId {
  return (providerIds as readonly string[]).includes(id);
}

/** Custom providers are written `custom:Name`; everything else is a catalog id. */
export const CUSTOM_PREFIX = 'custom:';

/** What the UI calls a provider: the catalog's name, or a custom provider's own name. */
export function providerDisplayName(provider: string): string {
  if (provider.startsWith(CUSTOM_PREFIX)) return provider.slice(CUSTOM_PREFIX.length);
  return getProvider(provider)?.name ?? provider;
}
