import { defaultRangeExtractor, useWindowVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useCallback, useId, useRef } from 'react';
import { FormattedMessage, useIntl } from 'react-intl';
import { Monogram } from '../../components/Monogram.tsx';
import { useDocumentOffset } from '../../lib/use-document-offset.ts';
import type { ProviderGroup } from './groups.ts';
import { KeyRow } from './KeyRow.tsx';

/** A card this small renders every row: cheap, and find-in-page sees them all. Larger ones render what is on screen. */
const RENDER_ALL_UP_TO = 40;
const ESTIMATED_ROW_PX = 84;

/**
 * One provider's card. Its rows are virtualised against the window, so a vault of 10,000 keys
 * puts only the rows on screen into the DOM, while the card keeps its heading, its list and
 * each row's place in it (aria-setsize / aria-posinset) for assistive technology.
 */
export const ProviderCard = memo(function ProviderCard({
  group,
  tabStopId,
  expandedId,
}: {
  group: ProviderGroup;
  tabStopId: string | null;
  expandedId: string | null;
}) {
  const intl = useIntl();
  const headingId = useId();
  const list = useRef<HTMLUListElement>(null);
  const scrollMargin = useDocumentOffset(list);
  const count = group.keys.length;
  const rangeExtractor = useCallback(
    (range: Range) =>
      range.count <= RENDER_ALL_UP_TO ? Array.from({ length: range.count }, (_, i) => i) : defaultRangeExtractor(range),
    [],
  );
  const virtualizer = useWindowVirtualizer({
    count,
    estimateSize: () => ESTIMATED_ROW_PX,
    overscan: 6,
    scrollMargin,
    rangeExtractor,
    getItemKey: (index) => group.keys[index]!.id,
  });

  return (
    <section className="provider-card" aria-labelledby={headingId} style={{ borderTopColor: group.look.colour }}>
      <header className="provider-header">
        <Monogram look={group.look} />
        <h2 id={headingId}>{group.look.name}</h2>
        <span className="count">
          <FormattedMessage
            id="keys.card.count"
            defaultMessage="{count, plural, one {# key} other {# keys}}"
            values={{ count }}
          />
        </span>
      </header>
      <ul
        ref={list}
        className="key-list"
        aria-label={intl.formatMessage(
          { id: 'keys.card.list', defaultMessage: '{provider} keys' },
          { provider: group.look.name },
        )}
        style={{ height: virtualizer.getTotalSize() }}
      >
        {virtualizer.getVirtualItems().map((item) => (
          <KeyRow
            key={item.key}
            keySummary={group.keys[item.index]!}
            tabStop={group.keys[item.index]!.id === tabStopId}
            expanded={group.keys[item.index]!.id === expandedId}
            index={item.index}
            setSize={count}
            offset={item.start - scrollMargin}
            measure={virtualizer.measureElement}
          />
        ))}
      </ul>
    </section>
  );
});
