/**
 * Applies pending migrations from prisma/migrations (`prisma migrate deploy` semantics: never generates or resets),
 * through Prisma's JavaScript schema engine, so no native engine and no network are needed.
 */
import { runPrismaCli } from "./prisma-cli";

export async function migrateDatabase(url: string): Promise<void> {
  await runPrismaCli(["migrate", "deploy"], { databaseUrl: url });
}
