import yauzl from 'yauzl';
import type { Readable } from 'node:stream';
import { phrase } from '../../../../i18n/phrase.ts';
import { checkUsd, parseCount, parseMoney, parseWrittenDay, required } from '../fields.ts';
import { readCsv, type CsvProblem } from '../csv-stream.ts';
import { fileProblems, rowProblems } from '../messages.ts';
import { FileError, Header, RowError, type ParsedItem, type SourceRow } from '../types.ts';

/**
 * DeepSeek platform usage export: a ZIP holding `amount-*.csv` (quantities per model, key and
 * kind) and `cost-*.csv` (the charge per model and wallet). Read with yauzl (maintained, streams
 * entries, checks entry sizes against the directory, no native code).
 *
 * Days are the billing days as DeepSeek writes them: `start_time_iso` is stamped with the
 * account's offset (+08:00), and converting it to UTC would file each day one day early.
 *
 * One record per period, model and key, with the tokens summed over the amount rows. The charge
 * comes from the cost file per period and model; when several keys share it, it is split between
 * them in proportion to `weigh` (their list-price cost) with largest-remainder rounding, so the
 * parts add up to the charge exactly.
 */

const MAX_ENTRIES = 1000;
const MAX_UNCOMPRESSED = 2 * 1024 ** 3;

interface Group {
  line: number;
  entry: string;
  start: string;
  end: string;
  model: string;
  keyName: string;
  input: number;
  cached: number;
  output: number;
  requests: number;
  day: string;
}

interface Charge {
  line: number;
  entry: string;
  day: string;
  model: string;
  micros: number;
}

export async function* readDeepSeekZip(
  source: { path: string } | { bytes: Buffer },
  weigh: (row: SourceRow) => bigint,
): AsyncGenerator<ParsedItem> {
  let zip: yauzl.ZipFile;
  try {
    zip =
      'path' in source
        ? await yauzl.openPromise(source.path, { lazyEntries: true, autoClose: true })
        : await yauzl.fromBufferPromise(source.bytes, { lazyEntries: true });
  } catch {
    throw new FileError(1, phrase(fileProblems.zipUnreadable));
  }
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    throw new FileError(1, phrase(fileProblems.zipTooManyFiles, { count: MAX_ENTRIES }));
  }
  const groups = new Map<string, Group>();
  const charges = new Map<string, Charge>();
  const problems: ParsedItem[] = [];
  let amountFiles = 0;
  let total = 0;
  let dataRows = 0;
  let unreadable = 0;
  try {
    for await (const entry of readableEntries(zip)) {
      const base = entry.fileName.slice(entry.fileName.lastIndexOf('/') + 1);
      const kind = /^amount.*\.csv$/i.test(base) ? 'amount' : /^cost.*\.csv$/i.test(base) ? 'cost' : null;
      if (!kind) continue;
      total += entry.uncompressedSize;
      if (total > MAX_UNCOMPRESSED) throw new FileError(1, phrase(fileProblems.zipTooLarge));
      if (kind === 'amount') amountFiles += 1;
      const stream: Readable = await damagedAsFileError(() => zip.openReadStreamPromise(entry));
      let header: Header | null = null;
      const onProblem = (problem: CsvProblem) => {
        unreadable += 1;
        problems.push({ line: problem.line, error: problem.message, entry: base, rows: 0 });
      };
      for await (const record of damagedStreamAsFileError(readCsv(stream, { onProblem }))) {
        if (!header) {
          header = new Header(record.cells, record.line);
          const needed = kind === 'amount' ? ['start_time_iso', 'model', 'type', 'amount'] : ['start_time_iso', 'model', 'cost'];
          const missing = needed.filter((name) => !header!.has(name));
          if (missing.length)
            throw new FileError(record.line, phrase(fileProblems.entryHeaderLacks, { entry: base, columns: missing.join(', ') }));
          continue;
        }
        dataRows += 1;
        try {
          if (kind === 'amount') addAmount(groups, header, record.cells, record.line, base);
          else addCharge(charges, header, record.cells, record.line, base);
        } catch (error) {
          if (!(error instanceof RowError)) throw error;
          problems.push({ line: record.line, error: error.phrase, entry: base, rows: 0 });
        }
      }
    }
  } finally {
    zip.close();
  }
  if (amountFiles === 0 && charges.size === 0) {
    throw new FileError(1, phrase(fileProblems.zipNotDeepSeek));
  }
  yield* problems;
  yield* recordsFrom(groups, charges, weigh);
  // Several amount rows make one record: the rows read are counted once, here.
  yield { line: 0, outcome: [], rows: dataRows + unreadable };
}

function chargeKey(group: { start: string; end: string; model: string }): string {
  return `${group.start}\u001f${group.end}\u001f${group.model}`;
}

function addAmount(groups: Map<string, Group>, header: Header, cells: readonly string[], line: number, entry: string): void {
  const start = required(header.get(cells, 'start_time_iso'), 'start_time_iso');
  const end = header.get(cells, 'end_time_iso');
  const model = required(header.get(cells, 'model'), 'model');
  const keyName = header.get(cells, 'api_key_name');
  const type = header.get(cells, 'type').toLowerCase();
  const amount = parseCount(header.get(cells, 'amount'), 'amount');
  const day = parseWrittenDay(start, 'start_time_iso');
  const id = `${chargeKey({ start, end, model })}\u001f${keyName}`;
  const group = groups.get(id) ?? { line, entry, start, end, model, keyName, input: 0, cached: 0, output: 0, requests: 0, day };
  switch (type) {
    case 'input_cache_hit_tokens':
      group.input += amount;
      group.cached += amount;
      break;
    case 'input_cache_miss_tokens':
      group.input += amount;
      break;
    case 'output_tokens':
      group.output += amount;
      break;
    case 'request_count':
      group.requests += amount;
      break;
    default:
      throw new RowError(phrase(rowProblems.deepSeekType));
  }
  groups.set(id, group);
}

