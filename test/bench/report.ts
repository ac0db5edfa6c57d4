/**
 * The benchmark's verdict: one row per target, computed from this run's measurements, printed as
 * a table or as JSON (`{"targets":[{"name","value","unit","target","met"}…], …}`). A target whose
 * measurement could not be taken (a reference tool missing) has value null and is not met.
 */
export interface Target {
  name: string;
  value: number | null;
  unit: string;
  /** The bound as text: "<= 1.15", "< 50", ">= 100000". */
  target: string;
  met: boolean;
}

type Comparison = '<' | '<=' | '>=';

export function target(name: string, value: number | null | undefined, unit: string, op: Comparison, bound: number): Target {
  const known = value !== null && value !== undefined && Number.isFinite(value);
  const met = known && (op === '<' ? value < bound : op === '<=' ? value <= bound : value >= bound);
  return { name, value: known ? value : null, unit, target: `${op} ${bound}`, met };
}

export function table(rows: readonly Target[]): string {
  const cells = rows.map((row) => [
    row.name,
    row.value === null ? 'n/a' : `${formatValue(row.value)} ${row.unit}`,
    `${row.target} ${row.unit}`,
    row.met ? 'met' : 'MISSED',
  ]);
  const header = ['target', 'value', 'bound', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) =>
    c
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

function formatValue(value: number): string {
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en');
  return String(Math.round(value * 100) / 100);
}
