import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, it, expect } from 'vitest';
import { keyKindEnglish, keyKindWords, type KeyKind } from '../../contract/key-kinds.ts';
import { keyShapesInText, knownPrefix, recognizableProviders, recognizeKey } from '../../main/keys/recognize.ts';
import {
  getProvider,
  isCatalogProviderId,
  providerCatalog,
  providerIds,
  type CatalogProviderId,
} from '../../contract/providers.ts';
import { alnum, b64url, base32, digits, fill, hex } from '../support/fake-keys.ts';
import { windowIntl } from '../support/intl.ts';

const discordId = (id: string) => Buffer.from(id).toString('base64url');

interface Case {
  name: string;
  value: string;
  provider: CatalogProviderId;
  live: boolean | null;
  kind: string;
  prefix: string;
  /** false when the pattern allows a longer value, so one character less is still valid. */
  atMinimumLength?: boolean;
}

const slackHooks = 'https://hooks.slack.com/';

const cases: Case[] = [
  {
    name: 'OpenAI project key (74-char halves)',
    value: 'sk-proj-' + b64url(74) + 'T3BlbkFJ' + b64url(74),
    provider: 'openai',
    live: null,
    kind: 'project key',
    prefix: 'sk-proj-',
  },
  {
    name: 'OpenAI project key (58-char halves)',
    value: 'sk-proj-' + b64url(58) + 'T3BlbkFJ' + b64url(58),
    provider: 'openai',
    live: null,
    kind: 'project key',
    prefix: 'sk-proj-',
  },
  {
    name: 'OpenAI service account key',
    value: 'sk-svcacct-' + b64url(74) + 'T3BlbkFJ' + b64url(74),
    provider: 'openai',
    live: null,
    kind: 'service account key',
    prefix: 'sk-svcacct-',
  },
  {
    name: 'OpenAI admin key',
    value: 'sk-admin-' + b64url(58) + 'T3BlbkFJ' + b64url(58),
    provider: 'openai',
    live: null,
    kind: 'admin key',
    prefix: 'sk-admin-',
  },
  {
    name: 'OpenAI legacy key',
    value: 'sk-' + alnum(20) + 'T3BlbkFJ' + alnum(20),
    provider: 'openai',
    live: null,
    kind: 'legacy user key',
    prefix: 'sk-',
  },
  {
    name: 'Anthropic API key',
    value: 'sk-ant-api03-' + b64url(93) + 'AA',
    provider: 'anthropic',
    live: null,
    kind: 'API key',
    prefix: 'sk-ant-api03-',
  },
  {
    name: 'Anthropic admin key',
    value: 'sk-ant-admin01-' + b64url(93) + 'AA',
    provider: 'anthropic',
    live: null,
    kind: 'admin key',
    prefix: 'sk-ant-admin01-',
  },
  {
    name: 'Google API key',
    value: 'AIzaSy' + b64url(33),
    provider: 'google',
    live: null,
    kind: 'API key',
    prefix: 'AIza',
  },
  {
    name: 'Slack bot token',
    value: 'xoxb-' + digits(10) + '-' + digits(10) + '-' + alnum(24),
    provider: 'slack',
    live: null,
    kind: 'bot token',
    prefix: 'xoxb-',
  },
  {
    name: 'Slack legacy bot token',
    value: 'xoxb-' + digits(8) + '-' + alnum(18),
    provider: 'slack',
    live: null,
    kind: 'bot token',
    prefix: 'xoxb-',
  },
  {
    name: 'Slack user token',
    value: 'xoxp-' + [digits(10), digits(10), digits(10), alnum(28)].join('-'),
    provider: 'slack',
    live: null,
    kind: 'user token',
    prefix: 'xoxp-',
  },
  {
    name: 'Slack refresh token',
    value: 'xoxe-1-' + alnum(146),
    provider: 'slack',
    live: null,
    kind: 'refresh token',
    prefix: 'xoxe-',
  },
  {
    name: 'Slack configuration token (user)',
    value: 'xoxe.xoxp-1-' + alnum(163),
    provider: 'slack',
    live: null,
    kind: 'configuration token',
    prefix: 'xoxe.xoxp-',
  },
  {
    name: 'Slack configuration token (bot)',
    value: 'xoxe.xoxb-1-' + alnum(163),
    provider: 'slack',
    live: null,
    kind: 'configuration token',
    prefix: 'xoxe.xoxb-',
  },
  {
    name: 'Slack app-level token',
    value: 'xapp-1-AFAKE000-' + digits(10) + '-' + hex(32),
    provider: 'slack',
    live: null,
    kind: 'app-level token',
    prefix: 'xapp-',
  },
  {
    name: 'Slack webhook URL',
    value: slackHooks + 'services/T00000000/B00000000/' + alnum(23),
    provider: 'slack',
    live: null,
    kind: 'webhook URL',
    prefix: slackHooks + 'services/',
  },
  {
    name: 'Slack workflow webhook URL',
    value: slackHooks + 'workflows/T00000000/A00000000/' + digits(17) + '/' + alnum(23),
    provider: 'slack',
    live: null,
    kind: 'workflow webhook URL',
    prefix: slackHooks + 'workflows/',
  },
  {
    name: 'Telegram bot token',
    value: '123456789:A' + b64url(34),
    provider: 'telegram',
    live: null,
    kind: 'bot token',
    prefix: '',
  },
  ...(
    [
      ['ghp', 'classic token'],
      ['gho', 'OAuth token'],
      ['ghu', 'user-to-server token'],
      ['ghs', 'server-to-server token'],
      ['ghr', 'refresh token'],
    ] as const
  ).map(([type, kind]): Case => ({
    name: `GitHub ${type}_ token`,
    value: `${type}_` + alnum(36),
    provider: 'github',
    live: null,
    kind,
    prefix: `${type}_`,
  })),
  {
    name: 'GitHub fine-grained token',
    value: 'github_pat_' + fill('FAKE0example_', 82),
    provider: 'github',
    live: null,
    kind: 'fine-grained token',
    prefix: 'github_pat_',
  },
  ...(
    [
      ['sk', 'secret key'],
      ['rk', 'restricted key'],
      ['pk', 'publishable key'],
    ] as const
  ).flatMap(([type, kind]) =>
    (['live', 'test'] as const).map((mode): Case => ({
      name: `Stripe ${type}_${mode}_ key`,
      value: `${type}_${mode}_` + alnum(20),
      provider: 'stripe',
      live: mode === 'live',
      kind,
      prefix: `${type}_${mode}_`,
    })),
  ),
  {
    name: 'AWS access key id',
    value: 'AKIA' + base32(16),
    provider: 'aws',
    live: null,
    kind: 'access key ID',
    prefix: 'AKIA',
  },
  {
    name: 'AWS temporary access key id',
    value: 'ASIA' + base32(16),
    provider: 'aws',
    live: null,
    kind: 'temporary access key ID',
    prefix: 'ASIA',
  },
  {
    name: 'AWS ABIA key id',
    value: 'ABIA' + base32(16),
    provider: 'aws',
    live: null,
    kind: 'access key ID',
    prefix: 'ABIA',
  },
  {
    name: 'AWS ACCA key id',
    value: 'ACCA' + base32(16),
    provider: 'aws',
    live: null,
    kind: 'access key ID',
    prefix: 'ACCA',
  },
  {
    name: 'AWS Bedrock API key',
    value: 'ABSK' + fill('FAKE+example/0', 109),
    provider: 'aws',
    live: null,
    kind: 'Bedrock API key',
    prefix: 'ABSK',
  },
  {
    name: 'Hugging Face token',
    value: 'hf_' + alnum(34),
    provider: 'huggingface',
    live: null,
    kind: 'access token',
    prefix: 'hf_',
  },
  {
    name: 'Hugging Face organization token',
    value: 'api_org_' + alnum(34),
    provider: 'huggingface',
    live: null,
    kind: 'organization token',
    prefix: 'api_org_',
  },
  {
    name: 'Groq key',
    value: 'gsk_' + alnum(52),
    provider: 'groq',
    live: null,
    kind: 'API key',
    prefix: 'gsk_',
  },
  {
    name: 'xAI key',
    value: 'xai-' + fill('FAKE_example0', 80),
    provider: 'xai',
    live: null,
    kind: 'API key',
    prefix: 'xai-',
  },
  {
    name: 'Perplexity key',
    value: 'pplx-' + alnum(48),
    provider: 'perplexity',
    live: null,
    kind: 'API key',
    prefix: 'pplx-',
  },
  {
    name: 'Replicate token',
    value: 'r8_' + b64url(37),
    provider: 'replicate',
    live: null,
    kind: 'API token',
    prefix: 'r8_',
  },
  {
    name: 'SendGrid key',
    value: 'SG.' + b64url(22) + '.' + b64url(43),
    provider: 'sendgrid',
    live: null,
    kind: 'API key',
    prefix: 'SG.',
  },
  {
    name: 'OpenRouter key',
    value: 'sk-or-v1-' + hex(64),
    provider: 'openrouter',
    live: null,
    kind: 'API key',
    prefix: 'sk-or-v1-',
  },
  {
    name: 'Notion token',
    value: 'ntn_' + digits(11) + alnum(35),
    provider: 'notion',
    live: null,
    kind: 'integration token',
    prefix: 'ntn_',
  },
  {
    name: 'Notion legacy token',
    value: 'secret_' + alnum(43),
    provider: 'notion',
    live: null,
    kind: 'legacy integration token',
    prefix: 'secret_',
  },
  {
    name: 'Twilio API key SID',
    value: 'SK' + hex(32),
    provider: 'twilio',
    live: null,
    kind: 'API key SID',
    prefix: 'SK',
  },
  {
    name: 'Twilio account SID',
    value: 'AC' + hex(32),
    provider: 'twilio',
    live: null,
    kind: 'account SID',
    prefix: 'AC',
  },
  {
    name: 'Discord bot token (18-digit id, 24-char first part)',
    value: discordId('100000000000000000') + '.FAKE00.' + b64url(27),
    provider: 'discord',
    live: null,
    kind: 'bot token',
    prefix: '',
  },
  {
    name: 'Discord bot token (19-digit id, 26-char first part)',
    value: discordId('1000000000000000000') + '.FAKE00.' + b64url(38),
    provider: 'discord',
    live: null,
    kind: 'bot token',
    prefix: '',
    atMinimumLength: false,
  },
  {
    name: 'Discord webhook URL',
    value: 'https://discord.com/api/webhooks/' + digits(19) + '/' + b64url(68),
    provider: 'discord',
    live: null,
    kind: 'webhook URL',
    prefix: 'https://discord.com/api/webhooks/',
  },
];

