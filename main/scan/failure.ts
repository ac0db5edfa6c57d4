import { defineMessages } from '@formatjs/intl';
import { phrase, type Phrase } from '../../i18n/phrase.ts';

/** Why a scan failed, as a report carries it: a phrase, so the window says it in its language and the CLI in English. */
const failures = defineMessages({
  stopped: { id: 'scan.stopped', defaultMessage: 'The scan stopped unexpectedly inside Keyward.' },
});

/** A worker died or reported a failure. */
export function stoppedUnexpectedly(): Phrase {
  return phrase(failures.stopped);
}
