/** The e2e suite's configuration, validated once; nothing else here reads process.env. */
import { z } from "zod";

const envSchema = z.object({
  // Set by the root test runner to the run's fresh, migrated test database; absent in a run of this project alone.
  DATABASE_URL: z.url().optional(),
});

export const e2eEnv = envSchema.parse(process.env);

/** The machine's own PostgreSQL, for runs of this project without the root runner. */
export const LOCAL_POSTGRES = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The environment for the app server: this process's own (PATH and friends) with the given settings on top. */
export function childEnv(settings: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...settings };
}
