import { z } from 'zod';
import type { ProviderClient } from './client.ts';
import { emptyRow, type SyncedRow } from './report.ts';

/**
 * OpenRouter's `GET /api/v1/key`: any key reports its own spend (`usage` in credits = dollars,
 * `usage_daily` for the current UTC day) and its limit. There is no per-day history without a
 * management key, so each sync records each key's spend of the current UTC day, one record per
 * key and day, replaced while the day is open; a day the app never synced on stays unknown.
 */
const keyAnswer = z.object({
  data: z.object({
    label: z.string().nullish(),
    limit: z.number().nullish(),
    limit_remaining: z.number().nullish(),
    usage: z.number(),
    usage_daily: z.number(),
    usage_monthly: z.number().nullish(),
    is_free_tier: z.boolean().nullish(),
  }),
});

export interface OpenRouterKeyAnswer {
  row: SyncedRow;
  monthMicros: number | null;
  limitMicros: number | null;
  remainingMicros: number | null;
}

const micros = (usd: number) => Math.round(usd * 1_000_000);

export async function fetchOpenRouterKey(
  client: ProviderClient,
  vaultKeyId: string,
  today: string,
): Promise<OpenRouterKeyAnswer> {
  const { data } = await client.get('/api/v1/key', {}, keyAnswer);
  const row = emptyRow(today, 'key');
  row.vaultKeyId = vaultKeyId;
  row.costMicros = micros(data.usage_daily);
  return {
    row,
    monthMicros: data.usage_monthly === null || data.usage_monthly === undefined ? null : micros(data.usage_monthly),
    limitMicros: data.limit === null || data.limit === undefined ? null : micros(data.limit),
    remainingMicros: data.limit_remaining === null || data.limit_remaining === undefined ? null : micros(data.limit_remaining),
  };
}
