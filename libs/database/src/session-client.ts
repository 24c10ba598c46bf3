import { Client } from 'pg';

/**
 * The session settings the app relies on. Prisma's driver adapter sends Date parameters without a
 * zone and reads timestamptz text as if it were UTC, so every session must run in UTC whatever the
 * server's or the database's default.
 */
export const SESSION_PARAMETERS: Readonly<Record<string, string>> = { TimeZone: 'UTC' };

type StartupConf = Record<string, string>;
const startupConf = (Client.prototype as unknown as { getStartupConf(this: Client): StartupConf }).getStartupConf;

/**
 * node-pg's client, sending SESSION_PARAMETERS as startup parameters of their own rather than in
 * `options` (`-c TimeZone=UTC`): PgBouncer 1.18 refuses `options`, or drops it when told to
 * ignore it, but keeps each client's TimeZone and sets it on whichever server connection runs that
 * client's transaction. PostgreSQL itself takes any setting as a startup parameter.
 */
export class SessionClient extends Client {
  getStartupConf(): StartupConf {
    return { ...startupConf.call(this), ...SESSION_PARAMETERS };
  }
}
