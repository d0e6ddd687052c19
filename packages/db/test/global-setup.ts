/**
 * The database for this project's tests: DATABASE_URL when the root test runner set it (a fresh migrated database),
 * otherwise a fresh test database on the machine's PostgreSQL, dropped afterwards.
 */
import type { TestProject } from "vitest/node";
import { optionalDatabaseUrlFromEnv } from "../src/env";
import { createTestDatabase } from "../src/test-database";

const LOCAL_SERVER_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const given = optionalDatabaseUrlFromEnv();
  if (given) {
    project.provide("databaseUrl", given);
    return undefined;
  }
  const database = await createTestDatabase(LOCAL_SERVER_URL);
  project.provide("databaseUrl", database.url);
  return () => database.drop();
}
