/** The sync server's configuration, validated once; nothing else in this package reads process.env. */
import { z } from "zod";

const syncEnvSchema = z.object({
  SYNC_PORT: z.coerce.number().int().min(0).max(65_535).default(1234),
  SYNC_HOST: z.string().min(1).default("0.0.0.0"),
  CRUX_SYNC_SECRET: z.string().min(32, "CRUX_SYNC_SECRET must be at least 32 characters"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// URL"),
  // Empty counts as unset (`REDIS_URL=` in a shell or a compose file).
  REDIS_URL: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .string()
      .regex(/^rediss?:\/\//, "REDIS_URL must be a redis:// URL")
      .optional(),
  ),
  /** Name in the logs and in Redis, so that several servers can be told apart. */
  SYNC_INSTANCE: z.string().min(1).optional(),
  /** How often open connections' access is re-checked in PostgreSQL (ms); unset: the server's default. */
  SYNC_ACCESS_RECHECK_MS: z.coerce.number().int().min(100).optional(),
});

export type SyncEnv = z.output<typeof syncEnvSchema>;

export function syncEnv(): SyncEnv {
  const result = syncEnvSchema.safeParse(process.env);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`[@crux/sync] invalid environment: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  return result.data;
}

/** The environment for a sync server run as a child process (tests, benchmark): this one's plus overrides. */
export function childProcessEnv(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
}
