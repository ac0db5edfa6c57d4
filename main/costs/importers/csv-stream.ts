import { StringDecoder } from 'node:string_decoder';
import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { phrase, type Phrase } from '../../../i18n/phrase.ts';
import { rowProblems } from './messages.ts';

/**
 * Reading CSV as a stream, so a 100 MB export never sits in memory whole.
 *
 * One small transform decodes the bytes — UTF-8 with or without a BOM, or UTF-16 with a BOM as
 * spreadsheet "Unicode text" saves — and turns CRLF and lone CR into LF, so a record's line
 * number is exact even when a quoted field holds a line break. Then `CsvTokenizer` splits the text
 * into records (RFC 4180: comma-separated, fields optionally quoted with doubled quotes inside).
 *
 * Why our own tokenizer and not a library: the import of a 1M-row export has a budget of a few
 * seconds, and csv-parse (which we used first) spent most of it here: about 10× slower than
 * splitting the common line that has no quote at all, which is what this does, falling back to a
 * character scan only for lines with quotes. The faster libraries (papaparse, udsv) do not give a
 * record's line number, which previews cite, nor report an unclosed or stray quote on its line.
 * test/unit/costs/csv-tokenizer.test.ts checks it against csv-parse on generated input.
 */

export interface CsvRecord {
  /** The line the record starts on, counting from 1, blank lines included. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: Phrase;
}

/** The largest record accepted: a runaway quote should fail on its line, not eat the machine. */
const MAX_RECORD_BYTES = 1024 * 1024;

class DecodeToLf extends Transform {
  #decoder: StringDecoder | null = null;
  #head: Buffer = Buffer.alloc(0);
  #pendingCr = false;
  constructor() {
    super({ decodeStrings: true, encoding: 'utf8' });
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.#decoder) {
      // Wait for enough bytes to see a BOM.
      this.#head = Buffer.concat([this.#head, chunk]);
      if (this.#head.length < 3) return callback();
      this.#start(this.#head);
      return callback();
    }
    this.#emit(this.#decoder.write(chunk));
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (!this.#decoder) this.#start(this.#head);
    this.#emit(this.#decoder!.end());
    if (this.#pendingCr) {
      this.#pendingCr = false;
      this.push('\n');
    }
    callback();
  }

  #start(bytes: Buffer): void {
    let body = bytes;
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.#decoder = new StringDecoder('utf16le');
      body = bytes.subarray(2);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      // Node has no UTF-16BE decoder: swap each byte pair and read it as UTF-16LE.
      this.#decoder = new SwappingDecoder();
      body = bytes.subarray(2);
    } else {
      this.#decoder = new StringDecoder('utf8');
      if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
    }
    this.#emit(this.#decoder.write(body));
  }

  #emit(text: string): void {
    if (!text) return;
    let out = text;
    if (this.#pendingCr) {
      out = `\r${out}`;
      this.#pendingCr = false;
    }
    if (out.endsWith('\r')) {
      // A CR at a chunk's end may be the first half of a CRLF: decide with the next chunk.
      this.#pendingCr = true;
      out = out.slice(0, -1);
    }
    this.push(out.replace(/\r\n?/g, '\n'));
  }
}

class SwappingDecoder extends StringDecoder {
  #odd: number | null = null;
  constructor() {
    super('utf16le');
  }
  override write(buffer: Buffer): string {
    let bytes = this.#odd === null ? Buffer.from(buffer) : Buffer.concat([Buffer.from([this.#odd]), buffer]);
    this.#odd = bytes.length % 2 === 1 ? bytes[bytes.length - 1]! : null;
    if (this.#odd !== null) bytes = bytes.subarray(0, bytes.length - 1);
    return super.write(Buffer.from(bytes).swap16());
  }
}

/** Why a record could not be read; the importer shows it with the record's line. */
const PROBLEMS = {
  unclosed: phrase(rowProblems.unclosedQuote),
  closing: phrase(rowProblems.undoubledQuote),
  opening: phrase(rowProblems.notCsv),
  size: phrase(rowProblems.rowTooLong),
} as const;

/**
 * Splits LF-separated text into records, chunk by chunk. A record may span chunks (and, inside
 * quotes, lines): its unfinished tail is kept and read again with the next chunk. Empty lines are
 * skipped (but counted). A record that cannot be read is reported with its first line and skipped;
 * reading resumes after the line the problem is on, where a well-formed record most likely starts.
 */
export class CsvTokenizer {
  #pending = '';
  /** The line the next record starts on. */
  #line = 1;
  /** After a problem: the rest of that line is dropped, possibly into the next chunk. */
  #skipping = false;
  #out: CsvRecord[] = [];
  readonly #onProblem: (problem: CsvProblem) => void;

  constructor(onProblem: (problem: CsvProblem) => void) {
    this.#onProblem = onProblem;
  }

