import { applyMigrations } from '@app/database';
import { resolveDatabase } from './database-url';

/** `npm run db:migrate`: what the app does at start-up, on its own (see README "Migrations"). */
async function main(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  try {
    const result = await applyMigrations(url);
    for (const warning of result.warnings) console.warn(`warning: ${warning}`);
    for (const name of result.applied) console.log(`applied ${name}`);
    console.log(`${result.applied.length} migration(s) applied, ${result.alreadyApplied.length} already applied`);
  } finally {
    await embedded?.stop();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
