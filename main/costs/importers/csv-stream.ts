import { parse } from 'csv-parse';
import { StringDecoder } from 'node:string_decoder';
import { Transform, type Readable, type TransformCallback } from 'node:stream';

/**
 * Reading CSV as a stream, so a 100 MB export never sits in memory whole.
 *
 * Parsing is csv-parse's (the `csv` project: maintained since 2010, streaming, RFC 4180 quoting,
 * no dependencies). Before it, one small transform decodes the bytes — UTF-8 with or without a
 * BOM, or UTF-16 with a BOM as spreadsheet "Unicode text" saves — and turns CRLF and lone CR into
 * LF, which keeps csv-parse's line count exact even when a quoted field holds a line break.
 */

export interface CsvRecord {
  /** The line the record starts on, counting from 1, blank lines included. */
  line: number;
  cells: string[];
}

export interface CsvProblem {
  line: number;
  message: string;
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

/**
 * Records with their starting line numbers. A record csv-parse cannot read (an unclosed or
 * stray quote) is reported through `onProblem` with its line, and reading goes on.
 */
export async function* readCsv(
  input: Readable,
  options: { onProblem: (problem: CsvProblem) => void },
): AsyncGenerator<CsvRecord> {
  const parser = parse({
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    max_record_size: MAX_RECORD_BYTES,
    info: true,
  });
  parser.on('skip', (error: Error & { lines?: number }) => {
    options.onProblem({ line: error.lines ?? 0, message: describeCsvError(error) });
  });
  const decoded = input.pipe(new DecodeToLf());
  input.on('error', (error) => decoded.destroy(error));
  decoded.pipe(parser);
  decoded.on('error', (error) => parser.destroy(error));
  for await (const item of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
    const { record, info } = item;
    let breaks = 0;
    for (const cell of record) for (let i = cell.indexOf('\n'); i !== -1; i = cell.indexOf('\n', i + 1)) breaks += 1;
    yield { line: info.lines - breaks, cells: record };
  }
}

function describeCsvError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'a quoted field is never closed.';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'a quote inside a field is not doubled ("").';
    case 'CSV_MAX_RECORD_SIZE':
      return 'the row is longer than 1 MiB.';
    default:
      return 'this row is not valid CSV.';
  }
}
