import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { phraseText } from '../../../i18n/phrase-text.ts';
import { CsvTokenizer, readCsv, type CsvProblem, type CsvRecord } from '../../../main/costs/importers/csv-stream.ts';

/** Tokenizes `text` fed in the given chunk sizes (cycled), as a stream would hand it over. */
function tokenize(text: string, sizes: number[] = [text.length || 1]): { records: CsvRecord[]; problems: CsvProblem[] } {
  const problems: CsvProblem[] = [];
  const tokenizer = new CsvTokenizer((problem) => problems.push(problem));
  const records: CsvRecord[] = [];
  for (let at = 0, i = 0; at < text.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    records.push(...tokenizer.push(text.slice(at, at + size)));
    at += size;
  }
  records.push(...tokenizer.end());
  return { records, problems };
}

/** What csv-parse (the parser this tokenizer replaced) reads, with each record's first line. */
function reference(text: string): CsvRecord[] {
  const rows = parse(text, {
    record_delimiter: '\n',
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
  }) as unknown as Array<{
    record: string[];
    info: { lines: number };
  }>;
  return rows.map(({ record, info }) => {
    const breaks = record.reduce((n, cell) => n + cell.split('\n').length - 1, 0);
    return { line: info.lines - breaks, cells: record };
  });
}

/** A small deterministic generator, so a failure can be reproduced from its seed. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function randomCsv(random: () => number): string {
  const pieces = ['a', 'b', 'xyz', '12', ' ', ',', '"', '\n', 'é', '😀', ''];
  const lines: string[] = [];
  const rows = 1 + Math.floor(random() * 12);
  for (let r = 0; r < rows; r += 1) {
    if (random() < 0.1) {
      lines.push('');
      continue;
    }
    const cells: string[] = [];
    const count = 1 + Math.floor(random() * 5);
    for (let c = 0; c < count; c += 1) {
      let value = '';
      const length = Math.floor(random() * 5);
      for (let k = 0; k < length; k += 1) value += pieces[Math.floor(random() * pieces.length)]!;
      // Values with a comma, quote or line break are quoted (quotes doubled); others are quoted at random.
      const needs = /[",\n]/.test(value);
      cells.push(needs || random() < 0.2 ? `"${value.replace(/"/g, '""')}"` : value);
    }
    lines.push(cells.join(','));
  }
  return lines.join('\n') + (random() < 0.5 ? '\n' : '');
}

describe('the CSV tokenizer', () => {
  it('reads what csv-parse reads, with the same line numbers, however the text is chunked', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const random = rng(seed);
      const text = randomCsv(random);
      const expected = reference(text);
      for (const sizes of [[text.length || 1], [1], [2, 3], [7, 1, 13]]) {
        const { records, problems } = tokenize(text, sizes);
        expect({ seed, sizes, records, problems }).toEqual({ seed, sizes, records: expected, problems: [] });
      }
    }
  });

  it('reports a broken record on its first line and reads on from the next line', () => {
    const text = ['h1,h2', 'a,"b"c', 'd,e', 'f"g,h', 'i,j', '"k,l'].join('\n');
    const { records, problems } = tokenize(text, [3]);
    expect(records).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 3, cells: ['d', 'e'] },
      { line: 5, cells: ['i', 'j'] },
    ]);
    expect(problems.map(({ line, message }) => ({ line, message: phraseText(message) }))).toEqual([
      { line: 2, message: 'a quote inside a field is not doubled ("").' },
      { line: 4, message: 'this row is not valid CSV.' },
      { line: 6, message: 'a quoted field is never closed.' },
    ]);
  });

  it('counts the lines of a quoted field that spans several, and skips blank lines', () => {
    const { records } = tokenize('a,"one\ntwo\nthree",b\n\n\nc,d\n', [4]);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'one\ntwo\nthree', 'b'] },
      { line: 6, cells: ['c', 'd'] },
    ]);
  });

  it('refuses a record over 1 MiB (a runaway quote) and goes on after it', () => {
    const long = `x,"${'y'.repeat(1024 * 1024 + 10)}\nz,1\n`;
    const { records, problems } = tokenize(`h\n${long}`, [64 * 1024]);
    expect(problems.map(({ line, message }) => ({ line, message: phraseText(message) }))).toEqual([
      { line: 2, message: 'the row is longer than 1 MiB.' },
    ]);
    expect(records).toEqual([
      { line: 1, cells: ['h'] },
      { line: 3, cells: ['z', '1'] },
    ]);
  });

  it('streams: CRLF and lone CR become line breaks, a UTF-8 BOM is dropped', async () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,b\r\n"c\r\nd",e\rf,g')]);
    const records: CsvRecord[] = [];
    for await (const record of readCsv(Readable.from([bytes.subarray(0, 5), bytes.subarray(5)]), { onProblem: () => {} }))
      records.push(record);
    expect(records).toEqual([
      { line: 1, cells: ['a', 'b'] },
      { line: 2, cells: ['c\nd', 'e'] },
      { line: 4, cells: ['f', 'g'] },
    ]);
  });
});
