import type { AuditSource } from '../../contract/audit.ts';
import { isKeywardError } from '../../contract/errors.ts';
import type { EventBus } from '../events.ts';
import { mainIntl, onMainLocaleChange, type MainIntl } from '../i18n.ts';
import type { KeyService } from '../keys/service.ts';
import type { NotificationPort } from '../notifications.ts';
import type { ReminderService } from '../reminders/service.ts';
import type { Vault } from '../vault/vault.ts';
import { buildTrayModel, RECENT_LIMIT, trayKeys, type TrayAction, type TrayModel, type TrayState } from './menu.ts';
import { speaksEnglish } from '../../i18n/language.ts';

/** What a copy reports back: the label and when the clipboard clears. Never the value. */
export interface CopyOutcome {
  label: string;
  clearAfterMs: number | null;
}

/** What the tray needs from the desktop around it: the window and the app. */
export interface TrayHost {
  showWindow(): void;
  quit(): void;
  /** Pops the tray menu up again (Windows and macOS can; Linux cannot, and the window stays up). */
  popUpMenu?(): void;
}

export interface TrayControllerDeps {
  vault: Vault;
  keys: KeyService;
  reminders: ReminderService;
  events: EventBus;
  notifications: NotificationPort;
  /** The same clipboard path the window uses: copy by id, compare-then-clear. */
  copy: (id: string, source: AuditSource) => Promise<CopyOutcome>;
  host: TrayHost;
  render: (model: TrayModel) => void;
}

/** Events after which the menu may say something different (a copy changes the recent keys). */
const REBUILD_ON: readonly string[] = ['unlocked', 'locked', 'keysChanged', 'attentionChanged', 'copied', 'settingsChanged'];

/**
 * Keeps the tray menu in step with the vault (rebuilt on every state change) and carries out
 * what its items ask. Electron-free: `render` and `host` are the desktop's.
 */
export class TrayController {
  readonly #deps: TrayControllerDeps;
  #copyAfterUnlock = false;
  #unsubscribe: (() => void) | null = null;

  constructor(deps: TrayControllerDeps) {
    this.#deps = deps;
  }

  /** Renders now and on every relevant event, and at once in a newly chosen language, until `detach`. */
  attach(): void {
    this.update();
    const stopLanguage = onMainLocaleChange(() => this.update());
    const stopEvents = this.#deps.events.subscribe((name) => {
      if (name === 'unlocked' && this.#copyAfterUnlock) {
        this.#copyAfterUnlock = false;
        this.update();
        this.#deps.host.popUpMenu?.();
        return;
      }
      if (REBUILD_ON.includes(name)) this.update();
    });
    this.#unsubscribe = () => {
      stopLanguage();
      stopEvents();
    };
  }

  detach(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  state(): TrayState {
    const { vault, keys, reminders } = this.#deps;
    const status = vault.status().state;
    if (status !== 'unlocked') return { vault: status, favourites: [], recent: [], attention: [] };
    return { vault: status, ...trayKeys(keys.menuKeys(RECENT_LIMIT)), attention: reminders.needsAttention() };
  }

  update(): void {
    let state: TrayState;
    try {
      state = this.state();
    } catch (error) {
      // A lock between the status check and the reads: the locked menu is the right one.
      if (!isKeywardError(error) || error.code !== 'Locked') throw error;
      state = { vault: 'locked', favourites: [], recent: [], attention: [] };
    }
    this.#deps.render(buildTrayModel(state));
  }

  async run(action: TrayAction): Promise<void> {
    const { host, vault, events } = this.#deps;
    switch (action.type) {
      case 'open':
        return host.showWindow();
      case 'quit':
        return host.quit();
      case 'lock':
        vault.lock('manual');
        return;
      case 'unlock-to-copy':
        this.#copyAfterUnlock = true;
        return host.showWindow();
      case 'show-key':
        host.showWindow();
        events.emit('showKey', { id: action.keyId });
        return;
      case 'copy':
        return this.#copy(action.keyId);
    }
  }

  async #copy(id: string): Promise<void> {
    const { notifications, host } = this.#deps;
    if (!this.#deps.vault.isUnlocked()) {
      this.#copyAfterUnlock = true;
      return host.showWindow();
    }
    try {
      const { label, clearAfterMs } = await this.#deps.copy(id, 'tray');
      notifications.show({ title: 'Keyward', body: copiedBody(label, clearAfterMs) });
    } catch (error) {
      const intl = mainIntl();
      notifications.show({
        title: intl.formatMessage({ id: 'main.tray.copyFailedTitle', defaultMessage: 'Nothing was copied' }),
        body: copyFailedBody(error, intl),
      });
    }
  }
}

/**
 * Why a tray copy failed, in one line and never with the error's text beyond our own messages
 * (which carry no values). In English, main's own message; in another language main's catalog
 * has no word for every error (the window's, which says them all, is not loaded here), so the
 * common causes are said and anything else points to the window.
 */
export function copyFailedBody(error: unknown, intl: MainIntl = mainIntl()): string {
  if (!isKeywardError(error)) {
    return intl.formatMessage({ id: 'main.tray.copyFailedBody', defaultMessage: 'The clipboard could not be written.' });
  }
  if (speaksEnglish(intl)) return error.message;
  switch (error.code) {
    case 'Locked':
      return intl.formatMessage({ id: 'main.tray.copyFailedLocked', defaultMessage: 'The vault is locked.' });
    case 'NotFound':
      return intl.formatMessage({ id: 'main.tray.copyFailedGone', defaultMessage: 'That key is no longer in the vault.' });
    case 'Busy':
      return intl.formatMessage({ id: 'main.tray.copyFailedBusy', defaultMessage: 'The vault is busy; try again in a moment.' });
    default:
      return intl.formatMessage({ id: 'main.tray.copyFailedOther', defaultMessage: 'Open Keyward to see why.' });
  }
}

/** "Copied <label> — clears in N s", as the issue words it; "<label>을 복사했습니다…" in Korean. */
export function copiedBody(label: string, clearAfterMs: number | null, intl: MainIntl = mainIntl()): string {
  return clearAfterMs === null
    ? intl.formatMessage(
        { id: 'main.tray.copiedNoClear', defaultMessage: 'Copied {label}. The clipboard is not cleared automatically.' },
        { label },
      )
    : intl.formatMessage(
        { id: 'main.tray.copied', defaultMessage: 'Copied {label} — clears in {seconds} s' },
        { label, seconds: Math.round(clearAfterMs / 1000) },
      );
}
