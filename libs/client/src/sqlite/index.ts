// A separate entry point (`@resync/client/sqlite`) so that browsers never load better-sqlite3.
export { SqliteStore } from './sqlite-store.js';
export type { SqliteStoreOptions } from './sqlite-store.js';
