import type { ImportFormat } from '../../../contract/costs.ts';
import type { Phrase } from '../../../i18n/phrase.ts';
import { phraseText } from '../../../i18n/phrase-text.ts';
import type { PricingOptions } from '../pricing.ts';

/**
 * One usage row as an importer read it, in Keyward's token convention (input includes cached
 * and cache-write tokens), before model resolution, key linking and pricing.
 */
export interface SourceRow {
  /** The fields that identify this row in its export; hashed with the format into the record identity. */
  identity: string[];
  day: string;
  provider: string;
  model: string;
  keyHint: string | null;
  inputTokens: number;
  outputTokens: number;
  cachedTokens: number;
  cacheWriteTokens: number;
  cacheWrite1hTokens: number;
  requests: number;
  /** Micro-dollars the export states; null when the cost is to be computed from the price table. */
  costMicros: number | null;
  pricing: PricingOptions;
  note: string;
}

/** What a row parser says about one data row. `ignored`: a row with no usage (an empty day). */
export type RowOutcome = SourceRow[] | 'ignored';

/** A problem with one row, as a phrase (messages.ts). It names the column and what is wrong, never the value. */
export class RowError extends Error {
  readonly phrase: Phrase;
  constructor(said: Phrase) {
    super(phraseText(said));
    this.name = 'RowError';
    this.phrase = said;
  }
}

/** A problem with the file as a whole (no header, wrong currency): reported on the header's line. */
export class FileError extends Error {
  readonly line: number;
  readonly phrase: Phrase;
  constructor(line: number, said: Phrase) {
    super(phraseText(said));
    this.name = 'FileError';
    this.line = line;
    this.phrase = said;
  }
}

/** Header cells by normalised name: trimmed, lower case, inner spaces collapsed. */
export class Header {
  readonly names: string[];
  readonly line: number;
  readonly #index = new Map<string, number>();
  /** Column names as the importers spell them → index: get() runs for every cell of a million rows. */
  readonly #asAsked = new Map<string, number>();

  constructor(cells: string[], line: number) {
    this.names = cells.map(normaliseHeader);
    this.line = line;
    this.names.forEach((name, i) => {
      if (name && !this.#index.has(name)) this.#index.set(name, i);
    });
  }

  has(name: string): boolean {
    return this.#index.has(normaliseHeader(name));
  }

  /** The first header matching the pattern. */
  find(pattern: RegExp): string | undefined {
    return this.names.find((name) => pattern.test(name));
  }

  /** A cell by column name, trimmed; '' when the column is absent or the row is short. */
  get(cells: readonly string[], name: string): string {
    let i = this.#asAsked.get(name);
    if (i === undefined) {
      i = this.#index.get(normaliseHeader(name)) ?? -1;
      this.#asAsked.set(name, i);
    }
    return i === -1 ? '' : (cells[i] ?? '').trim();
  }
}

export function normaliseHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
}

export interface CsvFormat {
  format: ImportFormat;
  /** Header names (normalised) that must all be present for this format to be detected. */
  required: readonly string[];
  /** A further check on the header when `required` alone is ambiguous. */
  matches?(header: Header): boolean;
  /** Checks the header once and returns the row parser; throws FileError when it cannot read this file. */
  open(header: Header): (cells: readonly string[]) => RowOutcome;
}

/**
 * One step of reading: rows (or `ignored`), or a row's problem (with the archive entry it is in,
 * for a ZIP export). `rows`: data rows it accounts for (default 1).
 */
export type ParsedItem = ({ outcome: RowOutcome } | { error: Phrase; entry?: string }) & { line: number; rows?: number };
