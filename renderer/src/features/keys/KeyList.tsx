import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { memo, useContext, useMemo, useRef, useState } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { Monogram } from '../../components/Monogram.tsx';
import { When } from '../../components/When.tsx';
import { useDocumentOffset } from '../../lib/use-document-offset.ts';
import { timeAgo } from '../../lib/time.ts';
import { providerLook } from '../../../../contract/provider-look.ts';
import { useCosts } from '../../stores/costs.ts';
import { usd } from '../costs/format.ts';
import { KeyActions } from './KeyActions.tsx';
import { KeyDetails } from './KeyDetails.tsx';
import { FavouriteButton, KeyLabelBadges } from './KeyIdentity.tsx';
import { onKeyRowKeyDown, RowHandlersContext } from './row-keys.ts';
import { firstDirection, sortColumns, sortKeys, type KeySort, type SortColumn } from './sort.ts';
import { StatusChip } from './StatusChip.tsx';

const columnNames: Record<SortColumn, string> = {
  name: 'Name',
  provider: 'Provider',
  expiry: 'Expires',
  lastUsed: 'Last used',
  cost: 'Cost',
};
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
    <section className="key-table" aria-label="All keys">
      <div className="key-table-head" role="group" aria-label="Sort keys by">
        <span aria-hidden="true" />
        {sortColumns.map((column) => {
          const active = sort.by === column;
          return (
            <button
              key={column}
              type="button"
              className={`sort-button col-${column}`}
              aria-pressed={active}
              aria-label={`Sort by ${column === 'cost' ? 'cost this month' : columnNames[column].toLowerCase()}${active ? (sort.descending ? ', descending' : ', ascending') : ''}`}
              onClick={() => sortBy(column)}
            >
              {columnNames[column]}
              {active && <span aria-hidden="true">{sort.descending ? ' ↓' : ' ↑'}</span>}
            </button>
          );
        })}
        <span aria-hidden="true" />
      </div>
      <ul ref={list} className="key-list" aria-label="Keys" style={{ height: virtualizer.getTotalSize() }}>
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

interface ListRowProps {
  keySummary: KeySummary;
  index: number;
  setSize: number;
  offset: number;
  measure: (element: HTMLElement | null) => void;
  tabStop: boolean;
  expanded: boolean;
}

const KeyListRow = memo(function KeyListRow({
  keySummary: key,
  index,
  setSize,
  offset,
  measure,
  tabStop,
  expanded,
}: ListRowProps) {
  const handlers = useContext(RowHandlersContext);
  const spend = useCosts((s) => s.keySpend[key.id]);
  const look = providerLook(key.provider);
  const labelId = `key-${key.id}`;
  const detailsId = `key-details-${key.id}`;
  return (
    <li
      ref={measure}
      data-index={index}
      data-key-row
      tabIndex={tabStop ? 0 : -1}
      className={expanded ? 'key-row list-row expanded' : 'key-row list-row'}
      aria-labelledby={labelId}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${offset}px)` }}
      onKeyDown={(event) => onKeyRowKeyDown(event, key, handlers, expanded)}
      onFocus={() => handlers.focused(key.id)}
    >
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
          {key.lastCopiedAt ? <When value={key.lastCopiedAt}>{timeAgo(key.lastCopiedAt)}</When> : 'never'}
        </span>
        <span className="col-cost">{spend !== undefined ? usd(spend) : <span className="muted">—</span>}</span>
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
    </li>
  );
});
