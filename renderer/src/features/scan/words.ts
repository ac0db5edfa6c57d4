import type { IntlShape } from 'react-intl';
import { keyKindWords } from '../../../../contract/key-kinds.ts';
import { providerDisplayName } from '../../../../contract/providers.ts';
import type { ScanFinding, ScanReport } from '../../../../contract/scan.ts';
import { phraseText } from '../../../../i18n/phrase-text.ts';

/**
 * What a group of findings is called: a vault key's label, or for an unknown key what its format
 * says it is ("OpenAI project key", "OpenAI 프로젝트 키"), worded here in the window's language from
 * its provider and kind; main's `label` is the English the CLI prints.
 */
export function findingLabel(finding: ScanFinding, intl: IntlShape): string {
  if (finding.provider === null || finding.keyKind === null) return finding.label;
  return intl.formatMessage(
    { id: 'scan.unknownLabel', defaultMessage: '{provider} {kind}' },
    { provider: providerDisplayName(finding.provider), kind: intl.formatMessage(keyKindWords[finding.keyKind]) },
  );
}

/** Why a failed scan failed, in the window's language. */
export function failureText(report: Pick<ScanReport, 'error'>, intl: IntlShape): string {
  return report.error
    ? phraseText(report.error, intl)
    : intl.formatMessage({ id: 'scan.failed', defaultMessage: 'The scan failed.' });
}
