import { useId, useState } from 'react';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import type { DueItem } from '../../../../contract/reminders.ts';
import { Icon } from '../../components/Icon.tsx';
import { useAttention } from '../../stores/attention.ts';
import { useHealth } from '../../stores/health.ts';
import { HealthRow } from '../health/HealthView.tsx';
import { useUi } from '../../stores/ui.ts';

/** "expires 29 Nov 2026", "rotation due …", "revoke by …": the date and what it is for. */
function dueWords(item: DueItem): string {
  const day = formatDay(item.dueDate);
  if (item.reason === 'expiry') return `${item.daysLeft < 0 ? 'expired' : 'expires'} ${day}`;
  if (item.reason === 'rotation') return `rotation due ${day}${item.interval === 'environment' ? ` (${item.environment} policy)` : ''}`;
  return `old key #${item.historySeq}: revoke by ${day}`;
}
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const whenFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/** "2 Dec 2026" for a YYYY-MM-DD day, without a time zone shifting it by one. */
export function formatDay(day: string): string {
  return dayFormat.format(new Date(`${day}T00:00:00Z`));
}

/**
 * How many items show before "Show all": the most urgent come first, and a vault with hundreds of
 * keys due must not push the cards off the screen (nor render hundreds of rows the user did not
 * ask for: the benchmark's 10,000 keys had ~450 due).
 */
export const ATTENTION_SHOWN = 5;

/**
 * Expired keys and what is due, at the top of the main view: red for expired and due today or
 * overdue, amber for what is coming up. Each item leads to what fixes it (rotate, or the old
 * key's history to mark it revoked) or can be snoozed for a day or a week.
 */
export function NeedsAttention() {
  const items = useAttention((s) => s.items);
  const headingId = useId();
  const listId = useId();
  const [expanded, setExpanded] = useState(false);
  // Health items (duplicates, live keys in dev, invalid at the last check…) follow the dated ones.
  const health = useHealth((s) => s.urgent);
  const showSection = useUi((s) => s.showSection);
  if (items.length === 0 && health.length === 0) return null;
  const active = items.filter((item) => item.snoozedUntil === null).length + health.length;
  const shown = expanded ? items : items.slice(0, ATTENTION_SHOWN);
  return (
    <section className="attention" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <Icon name="warning" />
        Needs attention
        <span className="count" aria-label={`${active} active`}>
          {active}
        </span>
      </h2>
      <ul id={listId}>
        {shown.map((item) => (
          <AttentionItem key={`${item.keyId}/${item.reason}/${item.historySeq}`} item={item} />
        ))}
        {health.slice(0, expanded ? undefined : ATTENTION_SHOWN).map((item) => (
          <HealthRow key={`health/${item.keyId}/${item.reason}`} item={item} />
        ))}
      </ul>
      {health.length > ATTENTION_SHOWN && !expanded && (
        <button type="button" className="link-button small" onClick={() => showSection('health')}>
          All {health.length} urgent health items
        </button>
      )}
      {(items.length > ATTENTION_SHOWN || health.length > ATTENTION_SHOWN) && (
        <button type="button" className="secondary small" aria-expanded={expanded} aria-controls={listId} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show the first few' : `Show all ${items.length + health.length}`}
        </button>
      )}
    </section>
  );
}

function AttentionItem({ item }: { item: DueItem }) {
  const open = useUi((s) => s.open);
  const snooze = useAttention((s) => s.snooze);
  const [error, setError] = useState<string | null>(null);
  const labelId = useId();
  const provider = providerLook(item.provider).name;

  async function later(days: 1 | 7) {
    try {
      setError(null);
      await snooze(item, days);
    } catch (caught) {
      setError(isKeywardError(caught) ? caught.message : 'Could not snooze the reminder.');
    }
  }

  return (
    <li className={item.snoozedUntil ? 'attention-item snoozed' : 'attention-item'} aria-labelledby={labelId}>
      <span className={`chip status-${item.tone}`}>{item.summary}</span>
      <div className="attention-main">
        <span id={labelId} className="attention-label">
          {item.label}
        </span>
        <span className="muted small">
          {provider} · {item.environment} · {dueWords(item)}
          {item.snoozedUntil ? ` · snoozed until ${whenFormat.format(new Date(item.snoozedUntil))}` : ''}
        </span>
        {error && (
          <span role="alert" className="error small">
            {error}
          </span>
        )}
      </div>
      <div className="attention-actions">
        {item.reason === 'revoke' ? (
          <button type="button" className="secondary small" aria-label={`Old keys of ${item.label}`} onClick={() => open({ kind: 'history', id: item.keyId })}>
            <Icon name="history" />
            Old keys
          </button>
        ) : (
          <button type="button" className="secondary small" aria-label={`Rotate ${item.label}`} onClick={() => open({ kind: 'rotate', id: item.keyId })}>
            <Icon name="rotate" />
            Rotate
          </button>
        )}
        <span className="snooze muted small">
          Snooze
          <button type="button" className="link-button" aria-label={`Snooze ${item.label} for a day`} onClick={() => void later(1)}>
            1 day
          </button>
          <button type="button" className="link-button" aria-label={`Snooze ${item.label} for a week`} onClick={() => void later(7)}>
            1 week
          </button>
        </span>
      </div>
    </li>
  );
}
