import type { Clock } from '../../main/clock.ts';
import { ManualClock } from './manual-clock.ts';
import { createServices, type ServiceOptions, type Services } from '../../main/services.ts';
import { KeywardError } from '../../contract/errors.ts';
import { tempDir } from './temp.ts';

export const PASSWORD = 'correct horse battery staple';

export { ManualClock } from './manual-clock.ts';

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

/** The KeywardError a call fails with; anything else (success, another error) fails the test. */
export async function failure(run: () => Promise<unknown>): Promise<KeywardError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof KeywardError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}