const none = { provider: null, live: null, kind: null };

describe('recognizeKey', () => {
  // The kind crosses as a code; `keyward detect` and the scan's report print its English words.
  it.each(cases)('recognises $name', ({ value, provider, live, kind }) => {
    const recognition = recognizeKey(value);
    expect({ ...recognition, kind: recognition.kind && keyKindEnglish(recognition.kind) }).toEqual({ provider, live, kind });
  });

  it.each(cases)('gives the literal prefix of $name', ({ value, prefix }) => {
    expect(knownPrefix(value)).toBe(prefix);
    expect(value.startsWith(prefix)).toBe(true);
  });

  it('has a fixture for every provider it can recognise', () => {
    expect(new Set(cases.map((c) => c.provider))).toEqual(recognizableProviders);
  });

  it('tells Stripe live keys from test keys', () => {
    expect(recognizeKey('sk_live_' + alnum(30)).live).toBe(true);
    expect(recognizeKey('sk_test_' + alnum(30)).live).toBe(false);
  });

  it('recognises the 26-char first segment only when it encodes a snowflake id', () => {
    expect(recognizeKey(b64url(26) + '.FAKE00.' + b64url(38))).toEqual(none);
    expect(recognizeKey(discordId('1000000000000000000') + '.FAKE00.' + b64url(38)).provider).toBe('discord');
  });

  describe('a pasted value with surroundings', () => {
    it.each(cases)('recognises $name inside whitespace and quotes', ({ value, provider }) => {
      for (const pasted of [`  ${value}\n`, `\t${value}`, `"${value}"`, `'${value}'`, ` " ${value} " `, `“${value}”`]) {
        expect(recognizeKey(pasted).provider).toBe(provider);
      }
    });

    it.each(cases)('rejects $name with a trailing extra character', ({ value }) => {
      expect(recognizeKey(value + '!')).toEqual(none);
      expect(knownPrefix(value + '!')).toBe('');
    });

    it.each(cases)('rejects $name embedded in a sentence', ({ value }) => {
      expect(recognizeKey(`my key is ${value} thanks`)).toEqual(none);
      expect(recognizeKey(`KEY=${value}`)).toEqual(none);
    });

    it.each(cases.filter((c) => c.atMinimumLength !== false))('rejects $name one character too short', ({ value }) => {
      expect(recognizeKey(value.slice(0, -1))).toEqual(none);
    });

    it('rejects an unmatched quote', () => {
      expect(recognizeKey('"ghp_' + alnum(36))).toEqual(none);
    });

    it('rejects fixed-length keys with one more valid character', () => {
      for (const value of [
        'sk-proj-' + b64url(74) + 'T3BlbkFJ' + b64url(75),
        'sk-ant-api03-' + b64url(94) + 'AA',
        'AIza' + b64url(36),
        'ghp_' + alnum(37),
        'AKIA' + base32(17),
        'sk-or-v1-' + hex(65),
        'gsk_' + alnum(53),
        '123456789:A' + b64url(35),
      ]) {
        expect(recognizeKey(value)).toEqual(none);
      }
    });
  });

  describe('values without a distinctive shape give no provider', () => {
    it.each([
      ['an empty value', ''],
      ['whitespace', '   '],
      ['empty quotes', '""'],
      ['an English word', 'keyboard'],
      ['a sentence', 'correct horse battery staple'],
      ['a UUID', '123e4567-e89b-12d3-a456-426614174000'],
      ['a password', 'Tr0ub4dor&3'],
      ['a long password', 'ExamplePassword-with-digits-2024!'],
      ['a DeepSeek-shaped key (sk- + 32 lowercase alnum)', 'sk-' + fill('0000fake', 32)],
      ['an sk- + 32 hex key', 'sk-' + hex(32)],
      ['an sk- + 48 key without the OpenAI marker', 'sk-' + alnum(48)],
      ['a Mistral-shaped key (32 alnum)', alnum(32)],
      ['a Cohere-shaped key (40 alnum)', alnum(40)],
      ['an AWS secret access key', 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'],
      ['an Azure OpenAI key (32 hex)', hex(32)],
      ['a Stripe key without live/test', 'sk_' + alnum(30)],
      ['a JWT', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJGQUtFIn0.' + b64url(43)],
      ['a plain-http Slack webhook', 'http://hooks.slack.com/services/T00000000/B00000000/' + alnum(24)],
    ])('%s', (_name, value) => {
      expect(recognizeKey(value)).toEqual(none);
      expect(knownPrefix(value)).toBe('');
    });
  });

  it('never carries any of the value in its result', () => {
    for (const { value } of cases) {
      expect(JSON.stringify(recognizeKey(value))).not.toContain(value.slice(-8));
    }
  });

  it('cannot recognise providers whose keys have no distinctive shape', () => {
    for (const id of ['deepseek', 'mistral', 'cohere'] as const) {
      expect(recognizableProviders.has(id)).toBe(false);
    }
  });
});

describe('keyShapesInText (the leak scan’s unknown keys)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('finds %s inside a line of code, whole', (_name, c) => {
    const text = `const config = { token: "${c.value}" }; // ${c.value}\nexport TOKEN=${c.value}`;
    const found = [...text.matchAll(keyShapesInText)].map((m) => m[0]);
    expect(found).toEqual([c.value, c.value, c.value]);
    expect(recognizeKey(found[0]!).provider).toBe(c.provider);
  });

  it('does not take a key out of a longer run of letters and digits', () => {
    const text = `x${cases[0]!.value} ${cases[0]!.value}9`;
    expect([...text.matchAll(keyShapesInText)]).toEqual([]);
  });
});

