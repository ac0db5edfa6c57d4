import { z } from 'zod';
import { leadDays, rotationPolicy } from './reminders.ts';

/**
 * The settings the key lifecycle adds: reminder lead times, a default rotation interval per
 * environment, closing to the tray, and the lock triggers besides idle time. Stored like every
 * other setting (one JSON value per name in the vault's settings table) and read back through
 * these schemas, so an unreadable value falls back to its default.
 */
export const lifecycleSettingSchemas = {
  /** Days before a due date that a reminder fires; 0 is the day itself. */
  reminderLeadDays: leadDays,
  rotationPolicy,
  /** Closing the window keeps Keyward running in the tray. */
  closeToTray: z.boolean(),
  lockOnSuspend: z.boolean(),
  /** Not emitted on Linux by Electron; there the idle poll's "locked" state stands in where the desktop reports it. */
  lockOnScreenLock: z.boolean(),
  /** Lock as soon as the window is closed to the tray. */
  lockWhenHidden: z.boolean(),
};

export type LifecycleSettings = { [K in keyof typeof lifecycleSettingSchemas]: z.output<(typeof lifecycleSettingSchemas)[K]> };

/** The reminder lead times the README promises (14, 3, 1 days and the day itself); rotation policies off until the user sets them. */
export const lifecycleDefaults: Readonly<LifecycleSettings> = {
  reminderLeadDays: [14, 3, 1, 0],
  rotationPolicy: { dev: null, staging: null, prod: null, other: null },
  closeToTray: true,
  lockOnSuspend: true,
  lockOnScreenLock: true,
  lockWhenHidden: false,
};

/**
 * Defaults that follow the platform's convention: on macOS closing the last window leaves the
 * app in the dock, so the tray does not take over; on Windows and Linux the tray is where a
 * background app lives.
 */
export function lifecycleDefaultsFor(platform: string): LifecycleSettings {
  return { ...lifecycleDefaults, closeToTray: platform !== 'darwin' };
}
