import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, inject, it } from "vitest";
import { migrateDatabase } from "../src/migrate";
import { createTestDatabase, databaseUrlFor, dropTestDatabase } from "../src/test-database";
import { queryDirectly } from "./fixtures";

const serverUrl = inject("databaseUrl");
const migrationsDir = path.resolve(import.meta.dirname, "../../../prisma/migrations");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

async function databaseExists(name: string): Promise<boolean> {
  const rows = await queryDirectly(serverUrl, "SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  return rows.length === 1;
}

describe("migrations", () => {
  it("apply every migration to an empty database, and a second run changes nothing", async () => {
    const database = await createTestDatabase(serverUrl);
    try {
      expect(database.name).toMatch(/^crux_test_[0-9a-f]{12}$/);
      const tables = await queryDirectly<{ table_name: string }>(
        database.url,
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
      );
      expect(tables.map((row) => row.table_name)).toEqual([
        "_prisma_migrations",
        "account",
        "notebook",
        "notebook_member",
        "notebook_update",
        "session",
        "user",
        "verification",
      ]);
      await migrateDatabase(database.url);
      const applied = await queryDirectly<{ migration_name: string }>(
        database.url,
        "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name",
      );
      expect(applied.map((row) => row.migration_name)).toEqual(migrationNames);
    } finally {
      await database.drop();
    }
    expect(await databaseExists(database.name)).toBe(false);
  });

  it("refuses to drop a database whose name does not contain 'test'", async () => {
    const name = `crux_guard_${randomBytes(4).toString("hex")}`;
    await queryDirectly(serverUrl, `CREATE DATABASE ${name}`);
    try {
      await expect(dropTestDatabase(serverUrl, name)).rejects.toThrow(/refusing to drop database/);
      expect(await databaseExists(name)).toBe(true);
    } finally {
      await queryDirectly(serverUrl, `DROP DATABASE ${name}`);
    }
  });

  it("reports a failed migration instead of handing out an unmigrated database", async () => {
    const unreachable = databaseUrlFor("postgresql://postgres@127.0.0.1:1/postgres", "crux_test_unreachable");
    await expect(migrateDatabase(unreachable)).rejects.toThrow(/prisma migrate deploy failed/);
  });
});