  /** The records this chunk completes. */
  push(chunk: string): CsvRecord[] {
    this.#out = [];
    const text = this.#pending + chunk;
    this.#pending = '';
    let pos = 0;
    if (this.#skipping) pos = this.#skipLine(text, 0);
    // Where the next quote is: looked up again only once passed, so a file with few quotes is
    // not scanned to its next quote for every line.
    let quote = text.indexOf('"', pos);
    while (pos < text.length) {
      const end = text.indexOf('\n', pos);
      if (end === -1) break;
      if (end === pos) {
        this.#line += 1;
        pos = end + 1;
        continue;
      }
      if (quote !== -1 && quote < pos) quote = text.indexOf('"', pos);
      if (quote === -1 || quote > end) {
        // The common line: no quote, so every comma separates two fields.
        if (end - pos > MAX_RECORD_BYTES) this.#onProblem({ line: this.#line, message: PROBLEMS.size });
        else this.#out.push({ line: this.#line, cells: text.slice(pos, end).split(',') });
        this.#line += 1;
        pos = end + 1;
        continue;
      }
      const next = this.#quoted(text, pos, false);
      if (next === -1) break;
      pos = next;
    }
    if (pos < text.length) {
      this.#pending = text.slice(pos);
      if (this.#pending.length > MAX_RECORD_BYTES) {
        // A runaway quote or a line without end: report it rather than hold ever more text.
        this.#onProblem({ line: this.#line, message: PROBLEMS.size });
        this.#line += countBreaks(this.#pending, 0, this.#pending.length);
        this.#pending = '';
        this.#skipping = true;
      }
    }
    return this.#out;
  }

  /** The last record, when the text does not end with a line break. */
  end(): CsvRecord[] {
    this.#out = [];
    const text = this.#pending;
    this.#pending = '';
    if (this.#skipping || text.length === 0) return this.#out;
    if (!text.includes('"')) this.#out.push({ line: this.#line, cells: text.split(',') });
    else this.#quoted(text, 0, true);
    return this.#out;
  }

  /**
   * Reads one record that has a quote somewhere, from `start`. Returns where the next record
   * starts, or -1 when the text ends before the record does and more is coming (`final` false).
   */
  #quoted(text: string, start: number, final: boolean): number {
    const cells: string[] = [];
    let pos = start;
    for (;;) {
      if (pos - start > MAX_RECORD_BYTES) return this.#fail(text, start, pos, PROBLEMS.size);
      if (text.charCodeAt(pos) === 34 /* " */) {
        let field = '';
        let from = pos + 1;
        for (;;) {
          const close = text.indexOf('"', from);
          if (close === -1) return final ? this.#fail(text, start, text.length, PROBLEMS.unclosed) : this.#more(text, start);
          if (close + 1 === text.length && !final) return this.#more(text, start); // "" may straddle the chunks
          if (text.charCodeAt(close + 1) === 34) {
            // A doubled quote is one quote inside the field.
            field += text.slice(from, close + 1);
            from = close + 2;
            continue;
          }
          field += text.slice(from, close);
          pos = close + 1;
          break;
        }
        cells.push(field);
        const after = text.charCodeAt(pos);
        if (after === 44 /* , */) {
          pos += 1;
          continue;
        }
        if (after === 10 /* \n */ || pos === text.length) return this.#finish(text, start, pos, cells);
        return this.#fail(text, start, pos, PROBLEMS.closing);
      }
      // An unquoted field runs to the next comma or line end, and may not hold a quote.
      let end = pos;
      for (;;) {
        const code = text.charCodeAt(end);
        if (code === 44 || code === 10 || end === text.length) break;
        if (code === 34) return this.#fail(text, start, end, PROBLEMS.opening);
        end += 1;
      }
      cells.push(text.slice(pos, end));
      if (text.charCodeAt(end) === 44) {
        pos = end + 1;
        continue;
      }
      if (end === text.length && !final) return this.#more(text, start);
      return this.#finish(text, start, end, cells);
    }
  }

  /**
   * The record from `start` needs the next chunk: -1. Unless it is already over the limit (a
   * runaway quote): then it is reported, and reading resumes on the line after its first.
   */
  #more(text: string, start: number): number {
    return text.length - start > MAX_RECORD_BYTES ? this.#fail(text, start, start, PROBLEMS.size) : -1;
  }

  /** The record from `start` ends at `end` (its line break, or the text's end). */
  #finish(text: string, start: number, end: number, cells: string[]): number {
    this.#out.push({ line: this.#line, cells });
    this.#line += countBreaks(text, start, end) + 1;
    return end + 1;
  }

  /** Reports the record starting at `start` and skips past the line `pos` is on. */
  #fail(text: string, start: number, pos: number, message: Phrase): number {
    this.#onProblem({ line: this.#line, message });
    this.#line += countBreaks(text, start, pos);
    return this.#skipLine(text, pos);
  }

  /** Past the next line break from `pos`; when the text ends first, the skipping goes on in the next chunk. */
  #skipLine(text: string, pos: number): number {
    const end = text.indexOf('\n', pos);
    if (end === -1) {
      this.#skipping = true;
      return text.length;
    }
    this.#skipping = false;
    this.#line += 1;
    return end + 1;
  }
}

function countBreaks(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i !== -1 && i < to; i = text.indexOf('\n', i + 1)) count += 1;
  return count;
}

/**
 * Records with their starting line numbers, a chunk's worth at a time (one await per chunk, not
 * per record). A record that cannot be read (an unclosed or stray quote) is reported through
 * `onProblem` with its line, and reading goes on.
 */
export async function* readCsvBatches(
  input: Readable,
  options: { onProblem: (problem: CsvProblem) => void },
): AsyncGenerator<CsvRecord[]> {
  const tokenizer = new CsvTokenizer(options.onProblem);
  const decoded = input.pipe(new DecodeToLf());
  input.on('error', (error) => decoded.destroy(error));
  for await (const chunk of decoded as AsyncIterable<string>) {
    const records = tokenizer.push(chunk);
    if (records.length) yield records;
  }
  const last = tokenizer.end();
  if (last.length) yield last;
}

/** The same, one record at a time. */
export async function* readCsv(
  input: Readable,
  options: { onProblem: (problem: CsvProblem) => void },
): AsyncGenerator<CsvRecord> {
  for await (const records of readCsvBatches(input, options)) yield* records;
}
