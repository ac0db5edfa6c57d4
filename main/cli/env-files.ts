import { parse as parseDotenv } from 'dotenv';
import { readFileSync } from 'node:fs';
import { usageError } from './context.ts';

/** A dotenv file's variables, parsed by the `dotenv` package (export, quotes, multi-line values, comments). */
export function readEnvFile(path: string): Record<string, string> {
  return parseDotenv(readText(path, 'env file'));
}

export function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw usageError(`Cannot read the ${what} ${path}${code === 'ENOENT' ? ': no such file' : code ? ` (${code})` : ''}.`);
  }
}

/**
 * Where each assignment's value sits in a dotenv text, found with the grammar dotenv reads
 * (a byte-order mark on the first line, optional `export`, `=` or `: `, a single-, double- or back-quoted value that may span lines,
 * or an unquoted value up to a comment). Used only to rewrite values in place; the rewrite is
 * then checked by parsing the result with dotenv itself (see rewriteEnvValues).
 */
const ASSIGNMENT =
  /^\uFEFF?[ \t]*(?:export[ \t]+)?([\w.-]+)(?:[ \t]*=[ \t]*|:[ \t]+)('(?:\\'|[^'])*'|"(?:\\"|[^"])*"|`(?:\\`|[^`])*`|[^#\r\n]*)/dgm;

interface Assignment {
  name: string;
  start: number;
  end: number;
}

function assignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  for (const match of text.matchAll(ASSIGNMENT)) {
    const [start, end] = match.indices![2]!;
    // An unquoted value ends before the spaces ahead of its comment or the line's end.
    const value = match[2]!;
    const trimmedEnd = /^['"`]/.test(value) ? end : start + value.trimEnd().length;
    found.push({ name: match[1]!, start, end: trimmedEnd });
  }
  return found;
}

/**
 * Replaces the value of each named variable by its reference, everything else byte for byte:
 * comments, blank lines, quoting of other values, line endings. Only assignments whose value is
 * the one being moved change. Throws, leaving nothing changed, if dotenv would read the result
 * differently from what was meant (a value we located wrongly).
 */
export function rewriteEnvValues(text: string, replacements: ReadonlyMap<string, string>): string {
  const before = parseDotenv(text);
  let out = '';
  let from = 0;
  for (const assignment of assignments(text)) {
    const reference = replacements.get(assignment.name);
    if (reference === undefined) continue;
    const current = parseDotenv(`${assignment.name}=${text.slice(assignment.start, assignment.end)}`)[assignment.name];
    if (current !== before[assignment.name]) continue;
    out += text.slice(from, assignment.start) + reference;
    from = assignment.end;
  }
  out += text.slice(from);
  const after = parseDotenv(out);
  const expected = { ...before, ...Object.fromEntries(replacements) };
  const same =
    Object.keys(expected).length === Object.keys(after).length &&
    Object.entries(expected).every(([name, value]) => after[name] === value);
  if (!same)
    throw usageError(
      'The file was left unchanged: its layout could not be rewritten safely. Replace the values by the references above by hand.',
    );
  return out;
}
