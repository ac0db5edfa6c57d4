import { createApi } from '../../contract/client.ts';
import type { EventName, EventPayload } from '../../contract/index.ts';
import { createHandlers } from '../../main/handlers.ts';
import { localDay, addDays } from '../../contract/days.ts';
import { createRouter } from '../../main/router.ts';
import { createServices, type ServiceOptions, type Services } from '../../main/services.ts';
import { ManualTimers } from './manual-timers.ts';
import { RecordingNotifications } from './recording-notifications.ts';
import { tempDir } from './temp.ts';
import { ManualClock, PASSWORD } from './vault.ts';

/**
 * The services as the desktop app builds them (notifications, timers, background reminder
 * checks), on a moveable clock, reached through the router like the window reaches them.
 */
export function appLike(options: Partial<ServiceOptions> & { dataDir?: string; clock?: ManualClock } = {}) {
  const clock = options.clock ?? new ManualClock();
  const timers = new ManualTimers(clock);
  const notifications = new RecordingNotifications();
  const services: Services = createServices({
    kdfPolicy: 'minimum',
    notifications,
    timers,
    ...options,
    dataDir: options.dataDir ?? tempDir(),
    clock,
  });
  const call = createRouter(createHandlers(services));
  const api = createApi((channel, input) => call(channel, input, { source: 'app' }));
  const seen: Array<{ name: EventName; payload: unknown }> = [];
  services.events.subscribe((name, payload) => seen.push({ name, payload }));
  const eventsNamed = <N extends EventName>(name: N) =>
    seen.filter((e) => e.name === name).map((e) => e.payload as EventPayload<N>);
  /** Today's local day on the test clock, moved by `days`. */
  const day = (days = 0) => addDays(localDay(clock.now()), days);
  return {
    services,
    api,
    clock,
    timers,
    notifications,
    eventsNamed,
    day,
    create: () => api.vault.create({ password: PASSWORD }),
  };
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
