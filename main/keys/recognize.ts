/**
 * Tells which provider a pasted key belongs to, from its shape alone.
 *
 * Patterns are our own, written from the formats documented by gitleaks (MIT), kingfisher
 * (Apache-2.0) and the providers' own documentation. Each is anchored
 * because the input is one pasted value: a key inside other text is not "a key".
 * A value is a secret, so nothing here logs it, throws with it or returns any part of it
 * beyond the literal prefix every key of that kind shares.
 */
import type { KeyKind } from '../../contract/key-kinds.ts';
import type { Recognition } from '../../contract/keys.ts';
import { normalisePastedSecret } from '../../contract/pasted-secret.ts';
import type { CatalogProviderId } from '../../contract/providers.ts';

interface Rule {
  provider: CatalogProviderId;
  kind: KeyKind;
  live: boolean | null;
  /** Anchored. The named group `prefix` is the literal start that masking may show. */
  pattern: RegExp;
  /** A further check for shapes a regex alone would confuse with other tokens. */
  confirm?: (match: RegExpExecArray) => boolean;
}

function rule(provider: CatalogProviderId, kind: KeyKind, pattern: RegExp, live: boolean | null = null): Rule {
  return { provider, kind, live, pattern };
}

// OpenAI's modern keys carry T3BlbkFJ (base64 of "OpenAI") between two 74- or 58-char halves.
function openaiKey(type: string, kind: KeyKind): Rule {
  const half = '(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})';
  return rule('openai', kind, new RegExp(`^(?<prefix>sk-${type}-)${half}T3BlbkFJ${half}$`));
}

function stripeKeys(type: string, kind: KeyKind): Rule[] {
  return (['live', 'test'] as const).map((mode) =>
    rule('stripe', kind, new RegExp(`^(?<prefix>${type}_${mode}_)[A-Za-z0-9]{20,247}$`), mode === 'live'),
  );
}

function githubToken(type: string, kind: KeyKind): Rule {
  return rule('github', kind, new RegExp(`^(?<prefix>${type}_)[A-Za-z0-9]{36}$`));
}

// A Discord bot token's first part is the bot's user id (a 17–20 digit snowflake) in base64url,
// 23–27 chars. Checking that it decodes to digits keeps other dot-separated tokens (JWT-like
// values, version strings) from passing as Discord.
function isSnowflakeSegment(match: RegExpExecArray): boolean {
  const segment = match.groups?.['id'] ?? '';
  return /^[0-9]{17,20}$/.test(Buffer.from(segment, 'base64url').toString('latin1'));
}

