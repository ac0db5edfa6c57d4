/**
 * Aggregation over the vault's usage: month by model (costs.summary) and the 90-day daily series
 * (costs.overview with 90 days, what the Costs tab asks for). Three views of each:
 *  - the service call as the app makes it: p50/p95 (the target);
 *  - the SQL statements that call ran, captured as it ran them, replayed on the encrypted vault;
 *  - the same statements (parameters written in as literals) through the `sqlite3` CLI on an
 *    unencrypted copy of the vault. The CLI's `.timer` has 1 ms resolution, so the ratio uses
 *    means over many repetitions, each side timing only the statements (the CLI's start-up and
 *    first, cold pass are subtracted).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Services } from '../../main/services.ts';
import type { Db } from '../../main/vault/database.ts';
import { hasCommand, log, round, sampleSync, summarize, timedRun, type Summary } from './stats.ts';

interface Captured {
  sql: string;
  params: unknown[];
}

/** Runs `work` with db.prepare watched: every statement executed, with its parameters. */
function captureStatements(db: Db, work: () => void): Captured[] {
  const captured: Captured[] = [];
  const original = db.prepare;
  const watch = (statement: object, sql: string): object =>
    new Proxy(statement, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (typeof value !== 'function') return value;
        if (property === 'all' || property === 'get' || property === 'iterate' || property === 'run') {
          return (...params: unknown[]) => {
            captured.push({ sql, params });
            return (value as (...args: unknown[]) => unknown).apply(target, params);
          };
        }
        return (...args: unknown[]) => {
          const result = (value as (...args: unknown[]) => unknown).apply(target, args);
          return result === target ? receiver : result;
        };
      },
    });
  db.prepare = function (this: Db, sql: string) {
    return watch(original.call(this, sql), sql);
  } as Db['prepare'];
  try {
    work();
  } finally {
    db.prepare = original;
  }
  return captured;
}

function literal(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Buffer.isBuffer(value)) return `x'${value.toString('hex')}'`;
  return `'${String(value).replace(/'/g, "''")}'`;
}

/** The statement with its `?` parameters written in (none of our aggregation SQL has a `?` inside a string). */
function inline({ sql, params }: Captured): string {
  let i = 0;
  return sql
    .replace(/\?/g, () => literal(params[i++]))
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * A plain copy of the tables the views read: attached without a key and filled table by table.
 * (The page-level backup API refuses encrypted → plain, and VACUUM INTO keeps the cipher.)
 */
export function plainCopy(db: Db, path: string): void {
  // An unlocked vault's connection opens only existing files, and ATTACH opens as it does.
  writeFileSync(path, '');
  db.prepare("ATTACH DATABASE ? AS plain KEY ''").run(path);
  try {
    const objects = db
      .prepare(
        "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index') AND name NOT LIKE 'sqlite_%' ORDER BY type DESC",
      )
      .all() as Array<{ type: string; name: string; tbl_name: string; sql: string }>;
    for (const object of objects) {
      db.exec(object.sql.replace(/^CREATE (TABLE|UNIQUE INDEX|INDEX) ("?)(\w+)/, 'CREATE $1 plain.$2$3'));
      if (object.type === 'table') db.exec(`INSERT INTO plain."${object.name}" SELECT * FROM main."${object.name}"`);
    }
  } finally {
    db.exec('DETACH DATABASE plain');
  }
}

export interface ViewResult {
  service: Summary;
  /** The captured statements on the encrypted vault, per call: p50/p95 and the mean used for the ratio. */
  sql: Summary;
  cli: { mean: number; p50: number; p95: number } | null;
  /** sql mean / cli mean. */
  ratio: number | null;
  statements: number;
}

const CLI_REPEATS = 60;

function timeCli(plainPath: string, statements: string[], dir: string, name: string): { mean: number; p50: number; p95: number } {
  const script = (repeats: number) =>
    ['.timer on', '.output /dev/null', ...Array.from({ length: repeats }, () => statements.map((s) => `${s};`)).flat()].join(
      '\n',
    );
  const once = join(dir, `${name}-1.sql`);
  const many = join(dir, `${name}-n.sql`);
  writeFileSync(once, script(1));
  writeFileSync(many, script(1 + CLI_REPEATS));
  // Best of three for each, to keep a burst of load on the shared machine out of the difference.
  const best = (file: string) => Math.min(...[0, 1, 2].map(() => timedRun('sqlite3', ['-init', file, plainPath, '.quit']).ms));
  const mean = (best(many) - best(once)) / CLI_REPEATS;
  // Per-call times from .timer (ms resolution): a call's statements summed, the cold first pass dropped.
  const lines = timedRun('sqlite3', ['-init', many, plainPath, '.quit']).stdout;
  const times = [...lines.matchAll(/Run Time: real ([\d.]+)/g)].map((m) => Number(m[1]) * 1000);
  const perCall: number[] = [];
  for (let i = statements.length; i + statements.length <= times.length; i += statements.length) {
    perCall.push(times.slice(i, i + statements.length).reduce((a, b) => a + b, 0));
  }
  const summary = summarize(perCall);
  return { mean: round(Math.max(mean, 0)), p50: summary.p50, p95: summary.p95 };
}

export function benchView(
  services: Services,
  name: string,
  call: () => unknown,
  runs: number,
  plainPath: string | null,
  dir: string,
): ViewResult {
  const db = services.vault.session().db;
  const service = summarize(sampleSync(call, runs));
  const captured = captureStatements(db, call);
  const prepared = captured.map((c) => ({ statement: db.prepare(c.sql), params: c.params }));
  const replay = () => {
    for (const { statement, params } of prepared) {
      if (statement.reader) statement.all(...params);
      else statement.run(...params);
    }
  };
  const sql = summarize(sampleSync(replay, Math.max(runs, CLI_REPEATS)));
  let cli: ViewResult['cli'] = null;
  if (plainPath && hasCommand('sqlite3')) cli = timeCli(plainPath, captured.map(inline), dir, name);
  log(
    `  ${name}: service p50 ${service.p50} / p95 ${service.p95} ms; sql mean ${sql.mean} ms; sqlite3 CLI mean ${cli?.mean ?? 'n/a'} ms (${captured.length} statements)`,
  );
  return { service, sql, cli, ratio: cli && cli.mean > 0 ? round(sql.mean / cli.mean) : null, statements: captured.length };
}
