import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon } from '../../components/Icon.tsx';
import { toggleFavourite } from './actions.ts';
import { environmentShort } from './format.ts';

/** The star at the start of a key row, in both layouts: one Tab stop with the row (see row-keys.ts). */
export function FavouriteButton({ keySummary: key, tabStop }: { keySummary: KeySummary; tabStop: boolean }) {
  const intl = useIntl();
  return (
    <button
      type="button"
      className={key.favourite ? 'star on' : 'star'}
      tabIndex={tabStop ? 0 : -1}
      aria-label={intl.formatMessage({ id: 'keys.favourite.named', defaultMessage: 'Favourite {label}' }, { label: key.label })}
      aria-pressed={key.favourite}
      title={
        key.favourite
          ? intl.formatMessage({ id: 'keys.favourite.remove', defaultMessage: 'Remove from favourites' })
          : intl.formatMessage({ id: 'keys.favourite.add', defaultMessage: 'Add to favourites' })
      }
      onClick={() => void toggleFavourite(key.id, !key.favourite)}
    >
      <Icon name="star" filled={key.favourite} />
    </button>
  );
}

/** A key's label (the row's accessible name, by `labelId`), its environment and, where the format tells, live or test. */
export function KeyLabelBadges({ keySummary: key, labelId }: { keySummary: KeySummary; labelId: string }) {
  const intl = useIntl();
  return (
    <>
      {/* The list view cuts a long label short (ellipsis): the whole label is one hover away. */}
      <span id={labelId} className="key-label" title={key.label}>
        {key.label}
      </span>
      <span className={`badge env-${key.environment}`}>{environmentShort(intl, key.environment)}</span>
      {key.live !== null && (
        <span className={`badge ${key.live ? 'live' : 'test'}`}>
          {key.live ? (
            <FormattedMessage id="keys.badge.live" defaultMessage="live" />
          ) : (
            <FormattedMessage id="keys.badge.test" defaultMessage="test" />
          )}
        </span>
      )}
    </>
  );
}
