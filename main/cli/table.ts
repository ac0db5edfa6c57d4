/**
 * Rows as aligned columns for the terminal: the first row is the header, columns are padded to
 * their widest cell and two spaces apart, and no line ends in spaces. Every human-readable list
 * the CLI prints goes through here; `--json` prints the data itself instead.
 */
export function table(rows: readonly (readonly string[])[]): string {
  if (rows.length === 0) return '';
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
