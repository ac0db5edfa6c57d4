import type { Clock } from '../../main/clock.ts';
import { createServices, type ServiceOptions, type Services } from '../../main/services.ts';
import { tempDir } from './temp.ts';

export const PASSWORD = 'correct horse battery staple';

/** A clock tests can move. */
export class ManualClock implements Clock {
  #now: number;
  constructor(start = '2026-11-27T12:00:00.000Z') {
    this.#now = Date.parse(start);
  }
  now(): Date {
    return new Date(this.#now);
  }
  advance(ms: number): void {
    this.#now += ms;
  }
}

/** Services over a new data directory, at the KDF floor so each unlock costs ~0.2 s. */
export function servicesIn(
  dataDir = tempDir(),
  clock: Clock = new ManualClock(),
  extra: Pick<ServiceOptions, 'clipboard' | 'timers'> = {},
): Services {
  return createServices({ dataDir, clock, kdfPolicy: 'minimum', ...extra });
}

export async function createdVault(
  dataDir = tempDir(),
  clock: Clock = new ManualClock(),
  extra: Pick<ServiceOptions, 'clipboard' | 'timers'> = {},
): Promise<Services> {
  const services = servicesIn(dataDir, clock, extra);
  await services.vault.create(PASSWORD, 'app');
  return services;
}