function addCharge(charges: Map<string, Charge>, header: Header, cells: readonly string[], line: number, entry: string): void {
  const start = required(header.get(cells, 'start_time_iso'), 'start_time_iso');
  const model = required(header.get(cells, 'model'), 'model');
  checkUsd(header.get(cells, 'currency'), 'currency');
  const micros = parseMoney(header.get(cells, 'cost'), 'cost') ?? 0;
  const id = chargeKey({ start, end: header.get(cells, 'end_time_iso'), model });
  const charge = charges.get(id) ?? { line, entry, day: parseWrittenDay(start, 'start_time_iso'), model, micros: 0 };
  // Granted and topped-up wallets are both spend.
  charge.micros += micros;
  charges.set(id, charge);
}

function* recordsFrom(
  groups: Map<string, Group>,
  charges: Map<string, Charge>,
  weigh: (row: SourceRow) => bigint,
): Generator<ParsedItem> {
  const byCharge = new Map<string, Group[]>();
  for (const group of groups.values()) {
    const key = chargeKey(group);
    byCharge.set(key, [...(byCharge.get(key) ?? []), group]);
  }
  for (const [key, members] of byCharge) {
    const rows = members.map(toRow);
    const charge = charges.get(key);
    if (charge) {
      const shares = split(charge.micros, rows.map(weigh));
      rows.forEach((row, i) => {
        row.costMicros = shares[i]!;
        if (rows.length > 1) row.note = `charge split across ${rows.length} keys by list-price share`;
      });
    }
    for (let i = 0; i < rows.length; i += 1) yield { line: members[i]!.line, outcome: [rows[i]!], rows: 0 };
  }
  for (const [key, charge] of charges) {
    if (byCharge.has(key)) continue;
    const [start, end, model] = key.split('\u001f') as [string, string, string];
    yield {
      line: charge.line,
      rows: 0,
      outcome: [
        {
          identity: [start, end, model, '(charge without amounts)'],
          day: charge.day,
          provider: 'deepseek',
          model,
          keyHint: null,
          inputTokens: 0,
          outputTokens: 0,
          cachedTokens: 0,
          cacheWriteTokens: 0,
          cacheWrite1hTokens: 0,
          requests: 0,
          costMicros: charge.micros,
          pricing: {},
          note: `${charge.entry}: charge with no matching amount rows`,
        },
      ],
    };
  }
}

function toRow(group: Group): SourceRow {
  return {
    identity: [group.start, group.end, group.model, group.keyName],
    day: group.day,
    provider: 'deepseek',
    model: group.model,
    keyHint: group.keyName || null,
    inputTokens: group.input,
    outputTokens: group.output,
    cachedTokens: group.cached,
    cacheWriteTokens: 0,
    cacheWrite1hTokens: 0,
    requests: group.requests,
    // Without a cost row the period is priced from the table.
    costMicros: null,
    pricing: {},
    note: '',
  };
}

/** Splits `total` in proportion to `weights`, exactly: largest remainders get the leftover units. */
export function split(total: number, weights: bigint[]): number[] {
  if (weights.length === 1) return [total];
  const sum = weights.reduce((a, b) => a + b, 0n);
  const even = sum === 0n;
  const w = even ? weights.map(() => 1n) : weights;
  const wSum = even ? BigInt(weights.length) : sum;
  const sign = total < 0 ? -1n : 1n;
  const abs = BigInt(Math.abs(total));
  const base = w.map((weight) => (abs * weight) / wSum);
  let left = abs - base.reduce((a, b) => a + b, 0n);
  const order = w
    .map((weight, i) => ({ i, rem: (abs * weight) % wSum }))
    .sort((a, b) => (a.rem === b.rem ? a.i - b.i : a.rem > b.rem ? -1 : 1));
  for (const { i } of order) {
    if (left === 0n) break;
    base[i]! += 1n;
    left -= 1n;
  }
  return base.map((part) => Number(part * sign));
}

/**
 * yauzl reports a damaged archive (a bad directory entry, a wrong CRC, a cut entry) by throwing
 * or emitting its own Error while the entries are read; the import must say the file is damaged,
 * not fail as an internal error (found by the reliability suite's importer fuzzing).
 */
const DAMAGED = phrase(fileProblems.zipDamaged);

async function* readableEntries(zip: yauzl.ZipFile): AsyncGenerator<yauzl.Entry> {
  yield* damagedStreamAsFileError(zip.eachEntry());
}

async function* damagedStreamAsFileError<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  const iterator = items[Symbol.asyncIterator]();
  let done = false;
  try {
    for (;;) {
      const next = await damagedAsFileError(() => iterator.next());
      if (next.done) {
        done = true;
        return;
      }
      yield next.value;
    }
  } finally {
    // Left early (the reader stopped at a file error): let the underlying reader close its stream.
    if (!done) await iterator.return?.(undefined).catch(() => undefined);
  }
}

async function damagedAsFileError<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof FileError || error instanceof RowError) throw error;
    throw new FileError(1, DAMAGED);
  }
}
