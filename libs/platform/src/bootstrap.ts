import { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, ConfigError, directDatabaseUrl, loadAppConfig, persistedDevelopmentCredentials } from '@app/common';
import {
  applyMigrations,
  checkDatabaseEngine,
  checkSessionSettings,
  DatabaseUnavailableError,
  EmbeddedPostgres,
  startEmbeddedPostgres,
  waitForDatabase,
} from '@app/database';
import { existsSync } from 'node:fs';
import { Logger } from 'nestjs-pino';
import pino from 'pino';
import { closeGracefully, configureHttp, createHttpAdapter } from './http-setup';

export interface RunOptions {
  name: string;
  /** Builds the root module from the validated config. */
  module: (config: AppConfig) => DynamicModule;
  swagger: boolean;
}

/**
 * Starts an app: validated config, the database (DATABASE_URL, or an embedded PostgreSQL in
 * .data/), migrations, then Nest. On SIGINT/SIGTERM in-flight requests finish, the pool closes,
 * then the embedded database stops; a second signal exits at once.
 */
export async function runApp(options: RunOptions): Promise<void> {
  try {
    await start(options);
  } catch (error) {
    // One clear line instead of an unhandled-rejection stack; a stack only for what we did not expect.
    const known = error instanceof DatabaseUnavailableError;
    const text = known ? (error as Error).message : ((error as Error).stack ?? String(error));
    process.stderr.write(`${options.name}: failed to start: ${text}\n`);
    process.exit(1);
  }
}

async function start(options: RunOptions): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config: AppConfig;
  try {
    config = loadAppConfig(process.env, { developmentCredentials: persistedDevelopmentCredentials });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${options.name}: ${error.message}\n`);
    process.exit(1);
  }
  // Structured like the app's own logs, at LOG_LEVEL, from the first line on.
  const pinoBoot = pino({ level: config.logLevel, base: { pid: process.pid, context: options.name } });
  const boot = {
    log: (m: string) => pinoBoot.info(m),
    warn: (m: string) => pinoBoot.warn(m),
    error: (m: string) => pinoBoot.error(m),
  };

  let embedded: EmbeddedPostgres | undefined;
  if (!config.databaseUrl) {
    embedded = await startEmbeddedPostgres({
      dataDir: config.embeddedDatabaseDir,
      port: config.embeddedDatabasePort,
      log: (m) => boot.log(m),
    });
    config = { ...config, databaseUrl: embedded.url };
    boot.log(
      `No DATABASE_URL: using the embedded PostgreSQL on 127.0.0.1:${embedded.port}, data in ${embedded.dataDir} (log: ${embedded.logFile})`,
    );
  } else {
    for (const url of new Set([config.databaseUrl, directDatabaseUrl(config)!]))
      await waitForDatabase(url, { timeoutMs: config.databaseStartupTimeoutMs, log: (m) => boot.warn(m) });
  }
  // Migrations hold a session advisory lock: on the direct connection, never through a pooler.
  const migrations = await applyMigrations(directDatabaseUrl(config)!);
  for (const warning of migrations.warnings) boot.warn(warning);
  await checkSessionSettings(config.databaseUrl!);
  await checkDatabaseEngine(directDatabaseUrl(config)!, config.databaseEngine);
  boot.log(`Migrations: ${migrations.applied.length} applied now, ${migrations.alreadyApplied.length} already applied`);

  const app = await NestFactory.create<NestFastifyApplication>(options.module(config), createHttpAdapter(config), {
    bufferLogs: true,
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  configureHttp(app, config, { swagger: options.swagger });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) {
      boot.warn(`${signal} again: exiting now`);
      process.exit(1);
    }
    closing = true;
    boot.log(`${signal}: finishing in-flight requests, then closing the database pool`);
    try {
      await closeGracefully(app);
      await embedded?.stop();
      process.exit(0);
    } catch (error) {
      boot.error(`Shutdown failed: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen(config.port, config.host);
  const url = `http://localhost:${config.port}`;
  boot.log(`${options.name} listening on ${url}${options.swagger ? ` (Swagger UI: ${url}/docs)` : ''}`);
  if (config.generatedCredentials) printDevelopmentCredentials(config);
}

/**
 * A local start without API_KEYS/ADMIN_TOKEN: the made-up keys (kept in DEV_CREDENTIALS_FILE, so
 * they survive restarts) as one plain block after the start-up logs, ready to paste into a shell.
 */
function printDevelopmentCredentials(config: AppConfig): void {
  const client = config.clientKeys[0];
  const lines = [
    `Development credentials (made up; kept in ${config.developmentCredentialsFile} and reused; set API_KEYS and ADMIN_TOKEN to use your own):`,
    `  export KEY=${client.key}     # client ${client.clientId}: Authorization: Bearer $KEY`,
    `  export ADMIN=${config.adminToken}     # admin: Authorization: Bearer $ADMIN`,
  ];
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}
