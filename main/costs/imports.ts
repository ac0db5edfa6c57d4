import { columnMappingSchema, type ColumnMapping, type ImportPreset, type ImportSummary } from '../../contract/costs.ts';
import type { Db } from '../vault/database.ts';

/** The import log (`usage_imports`) and the saved column mappings (`import_presets`). The records an import adds are written by import-job.ts. */

/** Newest first, with what each import still holds. */
export function listImports(db: Db): ImportSummary[] {
  return db
    .prepare(
      `SELECT i.id, i.at, i.file_name AS fileName, i.format, i.rows, i.added, i.duplicates, i.skipped,
         (SELECT count(*) FROM usage_records r WHERE r.import_id = i.id) AS records,
         (SELECT coalesce(sum(cost_micros), 0) FROM usage_records r WHERE r.import_id = i.id) AS costMicros
       FROM usage_imports i ORDER BY i.at DESC`,
    )
    .all() as ImportSummary[];
}

export function importFileName(db: Db, importId: string): string | undefined {
  return db.prepare('SELECT file_name FROM usage_imports WHERE id = ?').pluck().get(importId) as string | undefined;
}

/** Removes an import and every record it added; returns how many records went. */
export function deleteImport(db: Db, importId: string): number {
  const count = db.prepare('DELETE FROM usage_records WHERE import_id = ?').run(importId).changes;
  db.prepare('DELETE FROM usage_imports WHERE id = ?').run(importId);
  return count;
}

export function listPresets(db: Db): ImportPreset[] {
  const rows = db.prepare('SELECT name, mapping, updated_at FROM import_presets ORDER BY name').all() as Array<{
    name: string;
    mapping: string;
    updated_at: string;
  }>;
  return rows.map((row) => ({
    name: row.name,
    mapping: columnMappingSchema.parse(JSON.parse(row.mapping)),
    updatedAt: row.updated_at,
  }));
}

/** Saving under an existing name replaces that preset's mapping. */
export function savePreset(db: Db, name: string, mapping: ColumnMapping, at: string): void {
  db.prepare(
    'INSERT INTO import_presets (name, mapping, updated_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at',
  ).run(name, JSON.stringify(mapping), at);
}

/** Returns whether a preset had that name. */
export function deletePreset(db: Db, name: string): boolean {
  return db.prepare('DELETE FROM import_presets WHERE name = ?').run(name).changes > 0;
}
