import type { App, BrowserWindow, PowerMonitor } from 'electron';
import { join } from 'node:path';
import type { AuditSource } from '../../contract/audit.ts';
import { defaultSettingsFor, type Settings } from '../../contract/settings.ts';
import { AutoLock, type AutoLockPolicy } from '../lock/auto-lock.ts';
import type { NotificationPort } from '../notifications.ts';
import type { Services } from '../services.ts';
import { systemTimers, type Timers } from '../timers.ts';
import { createTray, trayIconFile, type TrayDeps } from './tray.ts';
import { onWindowClose } from '../tray/close.ts';
import { TrayController, type CopyOutcome } from '../tray/controller.ts';
import { forwardPowerEvents, systemIdleSource } from './power.ts';

export interface DesktopLifecycleDeps extends TrayDeps {
  app: Pick<App, 'quit' | 'on'>;
  powerMonitor: Pick<PowerMonitor, 'on' | 'off' | 'getSystemIdleTime' | 'getSystemIdleState'>;
}

export interface DesktopLifecycleOptions {
  services: Services;
  notifications: NotificationPort;
  platform: string;
  /** Where the tray icons are (dist/main/tray in a build). */
  trayIconDir: string;
  showWindow: () => void;
  /** Copy by id through the window's clipboard path; reports label and clear delay, never the value. */
  copy: (id: string, source: AuditSource) => Promise<CopyOutcome>;
  timers?: Timers;
}

/**
 * The key lifecycle on the desktop: the tray, auto-lock (idle, suspend, screen lock), closing to
 * the tray, and reminder checks after a resume. Everything it decides lives in Electron-free
 * modules; this wires them to the Electron capabilities it is handed, so a test can hand fakes.
 */
export function attachDesktopLifecycle(deps: DesktopLifecycleDeps, options: DesktopLifecycleOptions) {
  const { services, platform } = options;
  const { vault, events } = services;
  // Settings live in the encrypted vault; while it is locked, the last values read (or the
  // platform's defaults before the first unlock) decide what closing the window does.
  let settings: Settings = defaultSettingsFor(platform);
  let quitting = false;
  const readSettings = () => {
    if (vault.isUnlocked()) settings = services.settings.get();
  };

  const tray = createTray(deps, {
    iconPath: join(options.trayIconDir, trayIconFile(platform)),
    platform,
    onAction: (action) => void controller.run(action),
    onClick: options.showWindow,
  });
  const controller = new TrayController({
    ...services,
    notifications: options.notifications,
    copy: options.copy,
    host: { showWindow: options.showWindow, quit: () => deps.app.quit(), popUpMenu: () => tray.popUp() },
    render: (model) => tray.render(model),
  });

  // Read at every decision (a 15 s poll costs one small query), so a changed setting applies at once.
  const policy = (): AutoLockPolicy => {
    readSettings();
    return { idleMinutes: settings.autoLockMinutes, onSuspend: settings.lockOnSuspend, onScreenLock: settings.lockOnScreenLock };
  };
  const autoLock = new AutoLock({
    clock: services.clock,
    idle: systemIdleSource(deps.powerMonitor),
    timers: options.timers ?? systemTimers,
    policy,
    lock: (reason) => vault.lock(reason),
  });

  events.subscribe((name) => {
    if (name === 'unlocked') {
      readSettings();
      autoLock.start();
    } else if (name === 'locked') {
      autoLock.stop();
    } else if (name === 'settingsChanged') {
      readSettings();
    }
  });
  const stopPower = forwardPowerEvents(deps.powerMonitor, (event) => {
    autoLock.power(event);
    // A day may have turned while the machine slept: look for new reminders at once.
    if (event === 'resume' && vault.isUnlocked()) services.reminderSchedule?.runNow();
  });
  deps.app.on('before-quit', () => {
    quitting = true;
  });
  controller.attach();

  return {
    /** Closing hides the window to the tray when the setting says so; then it may lock too. */
    watchWindow(window: Pick<BrowserWindow, 'on' | 'hide'>): void {
      window.on('close', (event) => {
        readSettings();
        if (onWindowClose({ quitting, closeToTray: settings.closeToTray, trayShown: true }) === 'close') return;
        event.preventDefault();
        window.hide();
        if (settings.lockWhenHidden) vault.lock('manual');
      });
    },
    detach(): void {
      stopPower();
      autoLock.stop();
      controller.detach();
    },
  };
}
