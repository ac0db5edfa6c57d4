import type { ReactNode } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { When } from '../../components/When.tsx';
import { fullDate, timeAgo } from '../../lib/time.ts';
import { useCosts } from '../../stores/costs.ts';
import { useKeys } from '../../stores/keys.ts';
import { usd } from '../costs/format.ts';
import { FilterChip } from './KeyActions.tsx';
import { StatusChip } from './StatusChip.tsx';

/** A moment as words, with its full date on hover; "Never" when there is none. */
function Moment({ at }: { at: string | null }) {
  const intl = useIntl();
  return at ? (
    <When value={at}>{timeAgo(at, undefined, intl)}</When>
  ) : (
    <Muted>
      <FormattedMessage id="keys.details.never" defaultMessage="Never" />
    </Muted>
  );
}

function Muted({ children }: { children: ReactNode }) {
  return <span className="muted">{children}</span>;
}

/**
 * Everything known about a key but its secret, under its row: notes (scopes, restrictions),
 * where it is used, tags, its dates and this month's spend. Opened with the row's Details
 * button or → on a focused row.
 */
export function KeyDetails({ keySummary: key, id }: { keySummary: KeySummary; id: string }) {
  const intl = useIntl();
  const spend = useCosts((s) => s.keySpend[key.id]);
  const filter = useKeys((s) => s.filter);
  const pick = (kind: 'usedIn' | 'tag', name: string) => filter({ [kind]: name });
  const rotation = key.rotateEveryDays ? (
    <FormattedMessage
      id="keys.details.rotateEvery"
      defaultMessage="{days, plural, one {Every # day} other {Every # days}}"
      values={{ days: key.rotateEveryDays }}
    />
  ) : (
    <Muted>
      <FormattedMessage id="keys.details.environmentPolicy" defaultMessage="Environment policy" />
    </Muted>
  );
  return (
    <dl className="key-facts" id={id}>
      <dt>
        <FormattedMessage id="keys.details.key" defaultMessage="Key" />
      </dt>
      <dd>
        <code className="masked">{key.masked}</code>
      </dd>
      <dt>
        <FormattedMessage id="keys.details.notes" defaultMessage="Notes" />
      </dt>
      <dd className="key-notes">
        {key.notes.trim() ? (
          key.notes
        ) : (
          <Muted>
            <FormattedMessage
              id="keys.details.noNotes"
              defaultMessage="None. Scopes, restrictions and who to ask go here (Edit)."
            />
          </Muted>
        )}
      </dd>
      <dt>
        <FormattedMessage id="keys.details.usedIn" defaultMessage="Used in" />
      </dt>
      <dd className="chips">
        {key.usedIn.length > 0 ? (
          key.usedIn.map((place) => <FilterChip key={place} kind="usedIn" name={place} tabbable onPick={pick} />)
        ) : (
          <Muted>
            <FormattedMessage id="keys.details.noUsedIn" defaultMessage="Not said" />
          </Muted>
        )}
      </dd>
      <dt>
        <FormattedMessage id="keys.details.tags" defaultMessage="Tags" />
      </dt>
      <dd className="chips">
        {key.tags.length > 0 ? (
          key.tags.map((tag) => <FilterChip key={tag} kind="tag" name={tag} tabbable onPick={pick} />)
        ) : (
          <Muted>
            <FormattedMessage id="keys.details.noTags" defaultMessage="None" />
          </Muted>
        )}
      </dd>
      <dt>
        <FormattedMessage id="keys.details.created" defaultMessage="Created" />
      </dt>
      <dd>
        <Moment at={key.createdAt} />
      </dd>
      <dt>
        <FormattedMessage id="keys.details.lastRotated" defaultMessage="Last rotated" />
      </dt>
      <dd>
        <Moment at={key.lastRotatedAt} />
      </dd>
      <dt>
        <FormattedMessage id="keys.details.lastCopied" defaultMessage="Last copied" />
      </dt>
      <dd>
        <Moment at={key.lastCopiedAt} />
      </dd>
      <dt>
        <FormattedMessage id="keys.details.expires" defaultMessage="Expires" />
      </dt>
      <dd>
        {key.expiresAt ? (
          fullDate(key.expiresAt, intl)
        ) : (
          <Muted>
            <FormattedMessage id="keys.details.noExpiry" defaultMessage="No date" />
          </Muted>
        )}
      </dd>
      <dt>
        <FormattedMessage id="keys.details.rotation" defaultMessage="Rotation" />
      </dt>
      <dd>
        {rotation} <StatusChip keySummary={key} />
      </dd>
      <dt>
        <FormattedMessage id="keys.details.thisMonth" defaultMessage="This month" />
      </dt>
      <dd>
        {spend !== undefined ? (
          usd(spend, intl)
        ) : (
          <Muted>
            <FormattedMessage id="keys.details.noUsage" defaultMessage="No usage recorded" />
          </Muted>
        )}
      </dd>
    </dl>
  );
}
