import { useId, useMemo, useState } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { isKeywardError } from '../../../../contract/errors.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import type { DueItem } from '../../../../contract/reminders.ts';
import { Icon } from '../../components/Icon.tsx';
import { When } from '../../components/When.tsx';
import { fullDate } from '../../lib/time.ts';
import { useAttention } from '../../stores/attention.ts';
import { useHealth } from '../../stores/health.ts';
import { HealthRow } from '../health/HealthView.tsx';
import { useSettings } from '../../stores/settings.ts';
import { useUi } from '../../stores/ui.ts';

/** "expires 29 Nov 2026", "rotation due …", "revoke by …": the date and what it is for. */
function dueWords(item: DueItem): string {
  const day = formatDay(item.dueDate);
  if (item.reason === 'expiry') return `${item.daysLeft < 0 ? 'expired' : 'expires'} ${day}`;
  if (item.reason === 'rotation')
    return `rotation due ${day}${item.interval === 'environment' ? ` (${item.environment} policy)` : ''}`;
  return `old key #${item.historySeq}: revoke by ${day}`;
}
const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

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
 * key's history to mark it revoked) or can be snoozed for a day or a week; snoozed items leave
 * the list (one button brings them back into view). It follows the search and filters
 * (`visibleKeys`, null when there are none), its count is the number of items it lists, and it
 * folds to its heading, which the vault's settings remember.
 */
export function NeedsAttention({ visibleKeys }: { visibleKeys: readonly KeySummary[] | null }) {
  const all = useAttention((s) => s.items);
  const collapsed = useSettings((s) => s.settings.attentionCollapsed);
  const updateSettings = useSettings((s) => s.update);
  const headingId = useId();
  const listId = useId();
  const [expanded, setExpanded] = useState(false);
  const [showSnoozed, setShowSnoozed] = useState(false);
  // Health items (duplicates, live keys in dev, invalid at the last check…) follow the dated ones.
  const allHealth = useHealth((s) => s.urgent);
  const showSection = useUi((s) => s.showSection);
  const [items, health] = useMemo(() => {
    if (visibleKeys === null) return [all, allHealth];
    const ids = new Set(visibleKeys.map((key) => key.id));
    return [all.filter((item) => ids.has(item.keyId)), allHealth.filter((item) => ids.has(item.keyId))];
  }, [all, allHealth, visibleKeys]);
  const snoozed = items.filter((item) => item.snoozedUntil !== null).length;
  const listed = showSnoozed ? items : items.filter((item) => item.snoozedUntil === null);
  if (listed.length === 0 && snoozed === 0 && health.length === 0) return null;
  const shown = expanded ? listed : listed.slice(0, ATTENTION_SHOWN);
  const healthShown = expanded ? health : health.slice(0, ATTENTION_SHOWN);
  const count = listed.length + health.length;
  return (
    <section className={collapsed ? 'attention collapsed' : 'attention'} aria-labelledby={headingId}>
      <h2 id={headingId}>
        <button
          type="button"
          className="attention-toggle"
          aria-expanded={!collapsed}
          aria-controls={listId}
          onClick={() => void updateSettings({ attentionCollapsed: !collapsed }).catch(() => undefined)}
        >
          <span className="attention-chevron" aria-hidden="true">
            <Icon name="chevron" />
          </span>
          <Icon name="warning" />
          Needs attention
          <span className="count" aria-label={`${count} listed`}>
            {count}
          </span>
        </button>
      </h2>
      {!collapsed && (
        <>
          <ul id={listId}>
            {shown.map((item) => (
              <AttentionItem key={`${item.keyId}/${item.reason}/${item.historySeq}`} item={item} />
            ))}
            {healthShown.map((item) => (
              <HealthRow key={`health/${item.keyId}/${item.reason}`} item={item} />
            ))}
          </ul>
          <div className="attention-more">
            {(listed.length > ATTENTION_SHOWN || health.length > ATTENTION_SHOWN) && (
              <button
                type="button"
                className="secondary small"
                aria-expanded={expanded}
                aria-controls={listId}
                onClick={() => setExpanded(!expanded)}
              >
                {expanded ? 'Show the first few' : `Show all ${count}`}
              </button>
            )}
            {health.length > ATTENTION_SHOWN && !expanded && (
              <button type="button" className="link-button small" onClick={() => showSection('health')}>
                All {health.length} urgent health items
              </button>
            )}
            {snoozed > 0 && (
              <button
                type="button"
                className="link-button small"
                aria-pressed={showSnoozed}
                onClick={() => setShowSnoozed(!showSnoozed)}
              >
                {showSnoozed ? `Hide ${snoozed} snoozed` : `${snoozed} snoozed`}
              </button>
            )}
          </div>
        </>
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
          {provider} · {item.environment} · <When value={item.dueDate}>{dueWords(item)}</When>
          {item.snoozedUntil ? ` · snoozed until ${fullDate(item.snoozedUntil)}` : ''}
        </span>
        {error && (
          <span role="alert" className="error small">
            {error}
          </span>
        )}
      </div>
      <div className="attention-actions">
        {item.reason === 'revoke' ? (
          <button
            type="button"
            className="secondary small"
            aria-label={`Old keys of ${item.label}`}
            onClick={() => open({ kind: 'history', id: item.keyId })}
          >
            <Icon name="history" />
            Old keys
          </button>
        ) : (
          <button
            type="button"
            className="secondary small"
            aria-label={`Rotate ${item.label}`}
            onClick={() => open({ kind: 'rotate', id: item.keyId })}
          >
            <Icon name="rotate" />
            Rotate
          </button>
        )}
        <span className="snooze muted small">
          Snooze
          <button
            type="button"
            className="link-button"
            aria-label={`Snooze ${item.label} for 1 day`}
            onClick={() => void later(1)}
          >
            1 day
          </button>
          <button
            type="button"
            className="link-button"
            aria-label={`Snooze ${item.label} for 1 week`}
            onClick={() => void later(7)}
          >
            1 week
          </button>
        </span>
      </div>
    </li>
  );
}
