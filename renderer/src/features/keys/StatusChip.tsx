import { keyStatus, localDay } from '../../../../contract/key-status.ts';
import type { KeySummary } from '../../../../contract/keys.ts';

export function StatusChip({ keySummary }: { keySummary: KeySummary }) {
  const status = keyStatus(keySummary, localDay(new Date()));
  if (!status) return null;
  return (
    <span className={`chip status-${status.tone}`} title={status.date}>
      {status.label}
    </span>
  );
}
