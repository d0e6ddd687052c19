/**
 * Throwaway databases for tests: uniquely named, migrated, and droppable only when their name says "test".
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { migrateDatabase } from "./migrate";

export type TestDatabase = { url: string; name: string; drop(): Promise<void> };

/** `serverUrl`: any database URL on the server (its database is only used to run CREATE/DROP DATABASE). */
export async function createTestDatabase(serverUrl: string): Promise<TestDatabase> {
  const name = `crux_test_${randomBytes(6).toString("hex")}`;
  await runOnServer(serverUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));
  const url = databaseUrlFor(serverUrl, name);
  const drop = () => dropTestDatabase(serverUrl, name);
  try {
    await migrateDatabase(url);
  } catch (error) {
    await drop();
    throw error;
  }
  return { url, name, drop };
}

/** Refuses any name without "test", so that a mistaken URL can never wipe a real database. */
export async function dropTestDatabase(serverUrl: string, name: string): Promise<void> {
  if (!name.includes("test"))
    throw new Error(`refusing to drop database "${name}": its name does not contain "test"`);
  // FORCE: connections a test left open must not keep its database alive.
  await runOnServer(serverUrl, (client) =>
    client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
  );
}

export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function runOnServer(serverUrl: string, work: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
