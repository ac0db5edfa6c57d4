/**
 * Keys: the list the main view loads, and search as you type, over the vault's keys. Timed as main
 * does the work for the window: the router call (validation, the service) plus serialising the
 * answer with V8's serializer, which is what Electron's IPC uses to carry it to the renderer.
 * The answer's size is what crosses to the renderer on every keystroke.
 */
import { deserialize, serialize } from 'node:v8';
import type { Result } from '../../contract/errors.ts';
import { matchesWords, searchableText, searchWords } from '../../contract/key-search.ts';
import type { KeySummary } from '../../contract/keys.ts';
import type { Call } from '../../main/router.ts';
import { log, round, summarize, type Summary } from './stats.ts';

export interface KeysResult {
  list: Summary;
  /** keys.list with a search through the router, answer serialised: what the CLI (and, before, the window on every keystroke) costs main. */
  search: Summary;
  /** The service's search alone (no serialisation). */
  searchService: Summary;
  /** What a keystroke costs now: the window filters the list it holds (contract/key-search.ts), here over the same 10,000 summaries. */
  windowFilter: Summary;
  /** Bytes of the answers as they cross to the renderer. */
  listBytes: number;
  searchBytesMean: number;
  keystrokes: number;
}

/** Phrases a user types, one character at a time; every prefix is a search. */
const TYPED = ['deploy bot', 'stripe prod', 'team-7', 'project-42', 'billing sync 0042', 'openai agent', 'rotate'];

async function timed(call: Call, input: unknown): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const result: Result<unknown> = await call('keys.list', input, { source: 'app' });
  if (!result.ok) throw new Error(result.error.message);
  const bytes = serialize(result).length;
  return { ms: performance.now() - started, bytes };
}

export async function benchKeys(call: Call, service: (search: string) => unknown, listRuns: number): Promise<KeysResult> {
  await timed(call, {});
  const list: number[] = [];
  let listBytes = 0;
  for (let i = 0; i < listRuns; i += 1) {
    const run = await timed(call, {});
    list.push(run.ms);
    listBytes = run.bytes;
  }
  const search: number[] = [];
  let searchBytes = 0;
  for (const phrase of TYPED) {
    for (let end = 1; end <= phrase.length; end += 1) {
      const run = await timed(call, { search: phrase.slice(0, end) });
      search.push(run.ms);
      searchBytes += run.bytes;
    }
  }
  const searchService: number[] = [];
  for (const phrase of TYPED) {
    for (let end = 1; end <= phrase.length; end += 1) {
      const started = performance.now();
      service(phrase.slice(0, end));
      searchService.push(performance.now() - started);
    }
  }
  // The window's copy of the list (as it arrives over IPC), its search texts made on first use.
  const listed = (await call('keys.list', {}, { source: 'app' })) as Result<KeySummary[]>;
  if (!listed.ok) throw new Error(listed.error.message);
  const held = deserialize(serialize(listed.value)) as KeySummary[];
  const texts = new WeakMap<KeySummary, string>();
  const textOf = (key: KeySummary) => {
    let text = texts.get(key);
    if (text === undefined) texts.set(key, (text = searchableText(key)));
    return text;
  };
  const windowFilter: number[] = [];
  for (const phrase of TYPED) {
    for (let end = 1; end <= phrase.length; end += 1) {
      const started = performance.now();
      const words = searchWords(phrase.slice(0, end));
      held.filter((key) => matchesWords(textOf(key), words));
      windowFilter.push(performance.now() - started);
    }
  }
  const result = {
    list: summarize(list),
    search: summarize(search),
    searchService: summarize(searchService),
    windowFilter: summarize(windowFilter),
    listBytes,
    searchBytesMean: round(searchBytes / search.length, 0),
    keystrokes: search.length,
  };
  log(
    `  keys: list p50 ${result.list.p50} / p95 ${result.list.p95} ms (${(listBytes / 1e6).toFixed(2)} MB); search via router p95 ${result.search.p95} ms, service p95 ${result.searchService.p95} ms, window filter p95 ${result.windowFilter.p95} ms over ${search.length} keystrokes`,
  );
  return result;
}
