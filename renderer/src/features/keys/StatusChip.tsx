import { useIntl } from 'react-intl';
import { keyStatus, localDay } from '../../../../contract/key-status.ts';
import type { KeySummary } from '../../../../contract/keys.ts';
import { When } from '../../components/When.tsx';
import { useSettings } from '../../stores/settings.ts';
import { statusWords } from './format.ts';

/**
 * The card's one-word view of a key's dates. It follows the same settings as the reminders (the
 * environment's rotation policy, the first lead time), so the chip and "Needs attention" agree.
 */
export function StatusChip({ keySummary }: { keySummary: KeySummary }) {
  const intl = useIntl();
  const rotationPolicy = useSettings((s) => s.settings.rotationPolicy);
  const soonDays = useSettings((s) => Math.max(0, ...s.settings.reminderLeadDays));
  const today = localDay(new Date());
  const status = keyStatus(keySummary, today, { rotationPolicy, soonDays });
  if (!status) return null;
  return (
    <When value={status.date} className={`chip status-${status.tone}`}>
      {statusWords(intl, status, keySummary.expiresAt, today)}
    </When>
  );
}
