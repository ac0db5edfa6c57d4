import { FormattedMessage, useIntl } from 'react-intl';
import type { KeySummary } from '../../../../contract/keys.ts';
import { Icon, type IconName } from '../../components/Icon.tsx';
import { useUi } from '../../stores/ui.ts';
import { copyKey, copyReference } from './actions.ts';
import { hashtag } from './symbols.ts';

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
  const intl = useIntl();
  const open = useUi((s) => s.open);
  const values = { label: key.label };
  const tabIndex = tabbable ? 0 : -1;
  return (
    <div className="key-actions">
      <button
        type="button"
        className="secondary small"
        tabIndex={tabIndex}
        aria-label={intl.formatMessage({ id: 'keys.action.copyNamed', defaultMessage: 'Copy {label}' }, values)}
        onClick={() => void copyKey(key.id)}
      >
        <Icon name="copy" />
        <FormattedMessage id="keys.action.copy" defaultMessage="Copy" />
      </button>
      <IconAction
        icon="link"
        label={intl.formatMessage({ id: 'keys.action.copyReferenceNamed', defaultMessage: 'Copy reference to {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.copyReference', defaultMessage: 'Copy reference (keyward://…)' })}
        tabIndex={tabIndex}
        onClick={() => void copyReference(key.id, 'reference')}
      />
      <IconAction
        icon="file"
        label={intl.formatMessage({ id: 'keys.action.copyEnvLineNamed', defaultMessage: 'Copy .env line for {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.copyEnvLine', defaultMessage: 'Copy as .env line' })}
        tabIndex={tabIndex}
        onClick={() => void copyReference(key.id, 'envLine')}
      />
      <IconAction
        icon="eye"
        label={intl.formatMessage({ id: 'keys.action.revealNamed', defaultMessage: 'Reveal {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.reveal', defaultMessage: 'Reveal once' })}
        tabIndex={tabIndex}
        onClick={() => onReveal(key.id)}
      />
      <IconAction
        icon="rotate"
        label={intl.formatMessage({ id: 'keys.action.rotateNamed', defaultMessage: 'Rotate {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.rotate', defaultMessage: 'Rotate' })}
        tabIndex={tabIndex}
        onClick={() => open({ kind: 'rotate', id: key.id })}
      />
      {key.lastRotatedAt && (
        <IconAction
          icon="history"
          label={intl.formatMessage({ id: 'keys.action.historyNamed', defaultMessage: 'Old keys of {label}' }, values)}
          title={intl.formatMessage({ id: 'keys.action.history', defaultMessage: 'Old keys' })}
          tabIndex={tabIndex}
          onClick={() => open({ kind: 'history', id: key.id })}
        />
      )}
      <IconAction
        icon="edit"
        label={intl.formatMessage({ id: 'keys.action.editNamed', defaultMessage: 'Edit {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.edit', defaultMessage: 'Edit' })}
        tabIndex={tabIndex}
        onClick={() => open({ kind: 'edit', id: key.id })}
      />
      <IconAction
        icon="trash"
        label={intl.formatMessage({ id: 'keys.action.deleteNamed', defaultMessage: 'Delete {label}' }, values)}
        title={intl.formatMessage({ id: 'keys.action.delete', defaultMessage: 'Delete' })}
        tabIndex={tabIndex}
        danger
        onClick={() => open({ kind: 'delete', id: key.id })}
      />
      <button
        type="button"
        className={expanded ? 'icon-button details-toggle open' : 'icon-button details-toggle'}
        tabIndex={tabIndex}
        aria-label={intl.formatMessage({ id: 'keys.action.detailsNamed', defaultMessage: 'Details of {label}' }, values)}
        aria-expanded={expanded}
        aria-controls={expanded ? detailsId : undefined}
        title={
          expanded
            ? intl.formatMessage({ id: 'keys.action.hideDetails', defaultMessage: 'Hide details' })
            : intl.formatMessage({ id: 'keys.action.details', defaultMessage: 'Details' })
        }
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
  const intl = useIntl();
  return (
    <button
      type="button"
      className={kind === 'tag' ? 'tag hash' : 'tag'}
      tabIndex={tabbable ? 0 : -1}
      title={
        kind === 'tag'
          ? intl.formatMessage({ id: 'keys.filter.showTagged', defaultMessage: 'Show keys tagged #{name}' }, { name })
          : intl.formatMessage({ id: 'keys.filter.showUsedIn', defaultMessage: 'Show keys used in {name}' }, { name })
      }
      onClick={() => onPick(kind, name)}
    >
      {kind === 'tag' ? hashtag(name) : name}
    </button>
  );
}
