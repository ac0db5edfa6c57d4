import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useContext, useMemo, useRef, useState } from 'react';
import { FormattedMessage, useIntl, type IntlShape } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { Monogram } from '../../components/Monogram.tsx';
import { When } from '../../components/When.tsx';
import { timeAgo } from '../../lib/time.ts';
import { useDocumentOffset } from '../../lib/use-document-offset.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { useCosts } from '../../stores/costs.ts';
import { usd } from '../costs/format.ts';
import { KeyActions } from './KeyActions.tsx';
import { KeyDetails } from './KeyDetails.tsx';
import { FavouriteButton, KeyLabelBadges } from './KeyIdentity.tsx';
import { PlacedKeyRow, type PlacedRowProps } from './PlacedKeyRow.tsx';
import { RowHandlersContext } from './row-keys.ts';
import { firstDirection, sortColumns, sortKeys, type KeySort, type SortColumn } from './sort.ts';
import { StatusChip } from './StatusChip.tsx';
import { symbols } from './symbols.ts';

function columnName(intl: IntlShape, column: SortColumn): string {
  switch (column) {
    case 'name':
      return intl.formatMessage({ id: 'keys.column.name', defaultMessage: 'Name' });
    case 'provider':
      return intl.formatMessage({ id: 'keys.column.provider', defaultMessage: 'Provider' });
    case 'expiry':
      return intl.formatMessage({ id: 'keys.column.expiry', defaultMessage: 'Expires' });
    case 'lastUsed':
      return intl.formatMessage({ id: 'keys.column.lastUsed', defaultMessage: 'Last used' });
    case 'cost':
      return intl.formatMessage({ id: 'keys.column.cost', defaultMessage: 'Cost' });
  }
}
const ROW_PX = 46;

/**
 * The compact layout: one row per key, every key in one list, sortable by its columns. Rows are
 * virtualised against the window like the cards', so 10,000 keys scroll as smoothly as 10.
 */
/** `tabStopId`: the row that last had focus, if it is still listed (see row-keys.ts). */
export function KeyList({
  keys,
  tabStopId,
  expandedId,
}: {
  keys: readonly KeySummary[];
  tabStopId: string | null;
  expandedId: string | null;
}) {
  const intl = useIntl();
  const [sort, setSort] = useState<KeySort>({ by: 'name', descending: false });
  const spend = useCosts((s) => s.keySpend);
  const sorted = useMemo(() => sortKeys(keys, sort, spend), [keys, sort, spend]);
  // Until a row has had focus, the first row is where Tab enters the list.
  const stopId = tabStopId ?? sorted[0]?.id ?? null;
  const list = useRef<HTMLUListElement>(null);
  const scrollMargin = useDocumentOffset(list);
  const virtualizer = useWindowVirtualizer({
    count: sorted.length,
    estimateSize: () => ROW_PX,
    overscan: 8,
    scrollMargin,
    getItemKey: (index) => sorted[index]!.id,
  });

  function sortBy(by: SortColumn) {
    setSort((now) => (now.by === by ? { by, descending: !now.descending } : { by, descending: firstDirection[by] }));
  }

  return (
    <section className="key-table" aria-label={intl.formatMessage({ id: 'keys.list.all', defaultMessage: 'All keys' })}>
      <div
        className="key-table-head"
        role="group"
        aria-label={intl.formatMessage({ id: 'keys.list.sortGroup', defaultMessage: 'Sort keys by' })}
      >
        <span aria-hidden="true" />
        {sortColumns.map((column) => {
          const active = sort.by === column;
          return (
            <button
              key={column}
              type="button"
              className={`sort-button col-${column}`}
              aria-pressed={active}
              aria-label={intl.formatMessage(
                {
                  id: 'keys.list.sortBy',
                  defaultMessage:
                    'Sort by {column, select, name {name} provider {provider} expiry {expires} lastUsed {last used} other {cost this month}}{direction, select, ascending {, ascending} descending {, descending} other {}}',
                },
                { column, direction: active ? (sort.descending ? 'descending' : 'ascending') : 'none' },
              )}
              onClick={() => sortBy(column)}
            >
              {columnName(intl, column)}
              {active && <span aria-hidden="true">{sort.descending ? symbols.descending : symbols.ascending}</span>}
            </button>
          );
        })}
        <span aria-hidden="true" />
      </div>
      <ul
        ref={list}
        className="key-list"
        aria-label={intl.formatMessage({ id: 'keys.list.label', defaultMessage: 'Keys' })}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => {
          const key = sorted[item.index]!;
          return (
            <KeyListRow
              key={item.key}
              keySummary={key}
              index={item.index}
              setSize={sorted.length}
              offset={item.start - scrollMargin}
              measure={virtualizer.measureElement}
              tabStop={key.id === stopId}
              expanded={key.id === expandedId}
            />
          );
        })}
      </ul>
    </section>
  );
}

const KeyListRow = memo(function KeyListRow(row: PlacedRowProps) {
  const { keySummary: key, tabStop, expanded } = row;
  const intl = useIntl();
  const handlers = useContext(RowHandlersContext);
  const spend = useCosts((s) => s.keySpend[key.id]);
  const look = providerLook(key.provider);
  const labelId = `key-${key.id}`;
  const detailsId = `key-details-${key.id}`;
  return (
    <PlacedKeyRow row={row} className="key-row list-row">
      <div className="list-cells">
        <FavouriteButton keySummary={key} tabStop={tabStop} />
        <span className="col-name">
          <KeyLabelBadges keySummary={key} labelId={labelId} />
        </span>
        <span className="col-provider">
          <Monogram look={look} size="small" />
          <span>{look.name}</span>
        </span>
        <span className="col-expiry">
          <StatusChip keySummary={key} />
        </span>
        <span className="col-lastUsed muted">
          {key.lastCopiedAt ? (
            <When value={key.lastCopiedAt}>{timeAgo(key.lastCopiedAt, undefined, intl)}</When>
          ) : (
            <FormattedMessage id="keys.list.neverCopied" defaultMessage="never" />
          )}
        </span>
        <span className="col-cost">{spend !== undefined ? usd(spend, intl) : <span className="muted">{symbols.none}</span>}</span>
        <KeyActions
          keySummary={key}
          tabbable={tabStop}
          onReveal={handlers.reveal}
          expanded={expanded}
          onToggleDetails={handlers.toggleDetails}
          detailsId={detailsId}
        />
      </div>
      {expanded && <KeyDetails keySummary={key} id={detailsId} />}
    </PlacedKeyRow>
  );
});
