import { applyMigrations } from '@app/database';
import { spawn } from 'node:child_process';
import { resolveDatabase } from './database-url';

/**
 * `npm run studio`: Prisma Studio on the database in use, the embedded one too (shared with a
 * running API, or started for the session and stopped when Studio exits).
 */
async function main(): Promise<void> {
  const { url, embedded } = await resolveDatabase();
  await applyMigrations(url);
  const port = process.env.STUDIO_PORT ?? '5555';
  const studio = spawn(
    process.execPath,
    [require.resolve('prisma/build/index.js'), 'studio', '--port', port, '--browser', 'none'],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        DATABASE_URL: url,
        PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
        CHECKPOINT_DISABLE: '1',
      },
    },
  );
  const stop = () => studio.kill('SIGINT');
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  studio.on('exit', async (code) => {
    await embedded?.stop();
    process.exit(code ?? 0);
  });
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
