import { applyMigrations, readMigrations } from '@app/database';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Applies the migrations older than `name` to `url`: a database as it was before `name`, for upgrade specs. */
export async function applyMigrationsBefore(url: string, name: string): Promise<void> {
  const before = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const m of readMigrations().filter((f) => f.name < name)) {
    mkdirSync(join(before, m.name));
    writeFileSync(join(before, m.name, 'migration.sql'), m.sql);
  }
  await applyMigrations(url, before);
}
