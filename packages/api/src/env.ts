/** The API's configuration, validated once; nothing else in this package reads process.env. */
import { z } from "zod";

const DEVELOPMENT_SECRET = "crux-development-secret-do-not-use-in-production";
const DEVELOPMENT_SYNC_SECRET = "crux-development-sync-secret-do-not-use-in-production";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
    CRUX_PUBLIC_URL: z.url().default("http://localhost:3000"),
    /** Shared with the sync server, which verifies the tokens signed with it. */
    CRUX_SYNC_SECRET: z.string().min(32, "CRUX_SYNC_SECRET must be at least 32 characters").optional(),
    /** The sync server's address as browsers reach it. */
    CRUX_SYNC_URL: z
      .string()
      .regex(/^wss?:\/\//, "CRUX_SYNC_URL must be a ws:// or wss:// URL")
      .default("ws://127.0.0.1:1234"),
  })
  .transform((env, context) => {
    if (!env.BETTER_AUTH_SECRET && env.NODE_ENV === "production")
      context.addIssue({ code: "custom", message: "BETTER_AUTH_SECRET is required in production" });
    // No such check for the sync secret: a sync server never runs on the public development secret (it has no
    // default), so tokens signed with it are refused there; forgetting CRUX_SYNC_SECRET fails closed.
    return {
      ...env,
      BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET,
      CRUX_SYNC_SECRET: env.CRUX_SYNC_SECRET ?? DEVELOPMENT_SYNC_SECRET,
    };
  });

export type ApiEnv = z.output<typeof envSchema>;

export function apiEnv(): ApiEnv {
  return envSchema.parse(process.env);
}
