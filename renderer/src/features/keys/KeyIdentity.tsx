import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon } from '../../components/Icon.tsx';
import { toggleFavourite } from './actions.ts';

/** The star at the start of a key row, in both layouts: one Tab stop with the row (see row-keys.ts). */
export function FavouriteButton({ keySummary: key, tabStop }: { keySummary: KeySummary; tabStop: boolean }) {
  return (
    <button
      type="button"
      className={key.favourite ? 'star on' : 'star'}
      tabIndex={tabStop ? 0 : -1}
      aria-label={`Favourite ${key.label}`}
      aria-pressed={key.favourite}
      title={key.favourite ? 'Remove from favourites' : 'Add to favourites'}
      onClick={() => void toggleFavourite(key.id, !key.favourite)}
    >
      <Icon name="star" filled={key.favourite} />
    </button>
  );
}

/** A key's label (the row's accessible name, by `labelId`), its environment and, where the format tells, live or test. */
export function KeyLabelBadges({ keySummary: key, labelId }: { keySummary: KeySummary; labelId: string }) {
  return (
    <>
      {/* The list view cuts a long label short (ellipsis): the whole label is one hover away. */}
      <span id={labelId} className="key-label" title={key.label}>
        {key.label}
      </span>
      <span className={`badge env-${key.environment}`}>{key.environment}</span>
      {key.live !== null && <span className={`badge ${key.live ? 'live' : 'test'}`}>{key.live ? 'live' : 'test'}</span>}
    </>
  );
}
