import { defineMessages } from '../i18n/phrase.ts';

/**
 * The kinds of credential a key's format tells apart (main/keys/recognize.ts), by a stable code,
 * each with its words: the English here is what `keyward detect` and the leak scan's CLI report
 * print ("OpenAI project key"), and the window says the same message in its language. Plain
 * words without ICU syntax, so the CLI can print the English as it is, without FormatJS.
 */
export const keyKindWords = defineMessages({
  adminKey: { id: 'keys.kind.adminKey', defaultMessage: 'admin key' },
  apiKey: { id: 'keys.kind.apiKey', defaultMessage: 'API key' },
  projectKey: { id: 'keys.kind.projectKey', defaultMessage: 'project key' },
  serviceAccountKey: { id: 'keys.kind.serviceAccountKey', defaultMessage: 'service account key' },
  legacyUserKey: { id: 'keys.kind.legacyUserKey', defaultMessage: 'legacy user key' },
  secretKey: { id: 'keys.kind.secretKey', defaultMessage: 'secret key' },
  restrictedKey: { id: 'keys.kind.restrictedKey', defaultMessage: 'restricted key' },
  publishableKey: { id: 'keys.kind.publishableKey', defaultMessage: 'publishable key' },
  apiToken: { id: 'keys.kind.apiToken', defaultMessage: 'API token' },
  accessToken: { id: 'keys.kind.accessToken', defaultMessage: 'access token' },
  organizationToken: { id: 'keys.kind.organizationToken', defaultMessage: 'organization token' },
  classicToken: { id: 'keys.kind.classicToken', defaultMessage: 'classic token' },
  oauthToken: { id: 'keys.kind.oauthToken', defaultMessage: 'OAuth token' },
  userToServerToken: { id: 'keys.kind.userToServerToken', defaultMessage: 'user-to-server token' },
  serverToServerToken: { id: 'keys.kind.serverToServerToken', defaultMessage: 'server-to-server token' },
  refreshToken: { id: 'keys.kind.refreshToken', defaultMessage: 'refresh token' },
  fineGrainedToken: { id: 'keys.kind.fineGrainedToken', defaultMessage: 'fine-grained token' },
  configurationToken: { id: 'keys.kind.configurationToken', defaultMessage: 'configuration token' },
  botToken: { id: 'keys.kind.botToken', defaultMessage: 'bot token' },
  userToken: { id: 'keys.kind.userToken', defaultMessage: 'user token' },
  appLevelToken: { id: 'keys.kind.appLevelToken', defaultMessage: 'app-level token' },
  webhookUrl: { id: 'keys.kind.webhookUrl', defaultMessage: 'webhook URL' },
  workflowWebhookUrl: { id: 'keys.kind.workflowWebhookUrl', defaultMessage: 'workflow webhook URL' },
  accessKeyId: { id: 'keys.kind.accessKeyId', defaultMessage: 'access key ID' },
  temporaryAccessKeyId: { id: 'keys.kind.temporaryAccessKeyId', defaultMessage: 'temporary access key ID' },
  bedrockApiKey: { id: 'keys.kind.bedrockApiKey', defaultMessage: 'Bedrock API key' },
  integrationToken: { id: 'keys.kind.integrationToken', defaultMessage: 'integration token' },
  legacyIntegrationToken: { id: 'keys.kind.legacyIntegrationToken', defaultMessage: 'legacy integration token' },
  apiKeySid: { id: 'keys.kind.apiKeySid', defaultMessage: 'API key SID' },
  accountSid: { id: 'keys.kind.accountSid', defaultMessage: 'account SID' },
});

export type KeyKind = keyof typeof keyKindWords;

/** The English words for a kind: what the CLI prints. */
export function keyKindEnglish(kind: KeyKind): string {
  return keyKindWords[kind].defaultMessage;
}
