import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon, type IconName } from '../../components/Icon.tsx';
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
      <IconAction
        icon="link"
        label={`Copy reference to ${key.label}`}
        title="Copy reference (keyward://…)"
        tabIndex={tabIndex}
        onClick={() => void copyReference(key.id, 'reference')}
      />
      <IconAction
        icon="file"
        label={`Copy .env line for ${key.label}`}
        title="Copy as .env line"
        tabIndex={tabIndex}
        onClick={() => void copyReference(key.id, 'envLine')}
      />
      <IconAction
        icon="eye"
        label={`Reveal ${key.label}`}
        title="Reveal once"
        tabIndex={tabIndex}
        onClick={() => onReveal(key.id)}
      />
      <IconAction
        icon="rotate"
        label={`Rotate ${key.label}`}
        title="Rotate"
        tabIndex={tabIndex}
        onClick={() => open({ kind: 'rotate', id: key.id })}
      />
      {key.lastRotatedAt && (
        <IconAction
          icon="history"
          label={`Old keys of ${key.label}`}
          title="Old keys"
          tabIndex={tabIndex}
          onClick={() => open({ kind: 'history', id: key.id })}
        />
      )}
      <IconAction
        icon="edit"
        label={`Edit ${key.label}`}
        title="Edit"
        tabIndex={tabIndex}
        onClick={() => open({ kind: 'edit', id: key.id })}
      />
      <IconAction
        icon="trash"
        label={`Delete ${key.label}`}
        title="Delete"
        tabIndex={tabIndex}
        danger
        onClick={() => open({ kind: 'delete', id: key.id })}
      />
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

/** One icon-only action of a row: the icon, its accessible name (which names the key) and a tooltip. */
function IconAction({
  icon,
  label,
  title,
  tabIndex,
  danger = false,
  onClick,
}: {
  icon: IconName;
  label: string;
  title: string;
  tabIndex: number;
  danger?: boolean;
  onClick: () => void;
}) {
  return (
    <button
      type="button"
      className={danger ? 'icon-button danger' : 'icon-button'}
      tabIndex={tabIndex}
      aria-label={label}
      title={title}
      onClick={onClick}
    >
      <Icon name={icon} />
    </button>
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
