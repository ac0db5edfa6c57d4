import type { IntlShape } from 'react-intl';
import { defineMessages } from 'react-intl';
import type { CheckResult, CheckVerdict } from '../../../../contract/health.ts';
import { timeAgo } from '../../lib/time.ts';

const verdictWords = defineMessages<CheckVerdict>({
  valid: { id: 'health.verdictValid', defaultMessage: 'valid' },
  invalid: { id: 'health.verdictInvalid', defaultMessage: 'invalid or revoked' },
  'no-credit': { id: 'health.verdictNoCredit', defaultMessage: 'valid, no credit' },
  'not-enabled': { id: 'health.verdictNotEnabled', defaultMessage: 'valid, API not enabled' },
  unreachable: { id: 'health.verdictUnreachable', defaultMessage: 'no answer' },
});

/** "Checked 3 days ago: valid", in the language in force. */
export function checkedWords(check: CheckResult, intl: IntlShape, now = Date.now()): string {
  const when = timeAgo(check.checkedAt, now, intl);
  const verdict = intl.formatMessage(verdictWords[check.verdict]);
  return intl.formatMessage({ id: 'health.checkedAgo', defaultMessage: 'Checked {when}: {verdict}' }, { when, verdict });
}

/** What the provider told besides the verdict, in a few words ("scopes: repo, gist"). */
export function checkFacts(check: CheckResult, intl: IntlShape): string[] {
  const { details } = check;
  const facts: string[] = [];
  if (details.restricted === true)
    facts.push(intl.formatMessage({ id: 'health.factRestricted', defaultMessage: 'restricted key' }));
  if (Array.isArray(details.scopes)) {
    const scopes = details.scopes.join(', ') || intl.formatMessage({ id: 'health.factNoScopes', defaultMessage: 'none' });
    facts.push(intl.formatMessage({ id: 'health.factScopes', defaultMessage: 'scopes: {scopes}' }, { scopes }));
  }
  if (Array.isArray(details.acls)) {
    facts.push(
      intl.formatMessage(
        { id: 'health.factPermissions', defaultMessage: 'permissions: {acls}' },
        { acls: details.acls.join(', ') },
      ),
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
