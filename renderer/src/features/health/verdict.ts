import type { CheckResult, CheckVerdict } from '../../../../contract/health.ts';
import { timeAgo } from '../../lib/time.ts';

const verdictWords: Record<CheckVerdict, string> = {
  valid: 'valid',
  invalid: 'invalid or revoked',
  'no-credit': 'valid, no credit',
  'not-enabled': 'valid, API not enabled',
  unreachable: 'no answer',
};

/** "Checked 3 days ago: valid". */
export function checkedWords(check: CheckResult, now = Date.now()): string {
  const when = timeAgo(check.checkedAt, now);
  return `Checked ${when === 'just now' ? 'just now' : when}: ${verdictWords[check.verdict]}`;
}

/** What the provider told besides the verdict, in a few words ("scopes: repo, gist"). */
export function checkFacts(check: CheckResult): string[] {
  const { details } = check;
  const facts: string[] = [];
  if (details.restricted === true) facts.push('restricted key');
  if (Array.isArray(details.scopes)) facts.push(`scopes: ${details.scopes.join(', ') || 'none'}`);
  if (Array.isArray(details.acls)) facts.push(`permissions: ${details.acls.join(', ')}`);
  if (typeof details.expiresAt === 'string') {
    facts.push(
      details.expiryDiffers === true
        ? `provider says it expires ${details.expiresAt}, not on the date set here`
        : `expires ${details.expiresAt}`,
    );
  }
  if (typeof details.limit_remaining === 'number') facts.push(`credit left ${details.limit_remaining}`);
  return facts;
}
