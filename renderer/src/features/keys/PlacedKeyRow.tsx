import { useContext, type ReactNode } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { onKeyRowKeyDown, RowHandlersContext } from './row-keys.ts';

/** Where the virtualiser placed a key row, and its place in the keyboard order: both layouts' rows take these (primitives, so memo can compare them). */
export interface PlacedRowProps {
  keySummary: KeySummary;
  index: number;
  setSize: number;
  offset: number;
  measure: (element: HTMLElement | null) => void;
  /** The list's one Tab stop (see row-keys.ts). */
  tabStop: boolean;
  expanded: boolean;
}

/**
 * A key row's `<li>` in either layout (cards, list): placed and measured by the virtualiser,
 * labelled by the key's name (`key-<id>`), one Tab stop for the list, the row's keyboard.
 */
export function PlacedKeyRow({ row, className, children }: { row: PlacedRowProps; className: string; children: ReactNode }) {
  const handlers = useContext(RowHandlersContext);
  const { keySummary: key, index, setSize, offset, measure, tabStop, expanded } = row;
  return (
    <li
      ref={measure}
      data-index={index}
      data-key-row
      tabIndex={tabStop ? 0 : -1}
      className={expanded ? `${className} expanded` : className}
      aria-labelledby={`key-${key.id}`}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${offset}px)` }}
      onKeyDown={(event) => onKeyRowKeyDown(event, key, handlers, expanded)}
      onFocus={() => handlers.focused(key.id)}
    >
      {children}
    </li>
  );
}
