/**
 * Serves the production build of the app (built by `npm test`'s build step, or `npm run build -w @crux/app`) and the
 * sync server (the notebook page's live document), each on a free port (`servers.ts`), against the run's test
 * database: DATABASE_URL when the root runner set it, otherwise a fresh database of its own on the local PostgreSQL,
 * dropped afterwards.
 */
import { createTestDatabase } from "@crux/db";
import type { TestProject } from "vitest/node";
import { e2eEnv, LOCAL_POSTGRES } from "./env";
import { startStack } from "./servers";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The app's database, for tests that set up what they are not about (a membership) straight in it. */
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const database = await testDatabase();
  const stack = await startStack(database.url).catch(async (error: unknown) => {
    await database.drop();
    throw error;
  });
  project.provide("baseUrl", stack.baseUrl);
  project.provide("databaseUrl", database.url);
  return async () => {
    await stack.stop();
    await database.drop();
  };
}

/** The root runner's database (it drops it), or a fresh one of our own on the local server. */
async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (e2eEnv.DATABASE_URL) return { url: e2eEnv.DATABASE_URL, drop: async () => {} };
  return createTestDatabase(LOCAL_POSTGRES);
}
