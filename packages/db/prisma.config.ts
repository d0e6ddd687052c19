/**
 * Prisma CLI configuration (`prisma generate`, `prisma migrate ...`), run from packages/db.
 * Migrations use Prisma's JavaScript schema engine through @prisma/adapter-pg, so no native engine is downloaded.
 * See README.md ("Prisma without its native engines").
 */
import path from "node:path";
import { defineConfig } from "prisma/config";
import { databaseUrlFromEnv } from "./src/env";
import { createMigrationAdapter } from "./src/migration-adapter";

const root = path.resolve(import.meta.dirname, "../..");

export default defineConfig({
  schema: path.join(root, "prisma/schema.prisma"),
  migrations: { path: path.join(root, "prisma/migrations") },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => createMigrationAdapter(databaseUrlFromEnv()),
});
