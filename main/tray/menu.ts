import type { KeySummary } from '../../contract/keys.ts';
import { providerDisplayName } from '../../contract/providers.ts';
import type { DueItem } from '../../contract/reminders.ts';
import type { VaultState } from '../../contract/vault.ts';
import { mainIntl, type MainIntl } from '../i18n.ts';
import { dueSummary } from '../reminders/notices.ts';

/**
 * The tray's context menu as data, built from state by one pure function, so every state
 * (locked, unlocked, needs attention, no keys) is tested in Node and `main/platform/tray.ts` only renders
 * it. It carries labels, provider names and ids: never a secret or a masked value.
 */

export interface TrayKey {
  id: string;
  label: string;
  provider: string;
}

export interface TrayState {
  vault: VaultState;
  favourites: TrayKey[];
  recent: TrayKey[];
  /** The needs-attention list; snoozed items are left out of the menu. */
  attention: DueItem[];
}

export type TrayAction =
  | { type: 'copy'; keyId: string }
  /** Locked: bring up the unlock window, then offer the keys. */
  | { type: 'unlock-to-copy' }
  | { type: 'show-key'; keyId: string }
  | { type: 'open' }
  | { type: 'lock' }
  | { type: 'quit' };

export type TrayItem =
  | { kind: 'separator' }
  /** Shown greyed out: state or a group heading. */
  | { kind: 'label'; label: string }
  | { kind: 'action'; label: string; action: TrayAction }
  | { kind: 'submenu'; label: string; items: TrayItem[] };

export interface TrayModel {
  tooltip: string;
  items: TrayItem[];
}

/** How many recently copied keys the menu offers, besides the favourites. */
export const RECENT_LIMIT = 5;
/** A menu is not a list view: beyond these, the window is the place. */
export const FAVOURITES_LIMIT = 20;
export const ATTENTION_LIMIT = 10;
/** Long labels are cut so the menu stays narrow; the window shows them whole. */
export const LABEL_MAX = 48;

/** Favourites in label order, and the most recently copied keys that are not favourites, newest first. */
export function trayKeys(
  keys: ReadonlyArray<Pick<KeySummary, 'id' | 'label' | 'provider' | 'favourite' | 'lastCopiedAt'>>,
): Pick<TrayState, 'favourites' | 'recent'> {
  const pick = ({ id, label, provider }: TrayKey): TrayKey => ({ id, label, provider });
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });
  const favourites = keys
    .filter((key) => key.favourite)
    .sort((a, b) => collator.compare(a.label, b.label))
    .map(pick);
  const recent = keys
    .filter((key) => !key.favourite && key.lastCopiedAt !== null)
    .sort((a, b) => b.lastCopiedAt!.localeCompare(a.lastCopiedAt!))
    .slice(0, RECENT_LIMIT)
    .map(pick);
  return { favourites, recent };
}

