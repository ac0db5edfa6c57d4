import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { importFormatInfo, type ColumnMapping, type ImportFormat } from '../../../contract/costs.ts';
import { phrase } from '../../../i18n/phrase.ts';
import { readCsvBatches, type CsvProblem } from './csv-stream.ts';
import { anthropicCost, anthropicUsage } from './formats/anthropic.ts';
import { readDeepSeekZip } from './formats/deepseek.ts';
import { genericFormat } from './formats/generic.ts';
import { googleBilling } from './formats/google.ts';
import { openaiActivity, openaiCost } from './formats/openai.ts';
import { openrouterRequests, openrouterSummary } from './formats/openrouter.ts';
import { fileProblems } from './messages.ts';
import { FileError, Header, RowError, type CsvFormat, type ParsedItem, type RowOutcome, type SourceRow } from './types.ts';

/** The CSV formats recognised from their header row, in the order they are tried. */
export const csvFormats: readonly CsvFormat[] = [
  openaiCost,
  openaiActivity,
  anthropicUsage,
  anthropicCost,
  openrouterRequests,
  openrouterSummary,
  googleBilling,
];

/** Billing exports put a key/value preamble (about 8 lines) before the header; look this far. */
const HEADER_SEARCH_ROWS = 50;

export type ImportSource = { path: string } | { bytes: Buffer };

export interface ReadOptions {
  format?: ImportFormat | undefined;
  mapping?: ColumnMapping | undefined;
  /** Weighs DeepSeek rows when a charge is split between keys (their list-price cost). */
  weigh: (row: SourceRow) => bigint;
  onFormat: (format: ImportFormat) => void;
}

/** Files are read in pieces this large: big enough that per-piece costs vanish, small enough to stream. */
const CHUNK_BYTES = 256 * 1024;

/** A file handed over as bytes (the app's way), read in pieces like a file on disk. */
function* chunksOf(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += CHUNK_BYTES) yield bytes.subarray(at, at + CHUNK_BYTES);
}

/** Which format a header row is, if any. */
export function detectFormat(header: Header): CsvFormat | null {
  return csvFormats.find((f) => matchesHeader(f, header)) ?? null;
}

function matchesHeader(format: CsvFormat, header: Header): boolean {
  return format.required.every((name) => header.has(name)) && (format.matches?.(header) ?? true);
}

export async function digestOf(source: ImportSource): Promise<string> {
  const hash = createHash('sha256');
  if ('bytes' in source) return hash.update(source.bytes).digest('hex');
  for await (const chunk of createReadStream(source.path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

async function isZip(source: ImportSource): Promise<boolean> {
  const magic = Buffer.from('PK\u0003\u0004', 'latin1');
  if ('bytes' in source) return source.bytes.subarray(0, 4).equals(magic);
  const handle = await open(source.path, 'r');
  try {
    const head = Buffer.alloc(4);
    await handle.read(head, 0, 4, 0);
    return head.equals(magic);
  } finally {
    await handle.close();
  }
}

/**
 * Reads an export: a DeepSeek ZIP, or a CSV whose header row says which format it is (or the
 * forced `format`). Yields every data row's outcome in file order; throws FileError when the
 * file as a whole cannot be read.
 */
export async function* readImport(source: ImportSource, options: ReadOptions): AsyncGenerator<ParsedItem> {
  if (await isZip(source)) {
    if (options.format && importFormatInfo[options.format].container !== 'zip') {
      throw new FileError(1, phrase(fileProblems.unexpectedZip));
    }
    options.onFormat('deepseek-zip');
    yield* readDeepSeekZip(source, options.weigh);
    return;
  }
  if (options.format && importFormatInfo[options.format].container === 'zip') throw new FileError(1, phrase(fileProblems.notZip));
  if (options.format === 'generic' && !options.mapping) {
    throw new FileError(1, phrase(fileProblems.needsMapping));
  }
  const forced = options.mapping ? genericFormat(options.mapping) : csvFormats.find((f) => f.format === options.format);
  const stream =
    'bytes' in source ? Readable.from(chunksOf(source.bytes)) : createReadStream(source.path, { highWaterMark: CHUNK_BYTES });
  // Problems are held and given out in line order with the records around them, and those
  // before the header (a preamble) dropped.
  const problems: ParsedItem[] = [];
  const before = (line: number) => {
    problems.sort((a, b) => a.line - b.line);
    const count = problems.findIndex((p) => p.line >= line);
    return problems.splice(0, count === -1 ? problems.length : count);
  };
  let parseRow: ((cells: readonly string[]) => RowOutcome) | null = null;
  let searched = 0;
  let sawAnything = false;
  const onProblem = (p: CsvProblem) => problems.push({ line: p.line, error: p.message });
  batches: for await (const batch of readCsvBatches(stream, { onProblem }))
    for (const record of batch) {
      sawAnything = true;
      if (!parseRow) {
        const header = new Header(record.cells, record.line);
        const format = forced ? (matchesHeader(forced, header) ? forced : null) : detectFormat(header);
        if (format) {
          options.onFormat(format.format);
          parseRow = format.open(header);
          before(record.line + 1);
          continue;
        }
        searched += 1;
        if (searched >= HEADER_SEARCH_ROWS) break batches;
        continue;
      }
      if (problems.length > 0) yield* before(record.line);
      try {
        yield { line: record.line, outcome: parseRow(record.cells) };
      } catch (error) {
        if (!(error instanceof RowError)) throw error;
        yield { line: record.line, error: error.phrase };
      }
    }
  if (!parseRow) {
    if (!sawAnything) throw new FileError(1, phrase(fileProblems.empty));
    throw new FileError(
      1,
      forced
        ? phrase(fileProblems.formatHeaderNotFound, {
            format: importFormatInfo[forced.format].label,
            columns: forced.required.join(', '),
            rows: HEADER_SEARCH_ROWS,
          })
        : phrase(fileProblems.headerNotFound, { rows: HEADER_SEARCH_ROWS }),
    );
  }
  yield* before(Number.POSITIVE_INFINITY);
}
