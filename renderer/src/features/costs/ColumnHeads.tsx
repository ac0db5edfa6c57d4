import type { ReactNode } from 'react';
import { defineMessages, useIntl } from 'react-intl';

/** The Costs tables' column names, said once for every table that has the column. */
const columnWords = defineMessages({
  line: { id: 'costs.columnLine', defaultMessage: 'Line' },
  day: { id: 'costs.columnDay', defaultMessage: 'Day' },
  model: { id: 'costs.columnModel', defaultMessage: 'Model' },
  provider: { id: 'costs.columnProvider', defaultMessage: 'Provider' },
  key: { id: 'costs.columnKey', defaultMessage: 'Key' },
  input: { id: 'costs.columnInput', defaultMessage: 'Input' },
  output: { id: 'costs.columnOutput', defaultMessage: 'Output' },
  cached: { id: 'costs.columnCached', defaultMessage: 'Cached' },
  cacheWrite: { id: 'costs.columnCacheWrite', defaultMessage: 'Cache write' },
  requests: { id: 'costs.columnRequests', defaultMessage: 'Requests' },
  cost: { id: 'costs.columnCost', defaultMessage: 'Cost' },
  share: { id: 'costs.columnShare', defaultMessage: 'Share' },
});

export type CostColumn = keyof typeof columnWords;

/** Columns of numbers: right-aligned, heading and cells alike (`.num`). */
const numeric: ReadonlySet<CostColumn> = new Set(['input', 'output', 'cached', 'cacheWrite', 'requests', 'cost', 'share']);

/**
 * One table's header row: the named columns in order, each a `<th scope="col">`; `first` is a
 * heading the table words itself (the breakdown's grouping), `last` an unnamed column (actions).
 */
export function ColumnHeads({ columns, first, last }: { columns: CostColumn[]; first?: ReactNode; last?: boolean }) {
  const intl = useIntl();
  return (
    <tr>
      {first !== undefined && <th scope="col">{first}</th>}
      {columns.map((column) => (
        <th key={column} scope="col" className={numeric.has(column) ? 'num' : undefined}>
          {intl.formatMessage(columnWords[column])}
        </th>
      ))}
      {last && <th scope="col" />}
    </tr>
  );
}
