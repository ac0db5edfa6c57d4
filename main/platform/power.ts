import type { PowerMonitor } from 'electron';
import type { IdleSource, PowerEvent } from '../lock/auto-lock.ts';

/**
 * System idle time from powerMonitor: input anywhere on the system counts (keepassxc#100 and
 * #8079 asked for system-wide idleness, not only activity inside the app). getSystemIdleState
 * reports 'locked' on desktops that tell; it stands in for the 'lock-screen' event Electron does
 * not emit on Linux.
 */
export function systemIdleSource(powerMonitor: Pick<PowerMonitor, 'getSystemIdleTime' | 'getSystemIdleState'>): IdleSource {
  return {
    idleSeconds: () => powerMonitor.getSystemIdleTime(),
    screenLocked: () => powerMonitor.getSystemIdleState(1) === 'locked',
  };
}

const forwarded: readonly PowerEvent[] = ['suspend', 'resume', 'lock-screen', 'unlock-screen'];

/** Hands powerMonitor's suspend, resume and screen events to `listener`; returns the undo. */
export function forwardPowerEvents(
  powerMonitor: Pick<PowerMonitor, 'on' | 'off'>,
  listener: (event: PowerEvent) => void,
): () => void {
  const handlers = forwarded.map((event) => {
    const handler = () => listener(event);
    (powerMonitor.on as (event: string, handler: () => void) => void)(event, handler);
    return () => (powerMonitor.off as (event: string, handler: () => void) => void)(event, handler);
  });
  return () => handlers.forEach((off) => off());
}
