/**
 * The default price table Keyward ships: a trimmed subset of LiteLLM's
 * model_prices_and_context_window.json (MIT, Copyright (c) 2023 Berri AI; notice in
 * THIRD_PARTY_NOTICES), converted from USD per token to USD per 1M tokens.
 *
 * Prices are written as decimal strings and parsed exactly, never as floats. Missing cache
 * rates mean the provider bills those tokens at the input rate (or LiteLLM had no figure).
 * Anthropic's 1-hour cache-write rate is LiteLLM's `cache_creation_input_token_cost_above_1hr`
 * where the snapshot gives it (Sonnet 6, Opus 4/4.1 30); for the other Claude models it is
 * Anthropic's published rule of twice the input rate, marked `derived`.
 *
 * Users change prices in the vault (`keyward prices set`); those override these defaults and
 * this file never changes a record already priced.
 */
export const PRICE_SNAPSHOT = {
  source: 'LiteLLM model_prices_and_context_window.json (MIT), via BerriAI/litellm',
  snapshotDate: '2026-07-24',
  origin: 'litellm@2026-07-24',
} as const;

export interface DefaultPrice {
  /** Canonical id: what records store and what `prices set` takes. */
  model: string;
  provider: string;
  name: string;
  /** The LiteLLM key the numbers come from. */
  litellmKey: string;
  input: string;
  output: string;
  cachedInput?: string;
  cacheWrite?: string;
  cacheWrite1h?: string;
  /** True when cacheWrite1h is Anthropic's 2× input rule rather than a LiteLLM figure. */
  derived1h?: true;
  perRequest?: string;
  above200k?: { input: string; output: string; cachedInput?: string; cacheWrite?: string };
  deprecationDate?: string;
  /** Other spellings that resolve to this model beyond the automatic ones (dates, prefixes, display names). */
  aliases?: string[];
}

