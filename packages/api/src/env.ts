/** The API's configuration, validated once; nothing else in this package reads process.env. */
import { z } from "zod";

const DEVELOPMENT_SECRET = "crux-development-secret-do-not-use-in-production";

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    BETTER_AUTH_SECRET: z.string().min(32, "BETTER_AUTH_SECRET must be at least 32 characters").optional(),
    CRUX_PUBLIC_URL: z.url().default("http://localhost:3000"),
  })
  .transform((env, context) => {
    if (!env.BETTER_AUTH_SECRET && env.NODE_ENV === "production")
      context.addIssue({ code: "custom", message: "BETTER_AUTH_SECRET is required in production" });
    return { ...env, BETTER_AUTH_SECRET: env.BETTER_AUTH_SECRET ?? DEVELOPMENT_SECRET };
  });

export type ApiEnv = z.output<typeof envSchema>;

export function apiEnv(): ApiEnv {
  return envSchema.parse(process.env);
}
