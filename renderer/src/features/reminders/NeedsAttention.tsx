import { useId, useMemo, useState } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import type { DueItem } from '../../../../contract/reminders.ts';
import { Icon } from '../../components/Icon.tsx';
import { When } from '../../components/When.tsx';
import { fullDate } from '../../lib/time.ts';
import { useAttention } from '../../stores/attention.ts';
import { useHealth } from '../../stores/health.ts';
import { HealthRow } from '../health/HealthView.tsx';
import { environmentShort } from '../keys/format.ts';
import { symbols } from '../keys/symbols.ts';
import { dueWords, summaryWords } from './words.ts';
import { useSettings } from '../../stores/settings.ts';
import { useUi } from '../../stores/ui.ts';
import { errorText } from '../../lib/error-text.ts';

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
  const intl = useIntl();
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
          <FormattedMessage id="reminders.heading" defaultMessage="Needs attention" />
          <span
            className="count"
            aria-label={intl.formatMessage({ id: 'reminders.count', defaultMessage: '{count} listed' }, { count })}
          >
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
                {expanded ? (
                  <FormattedMessage id="reminders.showFirst" defaultMessage="Show the first few" />
                ) : (
                  <FormattedMessage id="reminders.showAll" defaultMessage="Show all {count}" values={{ count }} />
                )}
              </button>
            )}
            {health.length > ATTENTION_SHOWN && !expanded && (
              <button type="button" className="link-button small" onClick={() => showSection('health')}>
                <FormattedMessage
                  id="reminders.allHealth"
                  defaultMessage="{count, plural, one {All # urgent health item} other {All # urgent health items}}"
                  values={{ count: health.length }}
                />
              </button>
            )}
            {snoozed > 0 && (
              <button
                type="button"
                className="link-button small"
                aria-pressed={showSnoozed}
                onClick={() => setShowSnoozed(!showSnoozed)}
              >
                {showSnoozed ? (
                  <FormattedMessage
                    id="reminders.hideSnoozed"
                    defaultMessage="Hide {count} snoozed"
                    values={{ count: snoozed }}
                  />
                ) : (
                  <FormattedMessage id="reminders.showSnoozed" defaultMessage="{count} snoozed" values={{ count: snoozed }} />
                )}
              </button>
            )}
          </div>
        </>
      )}
    </section>
  );
}

function AttentionItem({ item }: { item: DueItem }) {
  const intl = useIntl();
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
      setError(
        errorText(
          caught,
          intl.formatMessage({ id: 'reminders.snoozeFailed', defaultMessage: 'Could not snooze the reminder.' }),
          intl,
        ),
      );
    }
  }

  return (
    <li className={item.snoozedUntil ? 'attention-item snoozed' : 'attention-item'} aria-labelledby={labelId}>
      <span className={`chip status-${item.tone}`}>{summaryWords(intl, item)}</span>
      <div className="attention-main">
        <span id={labelId} className="attention-label">
          {item.label}
        </span>
        <span className="muted small">
          {provider}
          {symbols.separator}
          {environmentShort(intl, item.environment)}
          {symbols.separator}
          <When value={item.dueDate}>{dueWords(intl, item)}</When>
          {item.snoozedUntil && (
            <>
              {symbols.separator}
              <FormattedMessage
                id="reminders.snoozedUntil"
                defaultMessage="snoozed until {date}"
                values={{ date: fullDate(item.snoozedUntil, intl) }}
              />
            </>
          )}
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
            aria-label={intl.formatMessage(
              { id: 'reminders.historyNamed', defaultMessage: 'Old keys of {label}' },
              { label: item.label },
            )}
            onClick={() => open({ kind: 'history', id: item.keyId })}
          >
            <Icon name="history" />
            <FormattedMessage id="reminders.history" defaultMessage="Old keys" />
          </button>
        ) : (
          <button
            type="button"
            className="secondary small"
            aria-label={intl.formatMessage(
              { id: 'reminders.rotateNamed', defaultMessage: 'Rotate {label}' },
              { label: item.label },
            )}
            onClick={() => open({ kind: 'rotate', id: item.keyId })}
          >
            <Icon name="rotate" />
            <FormattedMessage id="reminders.rotate" defaultMessage="Rotate" />
          </button>
        )}
        <span className="snooze muted small">
          <FormattedMessage id="reminders.snooze" defaultMessage="Snooze" />
          <button
            type="button"
            className="link-button"
            aria-label={intl.formatMessage(
              { id: 'reminders.snoozeDayNamed', defaultMessage: 'Snooze {label} for 1 day' },
              { label: item.label },
            )}
            onClick={() => void later(1)}
          >
            <FormattedMessage id="reminders.snoozeDay" defaultMessage="1 day" />
          </button>
          <button
            type="button"
            className="link-button"
            aria-label={intl.formatMessage(
              { id: 'reminders.snoozeWeekNamed', defaultMessage: 'Snooze {label} for 1 week' },
              { label: item.label },
            )}
            onClick={() => void later(7)}
          >
            <FormattedMessage id="reminders.snoozeWeek" defaultMessage="1 week" />
          </button>
        </span>
      </div>
    </li>
  );
}