export const DEFAULT_PRICES: readonly DefaultPrice[] = [
  // OpenAI
  { model: 'gpt-4o', provider: 'openai', name: 'GPT-4o', litellmKey: 'gpt-4o', input: '2.5', output: '10', cachedInput: '1.25' },
  {
    model: 'gpt-4o-mini',
    provider: 'openai',
    name: 'GPT-4o mini',
    litellmKey: 'gpt-4o-mini',
    input: '0.15',
    output: '0.6',
    cachedInput: '0.075',
  },
  {
    model: 'chatgpt-4o-latest',
    provider: 'openai',
    name: 'ChatGPT-4o latest',
    litellmKey: 'chatgpt-4o-latest',
    input: '5',
    output: '15',
  },
  { model: 'gpt-4.1', provider: 'openai', name: 'GPT-4.1', litellmKey: 'gpt-4.1', input: '2', output: '8', cachedInput: '0.5' },
  {
    model: 'gpt-4.1-mini',
    provider: 'openai',
    name: 'GPT-4.1 mini',
    litellmKey: 'gpt-4.1-mini',
    input: '0.4',
    output: '1.6',
    cachedInput: '0.1',
  },
  {
    model: 'gpt-4.1-nano',
    provider: 'openai',
    name: 'GPT-4.1 nano',
    litellmKey: 'gpt-4.1-nano',
    input: '0.1',
    output: '0.4',
    cachedInput: '0.025',
  },
  { model: 'o1', provider: 'openai', name: 'o1', litellmKey: 'o1', input: '15', output: '60' },
  { model: 'o3', provider: 'openai', name: 'o3', litellmKey: 'o3', input: '2', output: '8', cachedInput: '0.5' },
  { model: 'o3-pro', provider: 'openai', name: 'o3-pro', litellmKey: 'o3-pro', input: '20', output: '80' },
  {
    model: 'o3-mini',
    provider: 'openai',
    name: 'o3-mini',
    litellmKey: 'o3-mini',
    input: '1.1',
    output: '4.4',
    cachedInput: '0.55',
  },
  {
    model: 'o4-mini',
    provider: 'openai',
    name: 'o4-mini',
    litellmKey: 'o4-mini',
    input: '1.1',
    output: '4.4',
    cachedInput: '0.275',
  },
  { model: 'gpt-5', provider: 'openai', name: 'GPT-5', litellmKey: 'gpt-5', input: '1.25', output: '10', cachedInput: '0.125' },
  {
    model: 'gpt-5-mini',
    provider: 'openai',
    name: 'GPT-5 mini',
    litellmKey: 'gpt-5-mini',
    input: '0.25',
    output: '2',
    cachedInput: '0.025',
  },
  {
    model: 'gpt-5-nano',
    provider: 'openai',
    name: 'GPT-5 nano',
    litellmKey: 'gpt-5-nano',
    input: '0.05',
    output: '0.4',
    cachedInput: '0.005',
  },
  { model: 'gpt-5.1', provider: 'openai', name: 'GPT-5.1', litellmKey: 'gpt-5.1', input: '1.25', output: '10' },
  { model: 'gpt-5.2', provider: 'openai', name: 'GPT-5.2', litellmKey: 'gpt-5.2', input: '1.75', output: '14' },

  // Anthropic (cache write = 5-minute cache)
  {
    model: 'claude-opus-4-7',
    provider: 'anthropic',
    name: 'Claude Opus 4.7',
    litellmKey: 'claude-opus-4-7',
    input: '5',
    output: '25',
    cachedInput: '0.5',
    cacheWrite: '6.25',
    cacheWrite1h: '10',
    derived1h: true,
  },
  {
    model: 'claude-opus-4-6',
    provider: 'anthropic',
    name: 'Claude Opus 4.6',
    litellmKey: 'claude-opus-4-6',
    input: '5',
    output: '25',
    cachedInput: '0.5',
    cacheWrite: '6.25',
    cacheWrite1h: '10',
    derived1h: true,
  },
  {
    model: 'claude-opus-4-5',
    provider: 'anthropic',
    name: 'Claude Opus 4.5',
    litellmKey: 'claude-opus-4-5',
    input: '5',
    output: '25',
    cachedInput: '0.5',
    cacheWrite: '6.25',
    cacheWrite1h: '10',
    derived1h: true,
  },
  {
    model: 'claude-opus-4-1',
    provider: 'anthropic',
    name: 'Claude Opus 4.1',
    litellmKey: 'claude-opus-4-1',
    input: '15',
    output: '75',
    cachedInput: '1.5',
    cacheWrite: '18.75',
    cacheWrite1h: '30',
  },
  {
    model: 'claude-opus-4',
    provider: 'anthropic',
    name: 'Claude Opus 4',
    litellmKey: 'claude-opus-4-20250514',
    input: '15',
    output: '75',
    cachedInput: '1.5',
    cacheWrite: '18.75',
    cacheWrite1h: '30',
    deprecationDate: '2026-05-14',
    aliases: ['claude-4-opus'],
  },
  {
    model: 'claude-sonnet-4-6',
    provider: 'anthropic',
    name: 'Claude Sonnet 4.6',
    litellmKey: 'claude-sonnet-4-6',
    input: '3',
    output: '15',
    cachedInput: '0.3',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
  },
  {
    model: 'claude-sonnet-4-5',
    provider: 'anthropic',
    name: 'Claude Sonnet 4.5',
    litellmKey: 'claude-sonnet-4-5',
    input: '3',
    output: '15',
    cachedInput: '0.3',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    above200k: { input: '6', output: '22.5', cachedInput: '0.6', cacheWrite: '7.5' },
    aliases: ['claude-4.5-sonnet'],
  },
  {
    model: 'claude-sonnet-4',
    provider: 'anthropic',
    name: 'Claude Sonnet 4',
    litellmKey: 'claude-sonnet-4-20250514',
    input: '3',
    output: '15',
    cachedInput: '0.3',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    deprecationDate: '2026-05-14',
    above200k: { input: '6', output: '22.5', cachedInput: '0.6', cacheWrite: '7.5' },
    aliases: ['claude-4-sonnet'],
  },
  {
    model: 'claude-3-7-sonnet',
    provider: 'anthropic',
    name: 'Claude Sonnet 3.7',
    litellmKey: 'claude-3-7-sonnet-20250219',
    input: '3',
    output: '15',
    cachedInput: '0.3',
    cacheWrite: '3.75',
    cacheWrite1h: '6',
    derived1h: true,
    deprecationDate: '2026-02-19',
    aliases: ['claude-sonnet-3-7'],
  },
  {
    model: 'claude-haiku-4-5',
    provider: 'anthropic',
    name: 'Claude Haiku 4.5',
    litellmKey: 'claude-haiku-4-5',
    input: '1',
    output: '5',
    cachedInput: '0.1',
    cacheWrite: '1.25',
    cacheWrite1h: '2',
    derived1h: true,
    aliases: ['claude-4.5-haiku'],
  },
  {
    model: 'claude-3-haiku',
    provider: 'anthropic',
    name: 'Claude Haiku 3',
    litellmKey: 'claude-3-haiku-20240307',
    input: '0.25',
    output: '1.25',
    aliases: ['claude-haiku-3'],
  },

  // Google Gemini API (AI Studio keys; LiteLLM's gemini/ entries)
  {
    model: 'gemini-2.0-flash',
    provider: 'google',
    name: 'Gemini 2.0 Flash',
    litellmKey: 'gemini/gemini-2.0-flash',
    input: '0.1',
    output: '0.4',
    cachedInput: '0.025',
    deprecationDate: '2026-06-01',
  },
  {
    model: 'gemini-2.5-flash',
    provider: 'google',
    name: 'Gemini 2.5 Flash',
    litellmKey: 'gemini/gemini-2.5-flash',
    input: '0.3',
    output: '2.5',
    cachedInput: '0.03',
  },
  {
    model: 'gemini-2.5-flash-lite',
    provider: 'google',
    name: 'Gemini 2.5 Flash-Lite',
    litellmKey: 'gemini/gemini-2.5-flash-lite',
    input: '0.1',
    output: '0.4',
    cachedInput: '0.01',
  },
  {
    model: 'gemini-2.5-pro',
    provider: 'google',
    name: 'Gemini 2.5 Pro',
    litellmKey: 'gemini/gemini-2.5-pro',
    input: '1.25',
    output: '10',
    cachedInput: '0.125',
    above200k: { input: '2.5', output: '15' },
  },
  {
    model: 'gemini-3-pro-preview',
    provider: 'google',
    name: 'Gemini 3 Pro (preview)',
    litellmKey: 'gemini/gemini-3-pro-preview',
    input: '2',
    output: '12',
    cachedInput: '0.2',
    deprecationDate: '2026-03-09',
    aliases: ['gemini-3-pro'],
  },
  {
    model: 'gemini-3.1-pro-preview',
    provider: 'google',
    name: 'Gemini 3.1 Pro (preview)',
    litellmKey: 'gemini/gemini-3.1-pro-preview',
    input: '2',
    output: '12',
    cachedInput: '0.2',
    aliases: ['gemini-3.1-pro'],
  },
  {
    model: 'gemini-3-flash-preview',
    provider: 'google',
    name: 'Gemini 3 Flash (preview)',
    litellmKey: 'gemini/gemini-3-flash-preview',
    input: '0.5',
    output: '3',
    cachedInput: '0.05',
    aliases: ['gemini-3-flash'],
  },

  // DeepSeek
  {
    model: 'deepseek-chat',
    provider: 'deepseek',
    name: 'DeepSeek Chat',
    litellmKey: 'deepseek/deepseek-chat',
    input: '0.28',
    output: '0.42',
    cachedInput: '0.028',
    cacheWrite: '0',
  },
  {
    model: 'deepseek-reasoner',
    provider: 'deepseek',
    name: 'DeepSeek Reasoner',
    litellmKey: 'deepseek/deepseek-reasoner',
    input: '0.28',
    output: '0.42',
    cachedInput: '0.028',
  },

  // xAI
  { model: 'grok-4', provider: 'xai', name: 'Grok 4', litellmKey: 'xai/grok-4', input: '3', output: '15' },
  {
    model: 'grok-4-fast-reasoning',
    provider: 'xai',
    name: 'Grok 4 Fast (reasoning)',
    litellmKey: 'xai/grok-4-fast-reasoning',
    input: '0.2',
    output: '0.5',
  },

  // Mistral
  {
    model: 'mistral-large-latest',
    provider: 'mistral',
    name: 'Mistral Large',
    litellmKey: 'mistral/mistral-large-latest',
    input: '0.5',
    output: '1.5',
    aliases: ['mistral-large'],
  },
  {
    model: 'mistral-small-latest',
    provider: 'mistral',
    name: 'Mistral Small',
    litellmKey: 'mistral/mistral-small-latest',
    input: '0.06',
    output: '0.18',
    aliases: ['mistral-small'],
  },

  // Groq
  {
    model: 'llama-3.3-70b-versatile',
    provider: 'groq',
    name: 'Llama 3.3 70B Versatile',
    litellmKey: 'groq/llama-3.3-70b-versatile',
    input: '0.59',
    output: '0.79',
  },
  {
    model: 'gpt-oss-120b',
    provider: 'groq',
    name: 'gpt-oss-120b',
    litellmKey: 'groq/openai/gpt-oss-120b',
    input: '0.15',
    output: '0.6',
  },

  // Perplexity, Cohere
  { model: 'sonar', provider: 'perplexity', name: 'Sonar', litellmKey: 'perplexity/sonar', input: '1', output: '1' },
  { model: 'sonar-pro', provider: 'perplexity', name: 'Sonar Pro', litellmKey: 'perplexity/sonar-pro', input: '3', output: '15' },
  { model: 'command-r-plus', provider: 'cohere', name: 'Command R+', litellmKey: 'command-r-plus', input: '2.5', output: '10' },
];
