import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon } from '../../components/Icon.tsx';
import { useUi } from '../../stores/ui.ts';
import { copyKey, copyReference } from './actions.ts';

/**
 * A key row's buttons, the same in both layouts. `tabbable` is true only on the list's Tab stop
 * row: Tab goes from that row into its actions and then out of the list, instead of through
 * every button of every row.
 */
export function KeyActions({
  keySummary: key,
  tabbable,
  onReveal,
  expanded,
  onToggleDetails,
  detailsId,
}: {
  keySummary: KeySummary;
  tabbable: boolean;
  onReveal: (id: string) => void;
  expanded: boolean;
  onToggleDetails: (id: string) => void;
  detailsId: string;
}) {
  const open = useUi((s) => s.open);
  const tabIndex = tabbable ? 0 : -1;
  return (
    <div className="key-actions">
      <button
        type="button"
        className="secondary small"
        tabIndex={tabIndex}
        aria-label={`Copy ${key.label}`}
        onClick={() => void copyKey(key.id)}
      >
        <Icon name="copy" />
        Copy
      </button>
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        aria-label={`Copy reference to ${key.label}`}
        title="Copy reference (keyward://…)"
        onClick={() => void copyReference(key.id, 'reference')}
      >
        <Icon name="link" />
      </button>
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        aria-label={`Copy .env line for ${key.label}`}
        title="Copy as .env line"
        onClick={() => void copyReference(key.id, 'envLine')}
      >
        <Icon name="file" />
      </button>
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        aria-label={`Reveal ${key.label}`}
        title="Reveal once"
        onClick={() => onReveal(key.id)}
      >
        <Icon name="eye" />
      </button>
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        aria-label={`Rotate ${key.label}`}
        title="Rotate"
        onClick={() => open({ kind: 'rotate', id: key.id })}
      >
        <Icon name="rotate" />
      </button>
      {key.lastRotatedAt && (
        <button
          type="button"
          className="icon-button"
          tabIndex={tabIndex}
          aria-label={`Old keys of ${key.label}`}
          title="Old keys"
          onClick={() => open({ kind: 'history', id: key.id })}
        >
          <Icon name="history" />
        </button>
      )}
      <button
        type="button"
        className="icon-button"
        tabIndex={tabIndex}
        aria-label={`Edit ${key.label}`}
        title="Edit"
        onClick={() => open({ kind: 'edit', id: key.id })}
      >
        <Icon name="edit" />
      </button>
      <button
        type="button"
        className="icon-button danger"
        tabIndex={tabIndex}
        aria-label={`Delete ${key.label}`}
        title="Delete"
        onClick={() => open({ kind: 'delete', id: key.id })}
      >
        <Icon name="trash" />
      </button>
      <button
        type="button"
        className={expanded ? 'icon-button details-toggle open' : 'icon-button details-toggle'}
        tabIndex={tabIndex}
        aria-label={`Details of ${key.label}`}
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        title={expanded ? 'Hide details' : 'Details'}
        onClick={() => onToggleDetails(key.id)}
      >
        <Icon name="chevron" />
      </button>
    </div>
  );
}

/** "Used in" places and tags as buttons: a click shows only the keys that share it. */
export function FilterChip({
  kind,
  name,
  tabbable,
  onPick,
}: {
  kind: 'usedIn' | 'tag';
  name: string;
  tabbable: boolean;
  onPick: (kind: 'usedIn' | 'tag', name: string) => void;
}) {
  return (
    <button
      type="button"
      className={kind === 'tag' ? 'tag hash' : 'tag'}
      tabIndex={tabbable ? 0 : -1}
      title={kind === 'tag' ? `Show keys tagged #${name}` : `Show keys used in ${name}`}
      onClick={() => onPick(kind, name)}
    >
      {kind === 'tag' ? `#${name}` : name}
    </button>
  );
}
