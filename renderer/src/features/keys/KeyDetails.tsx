import type { KeySummary } from '../../../../contract/keys.ts';
import { When } from '../../components/When.tsx';
import { fullDate, timeAgo } from '../../lib/time.ts';
import { useCosts } from '../../stores/costs.ts';
import { useKeys } from '../../stores/keys.ts';
import { usd } from '../costs/format.ts';
import { FilterChip } from './KeyActions.tsx';
import { StatusChip } from './StatusChip.tsx';

/** A moment as words, with its full date on hover; "Never" when there is none. */
function Moment({ at, never = 'Never' }: { at: string | null; never?: string }) {
  return at ? <When value={at}>{timeAgo(at)}</When> : <span className="muted">{never}</span>;
}

/**
 * Everything known about a key but its secret, under its row: notes (scopes, restrictions),
 * where it is used, tags, its dates and this month's spend. Opened with the row's Details
 * button or → on a focused row.
 */
export function KeyDetails({ keySummary: key, id }: { keySummary: KeySummary; id: string }) {
  const spend = useCosts((s) => s.keySpend[key.id]);
  const filter = useKeys((s) => s.filter);
  const pick = (kind: 'usedIn' | 'tag', name: string) => filter({ [kind]: name });
  return (
    <dl className="key-facts" id={id}>
      <dt>Key</dt>
      <dd>
        <code className="masked">{key.masked}</code>
      </dd>
      <dt>Notes</dt>
      <dd className="key-notes">
        {key.notes.trim() ? key.notes : <span className="muted">None. Scopes, restrictions and who to ask go here (Edit).</span>}
      </dd>
      <dt>Used in</dt>
      <dd className="chips">
        {key.usedIn.length > 0 ? (
          key.usedIn.map((place) => <FilterChip key={place} kind="usedIn" name={place} tabbable onPick={pick} />)
        ) : (
          <span className="muted">Not said</span>
        )}
      </dd>
      <dt>Tags</dt>
      <dd className="chips">
        {key.tags.length > 0 ? (
          key.tags.map((tag) => <FilterChip key={tag} kind="tag" name={tag} tabbable onPick={pick} />)
        ) : (
          <span className="muted">None</span>
        )}
      </dd>
      <dt>Created</dt>
      <dd>
        <Moment at={key.createdAt} />
      </dd>
      <dt>Last rotated</dt>
      <dd>
        <Moment at={key.lastRotatedAt} />
      </dd>
      <dt>Last copied</dt>
      <dd>
        <Moment at={key.lastCopiedAt} />
      </dd>
      <dt>Expires</dt>
      <dd>{key.expiresAt ? fullDate(key.expiresAt) : <span className="muted">No date</span>}</dd>
      <dt>Rotation</dt>
      <dd>
        {key.rotateEveryDays ? `Every ${key.rotateEveryDays} days` : <span className="muted">Environment policy</span>}{' '}
        <StatusChip keySummary={key} />
      </dd>
      <dt>This month</dt>
      <dd>{spend !== undefined ? usd(spend) : <span className="muted">No usage recorded</span>}</dd>
    </dl>
  );
}