/** The menu in the language main speaks (`intl`, the one in force unless a test says otherwise). */
export function buildTrayModel(state: TrayState, intl: MainIntl = mainIntl()): TrayModel {
  const open: TrayItem = {
    kind: 'action',
    label: intl.formatMessage({ id: 'main.tray.open', defaultMessage: 'Open Keyward' }),
    action: { type: 'open' },
  };
  const quit: TrayItem = {
    kind: 'action',
    label: intl.formatMessage({ id: 'main.tray.quit', defaultMessage: 'Quit Keyward' }),
    action: { type: 'quit' },
  };
  const separator: TrayItem = { kind: 'separator' };

  if (state.vault === 'uninitialized') {
    return {
      tooltip: intl.formatMessage({ id: 'main.tray.tooltipNoVault', defaultMessage: 'Keyward: no vault yet' }),
      items: [
        { kind: 'label', label: intl.formatMessage({ id: 'main.tray.noVault', defaultMessage: 'No vault yet' }) },
        separator,
        open,
        quit,
      ],
    };
  }
  if (state.vault === 'locked') {
    return {
      tooltip: intl.formatMessage({ id: 'main.tray.tooltipLocked', defaultMessage: 'Keyward: locked' }),
      items: [
        { kind: 'label', label: intl.formatMessage({ id: 'main.tray.locked', defaultMessage: 'Keyward is locked' }) },
        separator,
        {
          kind: 'action',
          label: intl.formatMessage({ id: 'main.tray.unlockToCopy', defaultMessage: 'Copy a key…' }),
          action: { type: 'unlock-to-copy' },
        },
        separator,
        open,
        quit,
      ],
    };
  }

  const attention = state.attention.filter((item) => item.snoozedUntil === null);
  const items: TrayItem[] = [
    { kind: 'label', label: intl.formatMessage({ id: 'main.tray.unlocked', defaultMessage: 'Keyward is unlocked' }) },
    separator,
  ];
  const favourites = state.favourites.slice(0, FAVOURITES_LIMIT);
  if (favourites.length > 0)
    items.push({
      kind: 'submenu',
      label: intl.formatMessage({ id: 'main.tray.copyFavourite', defaultMessage: 'Copy favourite' }),
      items: grouped(favourites, state.favourites.length - favourites.length, intl),
    });
  if (state.recent.length > 0)
    items.push({
      kind: 'submenu',
      label: intl.formatMessage({ id: 'main.tray.copyRecent', defaultMessage: 'Copy recent' }),
      items: grouped(state.recent.slice(0, RECENT_LIMIT), 0, intl),
    });
  if (favourites.length === 0 && state.recent.length === 0)
    items.push({
      kind: 'label',
      label: intl.formatMessage({ id: 'main.tray.noKeys', defaultMessage: 'No favourite or recently copied keys' }),
    });
  if (attention.length > 0) {
    const shown = attention.slice(0, ATTENTION_LIMIT).map((item): TrayItem => ({
      kind: 'action',
      label: intl.formatMessage(
        { id: 'main.tray.attentionItem', defaultMessage: '{label}: {summary}' },
        { label: shorten(item.label), summary: dueSummary(item, intl) },
      ),
      action: { type: 'show-key', keyId: item.keyId },
    }));
    if (attention.length > shown.length)
      shown.push(separator, {
        kind: 'action',
        label: intl.formatMessage(
          { id: 'main.tray.allAttention', defaultMessage: 'All {count} in Keyward…' },
          { count: attention.length },
        ),
        action: { type: 'open' },
      });
    items.push(separator, {
      kind: 'submenu',
      label: intl.formatMessage(
        { id: 'main.tray.needsAttention', defaultMessage: 'Needs attention ({count})' },
        { count: attention.length },
      ),
      items: shown,
    });
  }
  items.push(
    separator,
    { kind: 'action', label: intl.formatMessage({ id: 'main.tray.lock', defaultMessage: 'Lock now' }), action: { type: 'lock' } },
    open,
    quit,
  );
  const tooltip =
    attention.length === 0
      ? intl.formatMessage({ id: 'main.tray.tooltipUnlocked', defaultMessage: 'Keyward: unlocked' })
      : intl.formatMessage(
          {
            id: 'main.tray.tooltipAttention',
            defaultMessage: 'Keyward: {count, plural, one {# key needs attention} other {# keys need attention}}',
          },
          { count: attention.length },
        );
  return { tooltip, items };
}

/** Keys under a greyed heading per provider, providers in name order, keys in label order. */
function grouped(keys: readonly TrayKey[], hidden: number, intl: MainIntl): TrayItem[] {
  const collator = new Intl.Collator(intl.locale, { sensitivity: 'base', numeric: true });
  const byProvider = new Map<string, TrayKey[]>();
  for (const key of keys) byProvider.set(key.provider, [...(byProvider.get(key.provider) ?? []), key]);
  const providers = [...byProvider.keys()].sort((a, b) => collator.compare(providerDisplayName(a), providerDisplayName(b)));
  const items: TrayItem[] = [];
  for (const provider of providers) {
    if (items.length > 0) items.push({ kind: 'separator' });
    items.push({ kind: 'label', label: providerDisplayName(provider) });
    for (const key of byProvider.get(provider)!)
      items.push({ kind: 'action', label: shorten(key.label), action: { type: 'copy', keyId: key.id } });
  }
  if (hidden > 0)
    items.push(
      { kind: 'separator' },
      {
        kind: 'action',
        label: intl.formatMessage({ id: 'main.tray.moreKeys', defaultMessage: '{count} more in Keyward…' }, { count: hidden }),
        action: { type: 'open' },
      },
    );
  return items;
}

function shorten(label: string): string {
  const chars = Array.from(label);
  return chars.length <= LABEL_MAX ? label : `${chars.slice(0, LABEL_MAX - 1).join('')}…`;
}
