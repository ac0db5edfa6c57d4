import type { IntlShape } from 'react-intl';
import { defineMessages } from 'react-intl';
import type { CheckResult, CheckVerdict } from '../../../../contract/health.ts';

const verdictWords = defineMessages<CheckVerdict>({
  valid: { id: 'health.verdictValid', defaultMessage: 'valid' },
  invalid: { id: 'health.verdictInvalid', defaultMessage: 'invalid or revoked' },
  'no-credit': { id: 'health.verdictNoCredit', defaultMessage: 'valid, no credit' },
  'not-enabled': { id: 'health.verdictNotEnabled', defaultMessage: 'valid, API not enabled' },
  unreachable: { id: 'health.verdictUnreachable', defaultMessage: 'no answer' },
});

/** The largest unit that fits, as people say it: "3 days ago", not "72 hours ago". */
const steps: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 days ago", "yesterday" ("3일 전", "어제"), or null under a minute. */
function ago(iso: string, now: number, intl: IntlShape): string | null {
  const elapsed = now - Date.parse(iso);
  for (const [unit, size] of steps) {
    if (Math.abs(elapsed) >= size) return intl.formatRelativeTime(-Math.round(elapsed / size), unit, { numeric: 'auto' });
  }
  return null;
}

/** "Checked 3 days ago: valid", in the language in force. */
export function checkedWords(check: CheckResult, intl: IntlShape, now = Date.now()): string {
  const when = ago(check.checkedAt, now, intl);
  const verdict = intl.formatMessage(verdictWords[check.verdict]);
  return when === null
    ? intl.formatMessage({ id: 'health.checkedJustNow', defaultMessage: 'Checked just now: {verdict}' }, { verdict })
    : intl.formatMessage({ id: 'health.checkedAgo', defaultMessage: 'Checked {when}: {verdict}' }, { when, verdict });
}

/** What the provider told besides the verdict, in a few words ("scopes: repo, gist"). */
export function checkFacts(check: CheckResult, intl: IntlShape): string[] {
  const { details } = check;
  const facts: string[] = [];
  if (details.restricted === true) facts.push(intl.formatMessage({ id: 'health.factRestricted', defaultMessage: 'restricted key' }));
  if (Array.isArray(details.scopes)) {
    const scopes = details.scopes.join(', ') || intl.formatMessage({ id: 'health.factNoScopes', defaultMessage: 'none' });
    facts.push(intl.formatMessage({ id: 'health.factScopes', defaultMessage: 'scopes: {scopes}' }, { scopes }));
  }
  if (Array.isArray(details.acls)) {
    facts.push(
      intl.formatMessage({ id: 'health.factPermissions', defaultMessage: 'permissions: {acls}' }, { acls: details.acls.join(', ') }),
    );
  }
  if (typeof details.expiresAt === 'string') {
    facts.push(
      details.expiryDiffers === true
        ? intl.formatMessage(
            { id: 'health.factExpiryDiffers', defaultMessage: 'provider says it expires {date}, not on the date set here' },
            { date: details.expiresAt },
          )
        : intl.formatMessage({ id: 'health.factExpires', defaultMessage: 'expires {date}' }, { date: details.expiresAt }),
    );
  }
  if (typeof details.limit_remaining === 'number') {
    facts.push(
      intl.formatMessage(
        { id: 'health.factCreditLeft', defaultMessage: 'credit left {amount, number}' },
        { amount: details.limit_remaining },
      ),
    );
  }
  return facts;
}
