/**
 * Generated data for the benchmark: an OpenAI usage export of N rows over two years, and a vault's
 * worth of keys over 20 providers. Deterministic (no randomness), so two runs measure the same work.
 * Everything is obviously fake (FAKE in every id), never a real key or account.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Environment } from '../../contract/keys.ts';
import { addDays } from '../../contract/days.ts';
import { providerIds } from '../../contract/providers.ts';
import type { Services } from '../../main/services.ts';
import { fill } from '../support/fake-keys.ts';

/** The bench's "today": usage runs over the two years that end here. */
export const BENCH_TODAY = '2026-12-31';
export const FIRST_DAY = addDays(BENCH_TODAY, -729);
export const DAYS = 730;

/** Dated spellings, as the export writes them: each resolves to a priced model (exercises resolution and pricing). */
const MODELS = [
  'gpt-4o-mini-2024-07-18',
  'gpt-4o-2024-08-06',
  'gpt-4.1-2025-04-14',
  'gpt-4.1-mini-2025-04-14',
  'o3-mini-2025-01-31',
  'gpt-5-2025-08-07',
  'gpt-5-mini-2025-08-07',
];
const API_KEYS = 20;

export const OPENAI_ACTIVITY_HEADER =
  'start_time,end_time,start_time_iso,end_time_iso,project_id,project_name,num_model_requests,user_id,api_key_id,model,batch,service_tier,input_tokens,output_tokens,input_cached_tokens,input_uncached_tokens,input_cache_write_tokens';

/**
 * An OpenAI dashboard activity export (completions usage, 1-day buckets grouped by project, key
 * and model): `rows` rows spread evenly over the 730 days. Each day's rows are distinct
 * (key × model × project), so every row is a new record; 20 keys × 7 models give the daily
 * rollup about 140 rows a day whatever N is, as a real export grouped this way would.
 */
export async function writeOpenAiActivity(path: string, rows: number): Promise<{ bytes: number }> {
  const out = createWriteStream(path);
  let bytes = 0;
  const write = async (text: string) => {
    bytes += Buffer.byteLength(text);
    if (!out.write(text)) await once(out, 'drain');
  };
  await write(`${OPENAI_ACTIVITY_HEADER}\n`);
  const perDay = Math.ceil(rows / DAYS);
  const dayStart = Date.parse(`${FIRST_DAY}T00:00:00Z`) / 1000;
  let chunk = '';
  for (let i = 0; i < rows; i += 1) {
    const dayIndex = Math.floor(i / perDay);
    const combo = i % perDay;
    const key = combo % API_KEYS;
    const model = MODELS[Math.floor(combo / API_KEYS) % MODELS.length]!;
    const project = Math.floor(combo / (API_KEYS * MODELS.length));
    const start = dayStart + dayIndex * 86_400;
    const startIso = new Date(start * 1000).toISOString().slice(0, 19);
    const endIso = new Date((start + 86_400) * 1000).toISOString().slice(0, 19);
    const input = 1000 + ((i * 7919) % 90_000);
    const cached = (i * 31) % 2 === 0 ? Math.floor(input / 4) : 0;
    const output = 100 + ((i * 104_729) % 9000);
    const requests = 1 + (i % 40);
    chunk +=
      `${start},${start + 86_400},${startIso}+00:00,${endIso}+00:00,proj_FAKE${project},FAKE project ${project},${requests},user-FAKE,` +
      `key_FAKE${String(key).padStart(4, '0')},${model},false,default,${input},${output},${cached},${input - cached},0\n`;
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return { bytes };
}

/** The 20 providers keys are spread over: the catalog's first twenty. */
export const KEY_PROVIDERS = providerIds.slice(0, 20);

const ENVIRONMENTS: Environment[] = ['prod', 'dev', 'staging', 'prod', 'other'];
const PURPOSES = [
  'Deploy bot',
  'CI runner',
  'Billing sync',
  'Support inbox',
  'Analytics export',
  'Nightly backup',
  'Webhook relay',
  'Agent',
];

/** The label of the bench's i-th key ("Agent 09999"): the renderer bench searches for the last one. */
export function benchKeyLabel(i: number): string {
  return `${PURPOSES[i % PURPOSES.length]} ${String(i).padStart(5, '0')}`;
}

/**
 * `count` keys over 20 providers, added through the real KeyService (each secret sealed, each add
 * audited) in one transaction. Labels, environments, projects, tags, notes and a few favourites
 * and due dates vary, so search and the cards see a realistic mix.
 */
export function addKeys(services: Services, count: number): void {
  const { db } = services.vault.session();
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const provider = KEY_PROVIDERS[i % KEY_PROVIDERS.length]!;
      services.keys.add(
        {
          label: benchKeyLabel(i),
          secret: `FAKE-${provider}-${fill(`example${i}`, 40)}`,
          provider,
          environment: ENVIRONMENTS[i % ENVIRONMENTS.length]!,
          notes: i % 3 === 0 ? `Scopes: read, write. Owner team ${i % 12}. Rotate with the ${provider} console.` : '',
          usedIn: [`project-${i % 50}`, ...(i % 4 === 0 ? [`service-${i % 17}`] : [])],
          tags: i % 2 === 0 ? [`team-${i % 12}`] : [],
          expiresAt: i % 10 === 0 ? addDays(BENCH_TODAY, (i % 90) - 30) : null,
          rotateEveryDays: i % 5 === 0 ? 90 : null,
          favourite: i % 500 === 0,
        },
        'cli',
      );
    }
  })();
}
