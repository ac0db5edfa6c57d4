import { crc32 } from 'node:zlib';
import type { Rng } from './rng.ts';

/**
 * The import fuzzer's file builder: a real export (a fixture) taken apart into its preamble,
 * header and rows, rows drawn from it at random, then damaged in the ways exports get damaged.
 * Deterministic for a given seed, so fast-check can replay and shrink a failing case.
 */
export interface Template {
  preamble: string[];
  header: string[];
  rows: string[][];
  dateColumns: number[];
  numberColumns: number[];
}

export const mutations = [
  'bad-quote',
  'missing-cells',
  'extra-cells',
  'huge-field',
  'bad-number',
  'bad-date',
  'canary-cell',
  'latin1',
  'invalid-utf8',
  'utf16',
  'bom',
  'crlf',
  'lone-cr',
  'blank-lines',
  'nul',
  'truncate',
  'rename-header',
] as const;
export type Mutation = (typeof mutations)[number];

export const CANARY_CELL = 'FAKE-CANARY-CELL';

/** RFC 4180 as exports write it: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export function templateOf(text: string, headerIndex = 0): Template {
  const all = parseCsv(text);
  const rows = all.slice(headerIndex + 1).filter((r) => r.some((c) => c !== ''));
  const columns = all[headerIndex]!.length;
  const every = (test: (v: string) => boolean) =>
    Array.from({ length: columns }, (_, i) => i).filter(
      (i) => rows.length > 0 && rows.every((r) => r[i] !== undefined && r[i] !== '' && test(r[i]!)),
    );
  return {
    preamble: text.replace(/\r\n?/g, '\n').split('\n').slice(0, headerIndex),
    header: all[headerIndex]!,
    rows,
    dateColumns: every((v) => /^\d{4}-\d{2}-\d{2}/.test(v) || /^\d{10}$/.test(v)),
    numberColumns: every((v) => /^-?[\d,]+(\.\d+)?$/.test(v) && !/^\d{10}$/.test(v)),
  };
}

const quote = (cell: string) => (/[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);

const badNumbers = [
  'abc',
  '-1',
  '1e999',
  'NaN',
  '1.2.3',
  ' ',
  '0x10',
  '∞',
  '99999999999999999999999',
  '12abc',
  '--5',
  '1,2,3.4.5',
  'Infinity',
  '½',
];
const badDates = [
  '2026-02-30',
  '2026-13-01',
  '31/12/2026',
  'yesterday',
  '0000-00-00',
  '2026-11-31T25:00:00',
  '26-11-01',
  '２０２６-11-01',
  '9999999999999',
  '-1',
];

/** Builds one file's text rows (cells damaged as asked), then its bytes (encoding damaged as asked). */
export function buildCsv(
  template: Template,
  rng: Rng,
  rowCount: number,
  asked: readonly Mutation[],
  sample: 'with-replacement' | 'subset',
): Buffer {
  const has = (m: Mutation) => asked.includes(m);
  const header = [...template.header];
  if (has('rename-header') && header.length > 0) {
    const i = rng.int(0, header.length - 1);
    header[i] = `${header[i]}_x`;
  }
  let rows: string[][];
  if (sample === 'subset') rows = template.rows.filter(() => rng.next() < 0.7);
  else rows = Array.from({ length: rowCount }, () => [...rng.pick(template.rows)]);
  rows = rows.map((r) => [...r]);
  // A random day for each drawn row (same shape: epoch seconds, or the date part of an ISO
  // stamp), so most files bring records the vault has not seen and get committed.
  if (sample === 'with-replacement') {
    for (const row of rows) {
      const day = rng.int(0, 364);
      for (const column of template.dateColumns) {
        const cell = row[column] ?? '';
        if (/^\d{10}$/.test(cell)) row[column] = String(1767225600 + day * 86400);
        else row[column] = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10) + cell.slice(10);
      }
    }
  }
  const someRow = () => rows[rng.int(0, rows.length - 1)]!;
  if (rows.length > 0) {
    if (has('missing-cells')) {
      const row = someRow();
      row.splice(rng.int(0, Math.max(0, row.length - 1)), rng.int(1, 3));
    }
    if (has('extra-cells')) someRow().push(...Array.from({ length: rng.int(1, 4) }, (_, i) => `extra${i}`));
    if (has('huge-field')) {
      const row = someRow();
      // Mostly past csv-parse's buffers; now and then past the 1 MiB record limit.
      row[rng.int(0, row.length - 1)] = 'x'.repeat(rng.next() < 0.05 ? 1_100_000 : rng.pick([5_000, 20_000, 70_000]));
    }
    if (has('bad-number') && template.numberColumns.length > 0)
      someRow()[rng.pick(template.numberColumns)] = rng.pick(badNumbers);
    if (has('bad-date') && template.dateColumns.length > 0) someRow()[rng.pick(template.dateColumns)] = rng.pick(badDates);
    if (has('canary-cell')) {
      const row = someRow();
      const columns = [...template.numberColumns, ...template.dateColumns];
      row[columns.length > 0 ? rng.pick(columns) : rng.int(0, row.length - 1)] = `${CANARY_CELL}-${rng.int(0, 1e6)}`;
    }
  }
  let lines = [...template.preamble, header.map(quote).join(','), ...rows.map((r) => r.map(quote).join(','))];
  if (has('bad-quote') && lines.length > 0) {
    const i = rng.int(0, lines.length - 1);
    const at = rng.int(0, lines[i]!.length);
    lines[i] = `${lines[i]!.slice(0, at)}"${lines[i]!.slice(at)}`;
  }
  if (has('blank-lines')) lines = lines.flatMap((line) => (rng.next() < 0.3 ? [line, ''] : [line]));
  if (has('nul') && lines.length > 1) {
    const i = rng.int(1, lines.length - 1);
    lines[i] = `${lines[i]}\u0000`;
  }
  let text = lines
    .map(
      (line, i) =>
        line +
        (i === lines.length - 1 && rng.next() < 0.3
          ? ''
          : has('lone-cr') && rng.next() < 0.5
            ? '\r'
            : has('crlf')
              ? '\r\n'
              : '\n'),
    )
    .join('');
  if (has('bom')) text = `\uFEFF${text}`;
  let bytes = has('utf16')
    ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text.replace(/^\uFEFF/, ''), 'utf16le')])
    : Buffer.from(text, has('latin1') ? 'latin1' : 'utf8');
  if (has('invalid-utf8')) {
    const at = rng.int(0, bytes.length);
    bytes = Buffer.concat([
      bytes.subarray(0, at),
      Buffer.from(rng.pick([[0xff], [0xc3], [0x80, 0x80], [0xed, 0xa0, 0x80], [0xf4, 0x90]])),
      bytes.subarray(at),
    ]);
  }
  if (has('truncate') && bytes.length > 1) bytes = bytes.subarray(0, rng.int(1, bytes.length - 1));
  return bytes;
}

/** A ZIP of STORED entries (what DeepSeek's export holds, uncompressed here): local headers, data, central directory. */
export function zipOf(entries: Array<{ name: string; data: Buffer }>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name, data } of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
