/**
 * The one place in @crux/db that reads process.env.
 * DATABASE_URL is read lazily: tools such as `prisma generate` import this package's config without a database.
 */
import { z } from "zod";

const databaseUrlSchema = z
  .string({ error: "DATABASE_URL is not set: say which PostgreSQL server to use" })
  .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL");

export function databaseUrlFromEnv(): string {
  const result = databaseUrlSchema.safeParse(process.env.DATABASE_URL);
  if (!result.success)
    throw new Error(`[@crux/db] ${result.error.issues[0]?.message ?? "invalid DATABASE_URL"}`);
  return result.data;
}

/** The environment for child processes (the Prisma CLI): this process' environment plus the given overrides. */
export function childProcessEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}

/** DATABASE_URL when it is set (validated), for callers with a fallback of their own such as the test setup. */
export function optionalDatabaseUrlFromEnv(): string | undefined {
  return process.env.DATABASE_URL === undefined ? undefined : databaseUrlFromEnv();
}