// Most specific first: several providers share `sk-`, and the generic shapes come last.
const rules: readonly Rule[] = [
  rule('anthropic', 'adminKey', /^(?<prefix>sk-ant-admin01-)[A-Za-z0-9_-]{93}AA$/),
  rule('anthropic', 'apiKey', /^(?<prefix>sk-ant-api03-)[A-Za-z0-9_-]{93}AA$/),
  openaiKey('admin', 'adminKey'),
  openaiKey('proj', 'projectKey'),
  openaiKey('svcacct', 'serviceAccountKey'),
  rule('openrouter', 'apiKey', /^(?<prefix>sk-or-v1-)[0-9a-f]{64}$/),
  // Without the T3BlbkFJ marker, `sk-` + 48 is shared with other OpenAI-compatible vendors.
  rule('openai', 'legacyUserKey', /^(?<prefix>sk-)[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}$/),
  ...stripeKeys('sk', 'secretKey'),
  ...stripeKeys('rk', 'restrictedKey'),
  ...stripeKeys('pk', 'publishableKey'),
  rule('groq', 'apiKey', /^(?<prefix>gsk_)[A-Za-z0-9]{52}$/),
  rule('xai', 'apiKey', /^(?<prefix>xai-)[A-Za-z0-9_]{80}$/),
  rule('perplexity', 'apiKey', /^(?<prefix>pplx-)[A-Za-z0-9]{48}$/),
  rule('replicate', 'apiToken', /^(?<prefix>r8_)[A-Za-z0-9_-]{37}$/),
  rule('huggingface', 'accessToken', /^(?<prefix>hf_)[A-Za-z0-9]{34}$/),
  rule('huggingface', 'organizationToken', /^(?<prefix>api_org_)[A-Za-z0-9]{34}$/),
  githubToken('ghp', 'classicToken'),
  githubToken('gho', 'oauthToken'),
  githubToken('ghu', 'userToServerToken'),
  githubToken('ghs', 'serverToServerToken'),
  githubToken('ghr', 'refreshToken'),
  rule('github', 'fineGrainedToken', /^(?<prefix>github_pat_)[A-Za-z0-9_]{82}$/),
  rule('slack', 'configurationToken', /^(?<prefix>xoxe\.xox[bp]-)[0-9]-[A-Za-z0-9]{163,166}$/),
  rule('slack', 'refreshToken', /^(?<prefix>xoxe-)[0-9]-[A-Za-z0-9]{146}$/),
  rule('slack', 'botToken', /^(?<prefix>xoxb-)[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34}$/),
  rule('slack', 'botToken', /^(?<prefix>xoxb-)[0-9]{8,14}-[A-Za-z0-9]{18,26}$/),
  rule('slack', 'userToken', /^(?<prefix>xoxp-)[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{28,34}$/),
  rule('slack', 'appLevelToken', /^(?<prefix>xapp-)[0-9]-[A-Z0-9]{8,14}-[0-9]{10,14}-[A-Za-z0-9]{32,80}$/),
  rule(
    'slack',
    'webhookUrl',
    /^(?<prefix>https:\/\/hooks\.slack\.com\/services\/)T[A-Z0-9]{6,14}\/B[A-Z0-9]{6,14}\/[A-Za-z0-9]{23,25}$/,
  ),
  rule(
    'slack',
    'workflowWebhookUrl',
    /^(?<prefix>https:\/\/hooks\.slack\.com\/workflows\/)T[A-Z0-9]{6,14}\/A[A-Z0-9]{6,14}\/[0-9]{17,19}\/[A-Za-z0-9]{23,25}$/,
  ),
  rule('google', 'apiKey', /^(?<prefix>AIza)[A-Za-z0-9_-]{35}$/),
  rule('aws', 'accessKeyId', /^(?<prefix>AKIA|ABIA|ACCA)[A-Z2-7]{16}$/),
  rule('aws', 'temporaryAccessKeyId', /^(?<prefix>ASIA)[A-Z2-7]{16}$/),
  rule('aws', 'bedrockApiKey', /^(?<prefix>ABSK)[A-Za-z0-9+/]{109,269}={0,2}$/),
  rule('sendgrid', 'apiKey', /^(?<prefix>SG\.)[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}$/),
  rule('notion', 'integrationToken', /^(?<prefix>ntn_)[0-9]{11}[A-Za-z0-9]{35}$/),
  rule('notion', 'legacyIntegrationToken', /^(?<prefix>secret_)[A-Za-z0-9]{43}$/),
  rule('twilio', 'apiKeySid', /^(?<prefix>SK)[0-9a-fA-F]{32}$/),
  rule('twilio', 'accountSid', /^(?<prefix>AC)[0-9a-fA-F]{32}$/),
  // The bot id before the colon is not a literal prefix, so Telegram masks like an unknown value.
  rule('telegram', 'botToken', /^[0-9]{5,16}:A[A-Za-z0-9_-]{34}$/),
  rule(
    'discord',
    'webhookUrl',
    /^(?<prefix>https:\/\/(?:discord|discordapp)\.com\/api\/webhooks\/)[0-9]{17,20}\/[A-Za-z0-9_-]{68}$/,
  ),
  // Scanners expect a 24-char first part, but bots created since ~2022 have 19-digit ids (26 chars).
  {
    ...rule('discord', 'botToken', /^(?<id>[A-Za-z0-9_-]{23,27})\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}$/),
    confirm: isSnowflakeSegment,
  },
];

/**
 * The same rules, unanchored, as one expression for finding key-shaped strings inside text (the
 * leak scan): a match must not continue a longer letter-and-digit run on either side, and is
 * then confirmed with `recognizeKey`, which applies the anchored rule and its extra check.
 */
export const keyShapesInText: RegExp = new RegExp(
  `(?<![A-Za-z0-9])(?:${rules
    .map((r) =>
      r.pattern.source
        .replace(/^\^/, '')
        .replace(/\$$/, '')
        .replace(/\(\?<[A-Za-z]+>/g, '(?:'),
    )
    .join('|')})(?![A-Za-z0-9])`,
  'g',
);

export const recognizableProviders: ReadonlySet<CatalogProviderId> = new Set(rules.map((r) => r.provider));

function findRule(value: string): { rule: Rule; match: RegExpExecArray } | null {
  const candidate = normalisePastedSecret(value);
  for (const r of rules) {
    const match = r.pattern.exec(candidate);
    if (match !== null && (r.confirm === undefined || r.confirm(match))) return { rule: r, match };
  }
  return null;
}

/** Unrecognisable values give no provider, never a wrong guess. */
export function recognizeKey(value: string): Recognition {
  const found = findRule(value);
  if (found === null) return { provider: null, live: null, kind: null };
  return { provider: found.rule.provider, live: found.rule.live, kind: found.rule.kind };
}

/** The literal start shared by every key of the recognised kind (e.g. `sk-proj-`), or '' if none is known. */
export function knownPrefix(value: string): string {
  return findRule(value)?.match.groups?.['prefix'] ?? '';
}