describe('providerCatalog', () => {
  it('has exactly one entry per provider id, in the same order', () => {
    expect(providerCatalog.map((p) => p.id)).toEqual([...providerIds]);
  });

  it('opens every console over https', () => {
    for (const { consoleUrl } of providerCatalog) {
      expect(new URL(consoleUrl).protocol).toBe('https:');
    }
  });

  it('checks keys over https only', () => {
    for (const { check } of providerCatalog) {
      if (check !== undefined) expect(new URL(check.url).protocol).toBe('https:');
    }
  });

  it('names a distinct environment variable for each provider', () => {
    const envVars = providerCatalog.map((p) => p.envVar);
    expect(new Set(envVars).size).toBe(envVars.length);
    for (const envVar of envVars) expect(envVar).toMatch(/^[A-Z][A-Z0-9_]*$/);
  });

  it('gives each card a distinct #rrggbb colour and a one- or two-letter monogram', () => {
    const colours = providerCatalog.map((p) => p.colour);
    for (const colour of colours) expect(colour).toMatch(/^#[0-9a-f]{6}$/i);
    expect(new Set(colours).size).toBe(colours.length);
    for (const { monogram } of providerCatalog) expect(monogram).toMatch(/^[A-Za-z]{1,2}$/);
  });

  it('bills LLM providers by tokens', () => {
    for (const id of ['openai', 'anthropic', 'google', 'groq', 'mistral'] as const) {
      expect(getProvider(id)?.billing).toBe('tokens');
    }
  });

  it('looks providers up by id', () => {
    expect(getProvider('anthropic')?.envVar).toBe('ANTHROPIC_API_KEY');
    expect(getProvider('google')?.envVar).toBe('GEMINI_API_KEY');
    expect(getProvider('nope')).toBeUndefined();
    expect(isCatalogProviderId('stripe')).toBe(true);
    expect(isCatalogProviderId('Stripe')).toBe(false);
    expect(isCatalogProviderId('toString')).toBe(false);
  });

  it('only recognises providers that are in the catalog', () => {
    for (const id of recognizableProviders) expect(isCatalogProviderId(id)).toBe(true);
  });
});

describe('the words for each kind of key', () => {
  const kinds = Object.keys(keyKindWords) as KeyKind[];

  it('are plain English the CLI prints as they are, with no ICU syntax to format', () => {
    for (const kind of kinds) {
      const elements = parse(keyKindWords[kind].defaultMessage);
      expect(
        elements.map((element) => element.type),
        kind,
      ).toEqual([TYPE.literal]);
      expect(windowIntl('en').formatMessage(keyKindWords[kind]), kind).toBe(keyKindEnglish(kind));
    }
  });

  it('are in Korean in the Korean window', () => {
    const ko = windowIntl('ko');
    expect(ko.formatMessage(keyKindWords.projectKey)).toBe('프로젝트 키');
    expect(ko.formatMessage(keyKindWords.botToken)).toBe('봇 토큰');
    expect(ko.formatMessage(keyKindWords.accessKeyId)).toBe('액세스 키 ID');
    for (const kind of kinds) expect(ko.formatMessage(keyKindWords[kind]), kind).not.toBe(keyKindEnglish(kind));
  });

  it('cover every kind a rule gives', () => {
    for (const { value } of cases) expect(kinds).toContain(recognizeKey(value).kind);
  });
});
