import { memo } from 'react';
import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon } from '../../components/Icon.tsx';
import { timeAgo } from '../../lib/time.ts';
import { useCosts } from '../../stores/costs.ts';
import { useUi } from '../../stores/ui.ts';
import { usd } from '../costs/format.ts';
import { KeyCheck } from '../health/KeyCheck.tsx';
import { copyKey, copyReference, toggleFavourite } from './actions.ts';
import { StatusChip } from './StatusChip.tsx';

/** One key on its provider's card. Memoised: a search or a copy re-renders only the rows that changed. */
interface RowProps {
  keySummary: KeySummary;
  onReveal: (id: string) => void;
  /** Where the virtualiser placed this row in its card (primitives, so memo can compare them). */
  index: number;
  setSize: number;
  offset: number;
  measure: (element: HTMLElement | null) => void;
}

export const KeyRow = memo(function KeyRow({ keySummary: key, onReveal, index, setSize, offset, measure }: RowProps) {
  const open = useUi((s) => s.open);
  const spend = useCosts((s) => s.keySpend[key.id]);
  const labelId = `key-${key.id}`;
  return (
    <li
      ref={measure}
      data-index={index}
      className="key-row"
      aria-labelledby={labelId}
      aria-setsize={setSize}
      aria-posinset={index + 1}
      style={{ transform: `translateY(${offset}px)` }}
    >
      <button
        type="button"
        className={key.favourite ? 'star on' : 'star'}
        aria-label={`Favourite ${key.label}`}
        aria-pressed={key.favourite}
        title={key.favourite ? 'Remove from favourites' : 'Add to favourites'}
        onClick={() => void toggleFavourite(key.id, !key.favourite)}
      >
        <Icon name="star" filled={key.favourite} />
      </button>
      <div className="key-main">
        <div className="key-title">
          <span id={labelId} className="key-label">
            {key.label}
          </span>
          <span className={`badge env-${key.environment}`}>{key.environment}</span>
          {key.live !== null && <span className={`badge ${key.live ? 'live' : 'test'}`}>{key.live ? 'live' : 'test'}</span>}
          <StatusChip keySummary={key} />
        </div>
        <div className="key-details">
          <code className="masked" aria-label="Masked key">
            {key.masked}
          </code>
          {key.usedIn.length > 0 && (
            <span className="used-in">
              <span className="muted">Used in</span>
              {key.usedIn.map((place) => (
                <span key={place} className="tag">
                  {place}
                </span>
              ))}
            </span>
          )}
          {key.tags.map((tag) => (
            <span key={tag} className="tag hash">
              #{tag}
            </span>
          ))}
        </div>
        <div className="key-meta muted">
          {key.lastCopiedAt ? `Copied ${timeAgo(key.lastCopiedAt)}` : 'Never copied'}
          {spend !== undefined && (
            <span className="key-spend">
              {' · '}This month <strong>{usd(spend)}</strong>
            </span>
          )}
          <KeyCheck keyId={key.id} label={key.label} expiresAt={key.expiresAt} />
        </div>
      </div>
      <div className="key-actions">
        <button type="button" className="secondary small" aria-label={`Copy ${key.label}`} onClick={() => void copyKey(key.id)}>
          <Icon name="copy" />
          Copy
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Copy reference to ${key.label}`}
          title="Copy reference (keyward://…)"
          onClick={() => void copyReference(key.id, 'reference')}
        >
          <Icon name="link" />
        </button>
        <button
          type="button"
          className="icon-button"
          aria-label={`Copy .env line for ${key.label}`}
          title="Copy as .env line"
          onClick={() => void copyReference(key.id, 'envLine')}
        >
          <Icon name="file" />
        </button>
        <button type="button" className="icon-button" aria-label={`Reveal ${key.label}`} title="Reveal once" onClick={() => onReveal(key.id)}>
          <Icon name="eye" />
        </button>
        <button type="button" className="icon-button" aria-label={`Rotate ${key.label}`} title="Rotate" onClick={() => open({ kind: 'rotate', id: key.id })}>
          <Icon name="rotate" />
        </button>
        {key.lastRotatedAt && (
          <button type="button" className="icon-button" aria-label={`Old keys of ${key.label}`} title="Old keys" onClick={() => open({ kind: 'history', id: key.id })}>
            <Icon name="history" />
          </button>
        )}
        <button type="button" className="icon-button" aria-label={`Edit ${key.label}`} title="Edit" onClick={() => open({ kind: 'edit', id: key.id })}>
          <Icon name="edit" />
        </button>
        <button
          type="button"
          className="icon-button danger"
          aria-label={`Delete ${key.label}`}
          title="Delete"
          onClick={() => open({ kind: 'delete', id: key.id })}
        >
          <Icon name="trash" />
        </button>
      </div>
    </li>
  );
});
