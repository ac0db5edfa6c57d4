import { memo, useContext } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { When } from '../../components/When.tsx';
import { timeAgo } from '../../lib/time.ts';
import { useCosts } from '../../stores/costs.ts';
import { useKeys } from '../../stores/keys.ts';
import { usd } from '../costs/format.ts';
import { KeyCheck } from '../health/KeyCheck.tsx';
import { FilterChip, KeyActions } from './KeyActions.tsx';
import { KeyDetails } from './KeyDetails.tsx';
import { FavouriteButton, KeyLabelBadges } from './KeyIdentity.tsx';
import { PlacedKeyRow, type PlacedRowProps } from './PlacedKeyRow.tsx';
import { RowHandlersContext } from './row-keys.ts';
import { StatusChip } from './StatusChip.tsx';
import { symbols } from './symbols.ts';

/** One key on its provider's card. Memoised: a search or a copy re-renders only the rows that changed. */
export const KeyRow = memo(function KeyRow(row: PlacedRowProps) {
  const { keySummary: key, tabStop, expanded } = row;
  const intl = useIntl();
  const handlers = useContext(RowHandlersContext);
  const spend = useCosts((s) => s.keySpend[key.id]);
  const filter = useKeys((s) => s.filter);
  const labelId = `key-${key.id}`;
  const detailsId = `key-details-${key.id}`;
  const pick = (kind: 'usedIn' | 'tag', name: string) => filter({ [kind]: name });
  return (
    <PlacedKeyRow row={row} className="key-row">
      <FavouriteButton keySummary={key} tabStop={tabStop} />
      <div className="key-main">
        <div className="key-title">
          <KeyLabelBadges keySummary={key} labelId={labelId} />
          <StatusChip keySummary={key} />
        </div>
        <div className="key-details">
          <code className="masked" aria-label={intl.formatMessage({ id: 'keys.row.masked', defaultMessage: 'Masked key' })}>
            {key.masked}
          </code>
          {key.usedIn.length > 0 && (
            <span className="used-in">
              <span className="muted">
                <FormattedMessage id="keys.row.usedIn" defaultMessage="Used in" />
              </span>
              {key.usedIn.map((place) => (
                <FilterChip key={place} kind="usedIn" name={place} tabbable={tabStop} onPick={pick} />
              ))}
            </span>
          )}
          {key.tags.map((tag) => (
            <FilterChip key={tag} kind="tag" name={tag} tabbable={tabStop} onPick={pick} />
          ))}
        </div>
        <div className="key-meta muted">
          {key.lastCopiedAt ? (
            <When value={key.lastCopiedAt}>
              <FormattedMessage
                id="keys.row.copied"
                defaultMessage="Copied {when}"
                values={{ when: timeAgo(key.lastCopiedAt, undefined, intl) }}
              />
            </When>
          ) : (
            <FormattedMessage id="keys.row.neverCopied" defaultMessage="Never copied" />
          )}
          {spend !== undefined && (
            <span className="key-spend">
              {symbols.separator}
              <FormattedMessage
                id="keys.row.thisMonth"
                defaultMessage="This month <strong>{amount}</strong>"
                values={{ amount: usd(spend, intl), strong: (chunks) => <strong>{chunks}</strong> }}
              />
            </span>
          )}
          <KeyCheck keyId={key.id} label={key.label} expiresAt={key.expiresAt} tabbable={tabStop} />
        </div>
        {expanded && <KeyDetails keySummary={key} id={detailsId} />}
      </div>
      <KeyActions
        keySummary={key}
        tabbable={tabStop}
        onReveal={handlers.reveal}
        expanded={expanded}
        onToggleDetails={handlers.toggleDetails}
        detailsId={detailsId}
      />
    </PlacedKeyRow>
  );
});
